import { DAY_MS, HOUR_MS } from "./duration";

/** How long an old secret keeps working after a rotation. */
export const DEFAULT_GRACE_MS = 24 * HOUR_MS;
export const MAX_GRACE_MS = 7 * DAY_MS;

/**
 * When the replaced secret stops working: after the grace period, but never later than the
 * token itself (a rotation must not extend a token's life). Grace 0 means at once.
 */
export function graceEndsAt(now: Date, graceMs: number, tokenExpiresAt: Date | null): Date {
  const end = now.getTime() + graceMs;
  return new Date(tokenExpiresAt ? Math.min(end, tokenExpiresAt.getTime()) : end);
}

/**
 * What the person who rotated is told about the replaced secret (or server credential): with no
 * grace it has stopped already, so it must never read "keeps working until" the same minute.
 */
export function replacedNote(what: "secret" | "credential", graceMs: number, endsAt: Date | string | null, format: (at: Date) => string): string | null {
  if (endsAt === null) return null;
  if (graceMs === 0) return `The old ${what} stopped working at once.`;
  return `The old ${what} keeps working until ${format(new Date(endsAt))}.`;
}
