"use server";

import { requireAdmin } from "@/lib/auth/session";
import { verifyStoredChain } from "@/lib/audit/verify";

export type ChainVerdict =
  | { state: "idle" }
  | { state: "ok"; count: number; headSeq: number | null; headHash: string | null; checkedAt: number }
  | { state: "broken"; badSeq: number; problem: string; count: number; checkedAt: number };

/** Walks the whole stored chain on demand (seconds on a million rows, in batches that let requests through). */
export async function verifyChainAction(// eslint-disable-next-line @typescript-eslint/no-unused-vars -- useActionState passes the previous verdict
  _prev: ChainVerdict,
): Promise<ChainVerdict> {
  await requireAdmin();
  const check = await verifyStoredChain();
  const checkedAt = Date.now();
  if (!check.ok) {
    // The first break is shown; the rest are counted, so one bad row cannot hide the others.
    const more = check.breakCount > 1 ? ` (and ${check.breakCount - 1} more; \`gatehouse audit verify\` lists them all)` : "";
    return { state: "broken", badSeq: check.badSeq, problem: check.problem + more, count: check.count, checkedAt };
  }
  return { state: "ok", count: check.count, headSeq: check.head?.seq ?? null, headHash: check.head?.hash ?? null, checkedAt };
}
