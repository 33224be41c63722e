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

/*
 * Which index answers matters: a busy token has millions of call events, and regenerations are
 * few. Its token.issued row is its first event, found at once along the token's own index; its
 * token.regenerated rows are found along the type index. The unary `+` keeps SQLite off the other.
 */
const ISSUED_ROW = "e.token_id = ? AND +e.type = 'token.issued'";
const REGENERATED_ROWS = "+e.token_id = ? AND e.type = 'token.regenerated'";

/** The `key` of the details of the matching events on one token. */
function detailIds(where: string, tokenId: string, key: string, order: "ASC" | "DESC", limit: number): string[] {
  const inner = auditSeqs(indexedWhere(where, tokenId), { order, limit });
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
  const [from] = named(detailIds(ISSUED_ROW, tokenId, "regenerated_from", "ASC", 1));
  return { regeneratedFrom: from ?? null, replacedBy: named(detailIds(REGENERATED_ROWS, tokenId, "regenerated_as", "DESC", MAX_REPLACEMENTS)) };
}
