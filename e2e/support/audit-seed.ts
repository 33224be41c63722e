import { execFileSync } from "node:child_process";
import type { AuditInput } from "@/lib/audit/events";
import { gatehouseEnv } from "./env";

/**
 * Writes audit events into the e2e database through the real writer (recordAudit in one
 * transaction), as the verification API would. Returns their sequence numbers.
 */
export function seedAuditEvents(events: AuditInput[]): number[] {
  const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "e2e/support/audit-seed-run.ts"], {
    env: { ...process.env, ...gatehouseEnv() },
    input: JSON.stringify(events),
    encoding: "utf8",
  });
  return JSON.parse(out) as number[];
}
