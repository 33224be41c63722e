import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { tokens } from "@/db/schema";
import type { TokenStatus } from "./status";

/** deriveTokenStatus (lib/tokens/status.ts) as an SQL expression, for filtering and sorting. */
export function tokenStatusSql(now: number): SQL<TokenStatus> {
  return sql<TokenStatus>`(CASE
    WHEN ${tokens.revokedAt} IS NOT NULL THEN 'revoked'
    WHEN ${tokens.expiresAt} IS NOT NULL AND ${tokens.expiresAt} <= ${now} THEN 'expired'
    WHEN NOT EXISTS (SELECT 1 FROM token_secrets s WHERE s.token_id = ${tokens.id} AND s.expires_at IS NULL) THEN 'ready'
    WHEN EXISTS (SELECT 1 FROM token_secrets s WHERE s.token_id = ${tokens.id} AND s.expires_at > ${now}) THEN 'rotating'
    ELSE 'active' END)`;
}

/** When the last old secret of a rotating token stops working (null when none is in grace). */
export function rotatingUntilSql(now: number): SQL<number | null> {
  return sql<number | null>`(SELECT MAX(s.expires_at) FROM token_secrets s WHERE s.token_id = ${tokens.id} AND s.expires_at > ${now})`;
}

/** The display hint of the current secret. */
export const currentHintSql = sql<string | null>`(SELECT s.hint FROM token_secrets s WHERE s.token_id = ${tokens.id} AND s.expires_at IS NULL LIMIT 1)`;
