import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "@/db/client";
import { mcpServers, tokens, tokenSecrets, tokenServers, users } from "@/db/schema";
import type { TableQuery } from "@/components/data-table/search-params";
import { DAY_MS, HOUR_MS } from "./duration";
import { requireSelfOrAdmin, type Actor } from "@/lib/auth/actor";
import { containsPattern, startsWithPattern } from "@/lib/search/like";
import { ownerLimit } from "./actor";
import { TOKEN_PREFIX } from "./format";
import { currentHintSql, rotatingUntilSql, tokenStatusSql } from "./status-sql";
import type { TokenStatus } from "./status";
import type { TokenFilters, TokenSortColumn } from "@/lib/validation/tokens";

export type TokenServerRef = { id: string; slug: string; name: string; url: string | null };

/** A token as lists and detail pages show it: never a secret or digest, only the hint. */
export type TokenRow = {
  id: string;
  name: string;
  scope: "read" | "write";
  allServers: boolean;
  servers: TokenServerRef[];
  status: TokenStatus;
  hint: string | null;
  rotatingUntil: Date | null;
  owner: { id: string; email: string; name: string; status: "active" | "disabled" };
  revealTo: "owner" | "creator";
  expiresAt: Date | null;
  createdAt: Date;
  createdByName: string;
  revokedAt: Date | null;
  revokedByName: string | null;
  revokeReason: string | null;
  lastUsedAt: Date | null;
  lastUsedServerName: string | null;
};

const creator = alias(users, "creator");
const revoker = alias(users, "revoker");
const lastServer = alias(mcpServers, "last_server");

function baseQuery(now: number) {
  return db()
    .select({
      id: tokens.id,
      name: tokens.name,
      scope: tokens.scope,
      allServers: tokens.allServers,
      status: tokenStatusSql(now),
      hint: currentHintSql,
      rotatingUntil: rotatingUntilSql(now),
      ownerId: users.id,
      ownerEmail: users.email,
      ownerName: users.name,
      ownerStatus: users.status,
      revealTo: tokens.revealTo,
      expiresAt: tokens.expiresAt,
      createdAt: tokens.createdAt,
      createdBy: tokens.createdBy,
      creatorEmail: creator.email,
      revokedAt: tokens.revokedAt,
      revokedBy: tokens.revokedBy,
      revokerEmail: revoker.email,
      revokeReason: tokens.revokeReason,
      lastUsedAt: tokens.lastUsedAt,
      lastUsedServerName: lastServer.name,
    })
    .from(tokens)
    .innerJoin(users, eq(tokens.ownerId, users.id))
    .leftJoin(creator, eq(tokens.createdBy, creator.id))
    .leftJoin(revoker, eq(tokens.revokedBy, revoker.id))
    .leftJoin(lastServer, eq(tokens.lastUsedServerId, lastServer.id));
}
type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["all"]>>[number];

function serversByToken(tokenIds: string[]): Map<string, TokenServerRef[]> {
  const map = new Map<string, TokenServerRef[]>();
  if (tokenIds.length === 0) return map;
  const rows = db()
    .select({ tokenId: tokenServers.tokenId, id: mcpServers.id, slug: mcpServers.slug, name: mcpServers.name, url: mcpServers.url })
    .from(tokenServers)
    .innerJoin(mcpServers, eq(tokenServers.serverId, mcpServers.id))
    .where(inArray(tokenServers.tokenId, tokenIds))
    .orderBy(asc(mcpServers.name))
    .all();
  for (const { tokenId, ...server } of rows) map.set(tokenId, [...(map.get(tokenId) ?? []), server]);
  return map;
}

/** Who revoked it, as pages say it. No revoker means the holder presented it to POST /api/v1/revoke (a leak response). */
function revokerName(r: Pick<BaseRow, "revokedAt" | "revokedBy" | "revokerEmail">): string | null {
  if (r.revokedAt === null) return null;
  if (r.revokedBy === null) return "the token holder";
  return r.revokedBy === "system" ? "system (CLI)" : (r.revokerEmail ?? r.revokedBy);
}

function toRows(rows: BaseRow[]): TokenRow[] {
  const servers = serversByToken(rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scope: r.scope,
    allServers: r.allServers,
    servers: servers.get(r.id) ?? [],
    status: r.status,
    hint: r.hint,
    rotatingUntil: r.rotatingUntil === null ? null : new Date(r.rotatingUntil),
    owner: { id: r.ownerId, email: r.ownerEmail, name: r.ownerName, status: r.ownerStatus },
    revealTo: r.revealTo,
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
    createdByName: r.createdBy === "system" ? "system (CLI)" : (r.creatorEmail ?? r.createdBy),
    revokedAt: r.revokedAt,
    revokedByName: revokerName(r),
    revokeReason: r.revokeReason,
    lastUsedAt: r.lastUsedAt,
    lastUsedServerName: r.lastUsedServerName,
  }));
}

const LAST_USED_SINCE: Record<string, number> = { "24h": 24 * HOUR_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS };

/**
 * Free text: the token's name, its id, its owner's name or email, or the start of one of its
 * secrets as displayed (the characters after mcpt_: a URL never carries the prefix, see
 * components/data-table/data-table-search.tsx).
 */
function searchCondition(q: string): SQL {
  const anywhere = containsPattern(q);
  return sql`(${tokens.name} LIKE ${anywhere} ESCAPE '\\' OR ${tokens.id} LIKE ${anywhere} ESCAPE '\\' OR ${users.name} LIKE ${anywhere} ESCAPE '\\'
    OR ${users.email} LIKE ${anywhere} ESCAPE '\\'
    OR EXISTS (SELECT 1 FROM ${tokenSecrets} WHERE ${tokenSecrets.tokenId} = ${tokens.id} AND ${tokenSecrets.hint} LIKE ${startsWithPattern(TOKEN_PREFIX + q)} ESCAPE '\\'))`;
}

function whereFor(actor: Actor, filters: TokenFilters, now: number): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  // Non-admins only ever see their own tokens, whatever the URL says.
  const limit = ownerLimit(actor);
  if (limit !== null) conditions.push(eq(tokens.ownerId, limit));
  if (filters.owner) conditions.push(eq(users.email, filters.owner));
  if (filters.q) conditions.push(searchCondition(filters.q));
  if (filters.status) conditions.push(sql`${tokenStatusSql(now)} = ${filters.status}`);
  if (filters.scope) conditions.push(eq(tokens.scope, filters.scope));
  if (filters.server) {
    conditions.push(
      or(
        eq(tokens.allServers, true),
        sql`EXISTS (SELECT 1 FROM token_servers ts JOIN mcp_servers m ON m.id = ts.server_id WHERE ts.token_id = ${tokens.id} AND m.slug = ${filters.server})`,
      ),
    );
  }
  if (filters.expiring) {
    conditions.push(isNull(tokens.revokedAt), gt(tokens.expiresAt, new Date(now)), lte(tokens.expiresAt, new Date(now + filters.expiring)));
  }
  if (filters.lastUsed === "never") conditions.push(isNull(tokens.lastUsedAt));
  else if (filters.lastUsed === "older30d") conditions.push(isNotNull(tokens.lastUsedAt), lt(tokens.lastUsedAt, new Date(now - 30 * DAY_MS)));
  else if (filters.lastUsed) conditions.push(gt(tokens.lastUsedAt, new Date(now - LAST_USED_SINCE[filters.lastUsed]!)));
  return and(...conditions);
}

function orderFor(sort: TableQuery<TokenSortColumn>["sort"], now: number): SQL[] {
  const column = {
    name: sql`${tokens.name} COLLATE NOCASE`,
    owner: sql`${users.email}`,
    scope: sql`${tokens.scope}`,
    status: tokenStatusSql(now),
    expiresAt: sql`${tokens.expiresAt}`,
    createdAt: sql`${tokens.createdAt}`,
    lastUsedAt: sql`${tokens.lastUsedAt}`,
  }[sort.id];
  // The id breaks ties, so pages never repeat or skip a row.
  return [sort.desc ? desc(column) : asc(column), asc(tokens.id)];
}

/** One page of tokens (admins: all; others: their own), filtered and sorted on the server. */
export function listTokens(actor: Actor, query: TableQuery<TokenSortColumn>, filters: TokenFilters): { rows: TokenRow[]; total: number } {
  const now = Date.now();
  const where = whereFor(actor, filters, now);
  const total = db().select({ n: count() }).from(tokens).innerJoin(users, eq(tokens.ownerId, users.id)).where(where).get()?.n ?? 0;
  const rows = baseQuery(now)
    .where(where)
    .orderBy(...orderFor(query.sort, now))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .all();
  return { rows: toRows(rows), total };
}

/** Where a page of an export starts and how long it is, at one `now` for every page. */
export type ExportPage = { offset: number; limit: number; now: number };

/**
 * Tokens matching the filters, in the table's order: every one, or one page of an export (the
 * CSV export streams page by page, so memory stays bounded however many tokens there are).
 */
export function listTokensForExport(actor: Actor, sort: TableQuery<TokenSortColumn>["sort"], filters: TokenFilters, page?: ExportPage): TokenRow[] {
  const now = page?.now ?? Date.now();
  const query = baseQuery(now).where(whereFor(actor, filters, now)).orderBy(...orderFor(sort, now));
  return toRows(page ? query.limit(page.limit).offset(page.offset).all() : query.all());
}

/** How many tokens an export with these filters holds, at `now`. */
export function countTokensForExport(actor: Actor, filters: TokenFilters, now: number): number {
  return db().select({ n: count() }).from(tokens).innerJoin(users, eq(tokens.ownerId, users.id)).where(whereFor(actor, filters, now)).get()?.n ?? 0;
}

/** A user's own tokens, live ones first, newest first. */
export function listOwnTokens(actor: Exclude<Actor, "system">): TokenRow[] {
  return listTokensOwnedBy(actor, actor.id);
}

/** One person's tokens, live ones first, newest first: for themself, or an admin (their user page). */
export function listTokensOwnedBy(actor: Actor, ownerId: string): TokenRow[] {
  requireSelfOrAdmin(actor, ownerId);
  const now = Date.now();
  const rows = baseQuery(now)
    .where(eq(tokens.ownerId, ownerId))
    .orderBy(sql`${tokens.revokedAt} IS NOT NULL`, desc(tokens.createdAt), asc(tokens.id))
    .all();
  return toRows(rows);
}

export type SecretHistoryEntry = {
  id: string;
  hint: string;
  createdAt: Date;
  rotatedAt: Date | null;
  expiresAt: Date | null;
  state: "current" | "grace" | "expired";
};

/** Newest first; secrets created in the same millisecond keep the order they were written in. */
function secretHistory(tokenId: string, now: number): SecretHistoryEntry[] {
  return db()
    .select({ id: tokenSecrets.id, hint: tokenSecrets.hint, createdAt: tokenSecrets.createdAt, rotatedAt: tokenSecrets.rotatedAt, expiresAt: tokenSecrets.expiresAt })
    .from(tokenSecrets)
    .where(eq(tokenSecrets.tokenId, tokenId))
    .orderBy(desc(tokenSecrets.createdAt), desc(sql`rowid`))
    .all()
    .map((s): SecretHistoryEntry => ({ ...s, state: s.expiresAt === null ? "current" : s.expiresAt.getTime() > now ? "grace" : "expired" }));
}

/**
 * A token and the history of its secrets (created, rotated out, stopped working; never values),
 * if the actor may see it (owner or admin); undefined otherwise, as for a missing id.
 */
export function findTokenDetail(actor: Actor, tokenId: string): { token: TokenRow; secrets: SecretHistoryEntry[] } | undefined {
  const now = Date.now();
  const limit = ownerLimit(actor);
  const ownOnly = limit === null ? undefined : eq(tokens.ownerId, limit);
  const row = baseQuery(now).where(and(eq(tokens.id, tokenId), ownOnly)).get();
  if (!row) return undefined;
  return { token: toRows([row])[0]!, secrets: secretHistory(row.id, now) };
}
