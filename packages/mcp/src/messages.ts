/** What people read when Gatehouse refuses a call: the same words over HTTP and stdio. */
import type { VerifyAnswer } from "./api.js";

export type ActiveAnswer = Extract<VerifyAnswer, { active: true }>;

const INACTIVE_MESSAGES: Record<string, string> = {
  unknown: "This token is not known to Gatehouse.",
  malformed: "This is not a Gatehouse token (mcpt_...); check for a copy-paste mistake.",
  expired: "This token has expired; ask for a new one or rotate it.",
  secret_replaced: "This token's secret was replaced by a rotation; use the new secret (its owner copies it from My tokens in Gatehouse).",
  revoked: "This token was revoked.",
  user_disabled: "The owner of this token is disabled.",
  wrong_audience: "This token was not issued for this MCP server.",
};

export function inactiveMessage(reason: string): string {
  return INACTIVE_MESSAGES[reason] ?? `The token is not active (${reason}).`;
}

export function denialMessage(tool: string | undefined, answer: ActiveAnswer): string {
  const needs = `this token is read-only: it needs the ${answer.requiredScope ?? "tools:write"} scope.`;
  return answer.toolClass === "unclassified"
    ? `The tool '${tool}' is not known to Gatehouse (never reported: treated as write) and ${needs}`
    : `The tool '${tool}' can change data and ${needs}`;
}
