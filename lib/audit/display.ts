import type { AuditDecision } from "./events";

/*
 * How audit values read on screen (server and client components share these). Times are shown
 * in UTC, as stored, so two admins in different zones quote the same moment the same way.
 */

/** A time as the filter form shows it: "2026-11-26 13:40", 24-hour UTC. */
export function toUtcInputValue(ms: number | undefined): string {
  return ms === undefined ? "" : new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

export const DECISION_LABELS: Record<AuditDecision, string> = { allow: "Allowed", deny: "Denied", success: "Success", failure: "Failure" };

export const DECISION_TONES: Record<AuditDecision, "success" | "destructive" | "muted" | "warning"> = {
  allow: "success",
  deny: "destructive",
  success: "muted",
  failure: "warning",
};
