import { randomBase62 } from "@/lib/tokens/base62";

/** Prefixed random ids, Stripe style: `tok_4mV0x…`. Not secrets; just unguessable and readable. */
export type IdPrefix = "usr" | "inv" | "tok" | "sec" | "srv" | "crd" | "tool" | "evt";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(16)}`;
}
