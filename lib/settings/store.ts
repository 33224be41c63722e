import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db/client";
import { settings } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { parseStoredSetting } from "./cached";

/** Reads a JSON setting, falling back to `fallback` when unset or no longer valid. */
export function readSetting<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): z.output<S> {
  const row = db().select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return parseStoredSetting(row?.value, schema, fallback);
}

export function writeSetting(tx: Tx, key: string, value: unknown, updatedBy: string | null): void {
  const json = JSON.stringify(value);
  tx.insert(settings)
    .values({ key, value: json, updatedBy })
    .onConflictDoUpdate({ target: settings.key, set: { value: json, updatedBy, updatedAt: new Date() } })
    .run();
}

export function deleteSetting(tx: Tx, key: string): void {
  tx.delete(settings).where(eq(settings.key, key)).run();
}
