/*
 * A setting read on a hot path (the OAuth token endpoint): one prepared primary-key read, and the
 * JSON parsed and validated again only when the stored text differs from last time. The text is
 * the cache key, not a flag cleared on save, because saves come from other module copies (Next
 * bundles its own) and other processes (the CLI): whoever saved, the next read sees it.
 * Framework-free (no "server-only"), so the plain-node request path can import it.
 */
import type { z } from "zod";
import { db } from "@/db/client";
import { perConnection } from "@/db/per-connection";

/** A stored setting's value, or `fallback` when unset or no longer valid. */
export function parseStoredSetting<S extends z.ZodType, F = z.output<S>>(text: string | undefined, schema: S, fallback: F): z.output<S> | F {
  if (text === undefined) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

const settingText = perConnection((sqlite) => sqlite.prepare<[string], string>("SELECT value FROM settings WHERE key = ?").pluck());

/** A reader of one setting that is null while the setting is unset (or invalid). */
export function cachedSetting<S extends z.ZodType>(key: string, schema: S): () => z.output<S> | null {
  let seen: { text: string | undefined; value: z.output<S> | null } | null = null;
  return () => {
    const text = settingText(db().$client).get(key);
    if (seen === null || seen.text !== text) seen = { text, value: parseStoredSetting(text, schema, null) };
    return seen.value;
  };
}
