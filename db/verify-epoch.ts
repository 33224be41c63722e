/**
 * The tables whose changes move verify_epoch (the triggers in db/migrations/ and
 * db/migrations-pg/), each with the columns that do not: written by verification itself (and by
 * sign-in), they must not empty the lookup cache on every call. Every other column of these
 * tables is in the trigger's UPDATE OF list, in both dialects (lib/verify/lookup-cache.test.ts,
 * db/trigger-parity.pg.test.ts).
 */
export const VERIFY_EPOCH_UNWATCHED: Readonly<Record<string, readonly string[]>> = {
  tokens: ["last_used_at", "last_used_server_id"],
  server_credentials: ["last_used_at"],
  mcp_servers: ["last_call_at"],
  users: ["last_sign_in_at"],
  token_secrets: [],
  token_servers: [],
  tools: [],
};
