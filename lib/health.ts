import { db } from "@/db/client";

/** True when the database answers a query. */
export function checkDatabase(): boolean {
  try {
    return db().$client.prepare("SELECT 1 AS ok").get() !== undefined;
  } catch {
    return false;
  }
}
