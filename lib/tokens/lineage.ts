import "server-only";
import { inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { tokens } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { auditSeqs, indexedWhere, searchPrepared } from "@/lib/audit/search";
import { requireTokenViewer } from "./actor";

export type TokenRef = { id: string; name: string };

/** Which token this one was regenerated from, and which it was regenerated as (newest first). */
export type TokenLineage = { regeneratedFrom: TokenRef | null; replacedBy: TokenRef[] };

// Regenerating an ended token more than a few times is unusual; the page names the newest.
const MAX_REPLACEMENTS = 10;

/** The `key` of the details of the matching events on one token, through the token index. */
function detailIds(tokenId: string, type: "token.issued" | "token.regenerated", key: string, order: "ASC" | "DESC", limit: number): string[] {
  const inner = auditSeqs(indexedWhere("e.token_id = ? AND e.type = ?", tokenId, type), { order, limit });
  return searchPrepared(`SELECT json_extract(details, '$.' || ?) FROM main.audit_events WHERE seq IN (${inner.clause}) ORDER BY seq ${order}`)
    .pluck()
    .all(key, ...inner.params)
    .filter((id): id is string => typeof id === "string");
}

function named(ids: string[]): TokenRef[] {
  if (ids.length === 0) return [];
  const rows = db().select({ id: tokens.id, name: tokens.name }).from(tokens).where(inArray(tokens.id, ids)).all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Both ends of a regeneration, read from the log (token.issued names the old token, token.regenerated
 * the new one), for the token's owner or an admin ("not found" for anyone else). A regenerated
 * token keeps its owner, so whoever may see one may see the other.
 */
export function tokenLineage(actor: Actor, tokenId: string): TokenLineage {
  requireTokenViewer(actor, tokenId);
  const [from] = named(detailIds(tokenId, "token.issued", "regenerated_from", "ASC", 1));
  return { regeneratedFrom: from ?? null, replacedBy: named(detailIds(tokenId, "token.regenerated", "regenerated_as", "DESC", MAX_REPLACEMENTS)) };
}
