import { encodeBase62, pooledRandomBase62 } from "@/lib/tokens/base62";

/** Prefixed random ids, Stripe style: `tok_4mV0x…`. Not secrets; just unguessable and readable. */
export type IdPrefix = "usr" | "inv" | "tok" | "sec" | "srv" | "crd" | "tool" | "evt" | "ocl" | "ogr" | "ort";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${pooledRandomBase62(16)}`;
}

/**
 * A time-ordered id (milliseconds, then randomness) for rows written at a high rate: its unique
 * index grows at the right edge, so an insert touches one index page instead of a random one.
 */
export function newSortableId(prefix: IdPrefix, now = Date.now()): string {
  return `${prefix}_${encodeBase62(now, 8)}${pooledRandomBase62(10)}`;
}
