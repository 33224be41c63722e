/**
 * The verification core: framework-free (no Next, no "server-only"), synchronous, and the
 * one implementation behind /api/v1/verify and /api/v1/introspect on both the fast path in
 * server.ts and the route handlers. Every decision is read and audited inside one IMMEDIATE
 * transaction, and what it reads is cached only while the database's verify_epoch counter
 * stands still (lookup-cache.ts), so a revocation committed before the call is seen by it;
 * if the audit row cannot be written, the call's writes roll back and the answer is 503.
 */
import { db } from "@/db/client";
import type { Tx } from "@/db/transaction";
import type { AuditActor, AuditInput } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";
import { digestCredential, isWellFormed, SERVER_CREDENTIAL_PREFIX, TOKEN_PREFIX } from "@/lib/tokens/format";
import type { CallRequest } from "@/lib/validation/verify";
import { inTransaction, record } from "./decision-tx";
import { verifyLookups, type VerifyLookups } from "./lookup-cache";
import { addressKey, createFailureLimits, type FailureLimits } from "./rate-limit";
import { RefusalSummaries } from "./refusal-summary";
import { flushRefusalSummaries, limited, refuseServerCredential } from "./refusals";
import {
  dueLastUsed,
  noteLastUsed,
  verifyStatements,
  type ServerCredentialRow,
  type TokenSecretRow,
} from "./statements";

export type InactiveReason = "unknown" | "malformed" | "expired" | "secret_replaced" | "revoked" | "user_disabled" | "wrong_audience";
export type ToolClass = "read" | "write" | "unclassified";

export type ActiveToken = {
  id: string;
  scope: "read" | "write";
  scopes: string[];
  /** When this secret stops working (ms): the token's expiry or the end of a rotation grace. */
  expiresAt: number | null;
  createdAt: number;
  user: { id: string; email: string; name: string };
};

export type AuthenticatedServer = {
  id: string;
  slug: string;
  name: string;
  url: string | null;
  deployment: ServerCredentialRow["deployment"];
  acceptsOAuth: boolean;
  credentialId: string;
};

export type Decision =
  | { outcome: "allowed"; server: AuthenticatedServer; token: ActiveToken; toolClass: ToolClass | null; auditId: string }
  | { outcome: "denied"; server: AuthenticatedServer; token: ActiveToken; toolClass: ToolClass; requiredScope: "tools:write"; auditId: string }
  | { outcome: "inactive"; server: AuthenticatedServer; reason: InactiveReason; auditId: string }
  | { outcome: "unauthenticated" }
  | { outcome: "rate_limited"; retryAfterSeconds: number }
  | { outcome: "audit_unavailable" };

export type VerifyInput = {
  /** The server's credential (`mcps_…`) as presented. */
  serverCredential: string | null;
  /** With HTTP Basic, the server's slug: the credential must belong to it. */
  serverSlug?: string | null;
  /** The caller's (the MCP server's) address — the socket's, or behind TRUST_PROXY the forwarded one — for rate limiting and as a fallback client address. */
  remoteAddress: string | null;
  call: CallRequest;
  via: "verify" | "introspect" | "tools" | "local";
};

export type VerifyDeps = {
  now: () => number;
  /** Writes one audit row in the open transaction, or throws. */
  audit: (tx: Tx, input: AuditInput) => { id: string };
  limits: FailureLimits;
};

let defaults: VerifyDeps | undefined;
let flushTimer: NodeJS.Timeout | undefined;

/**
 * The process's deps: wall clock, the one audit writer, and one set of failure buckets, whose
 * refusal summaries are written when their interval ends and when the process exits.
 */
export function defaultVerifyDeps(): VerifyDeps {
  if (!defaults) {
    const refusals = new RefusalSummaries(undefined, () => scheduleSummaryFlush(deps, refusals));
    const deps: VerifyDeps = { now: Date.now, audit: recordAudit, limits: createFailureLimits(undefined, undefined, refusals) };
    // Synchronous, like better-sqlite3: runs on process.exit() too (server.ts's SIGTERM handler).
    process.once("exit", () => flushRefusalSummaries(deps, true));
    defaults = deps;
  }
  return defaults;
}

function scheduleSummaryFlush(deps: VerifyDeps, refusals: RefusalSummaries) {
  const due = refusals.nextDue();
  if (flushTimer || due === null) return;
  flushTimer = setTimeout(() => {
    flushTimer = undefined;
    flushRefusalSummaries(deps);
    scheduleSummaryFlush(deps, refusals);
  }, Math.max(0, due - Date.now()));
  flushTimer.unref();
}

export const READ_SCOPES = ["tools:read"];
export const WRITE_SCOPES = ["tools:read", "tools:write"];

function authenticateServer(row: ServerCredentialRow | undefined, slug: string | null | undefined, now: number) {
  if (!row || row.revoked_at !== null || row.server_status !== "active" || row.server_archived_at !== null) return null;
  if (row.expires_at !== null && row.expires_at <= now) return null;
  if (slug !== undefined && slug !== null && slug !== row.slug) return null;
  return { id: row.server_id, slug: row.slug, name: row.name, url: row.url, deployment: row.deployment, acceptsOAuth: row.accepts_oauth === 1, credentialId: row.credential_id };
}

/** The presented server credential's row and server, when it works now; a malformed one is not looked up. */
export function presentedServer(look: VerifyLookups, input: VerifyInput, now: number) {
  const credential = input.serverCredential ?? "";
  const row = isWellFormed(credential, SERVER_CREDENTIAL_PREFIX) ? look.credential(digestCredential(credential)) : undefined;
  const server = authenticateServer(row, input.serverSlug, now);
  return server && row ? { server, row } : null;
}

export type ServerCallAuthentication =
  | { outcome: "authenticated"; server: AuthenticatedServer }
  | { outcome: "unauthenticated" }
  | { outcome: "rate_limited"; retryAfterSeconds: number }
  | { outcome: "audit_unavailable" };

/**
 * The server a credential belongs to, for server-facing endpoints other than verify
 * (PUT /api/v1/tools). A bad credential is limited per address and audited exactly as verify's.
 */
export function authenticateServerCall(
  credential: string | null,
  remoteAddress: string | null,
  userAgent: string | null,
  deps: VerifyDeps = defaultVerifyDeps(),
): ServerCallAuthentication {
  const now = deps.now();
  const call = { token: "", method: null, tool: null, requestId: null, clientIp: null, userAgent };
  const input: VerifyInput = { serverCredential: credential, remoteAddress, call, via: "tools" };
  try {
    return inTransaction((tx): ServerCallAuthentication => {
      const sqlite = db().$client;
      const look = verifyLookups(sqlite);
      look.sync();
      const found = presentedServer(look, input, now);
      return found ? { outcome: "authenticated", server: found.server } : refuseServerCredential(tx, verifyStatements(sqlite), input, deps, now);
    });
  } catch (err) {
    console.error("server authentication could not be recorded:", err instanceof Error ? err.name + ": " + err.message : "unknown");
    return { outcome: "audit_unavailable" };
  }
}

type Judgement =
  | { kind: "inactive"; reason: InactiveReason; row?: TokenSecretRow }
  | { kind: "active"; row: TokenSecretRow; token: ActiveToken; toolClass: ToolClass | null; denied: boolean };

function activeToken(row: TokenSecretRow): ActiveToken {
  const a = row.expires_at;
  const b = row.secret_expires_at;
  return {
    id: row.token_id,
    scope: row.scope,
    scopes: row.scope === "write" ? WRITE_SCOPES : READ_SCOPES,
    expiresAt: a === null ? b : b === null ? a : Math.min(a, b),
    createdAt: row.created_at,
    user: { id: row.user_id, email: row.email, name: row.user_name },
  };
}

/** The checks, in the documented order; the first that fails names the reason. */
function judge(look: VerifyLookups, serverId: string, call: CallRequest, now: number): Judgement {
  if (!isWellFormed(call.token, TOKEN_PREFIX)) return { kind: "inactive", reason: "malformed" };
  const row = look.token(digestCredential(call.token));
  if (!row) return { kind: "inactive", reason: "unknown" };
  if (row.revoked_at !== null) return { kind: "inactive", reason: "revoked", row };
  if (row.expires_at !== null && row.expires_at <= now) return { kind: "inactive", reason: "expired", row };
  // Only a rotation gives a secret an end (its grace, never past the token's own expiry): the
  // token lives on with a newer secret, so the client is told to pick that up, not that it expired.
  if (row.secret_expires_at !== null && row.secret_expires_at <= now) return { kind: "inactive", reason: "secret_replaced", row };
  if (row.user_status !== "active") return { kind: "inactive", reason: "user_disabled", row };
  if (!row.all_servers && !look.inAudience(row.token_id, serverId)) return { kind: "inactive", reason: "wrong_audience", row };
  const token = activeToken(row);
  if (call.method !== "tools/call" || call.tool === null) return { kind: "active", row, token, toolClass: null, denied: false };
  // A tool the server never reported is treated as write: unknown means "could change data".
  const toolClass: ToolClass = look.toolClass(serverId, call.tool) ?? "unclassified";
  return { kind: "active", row, token, toolClass, denied: row.scope === "read" && toolClass !== "read" };
}

/** What the call's audit row says beyond the call itself. */
type Outcome = {
  type: AuditInput["type"];
  decision: AuditInput["decision"];
  reason: string | null;
  token?: TokenSecretRow | null;
  toolClass?: ToolClass | null;
};

/**
 * The call's audit input, built as one literal of a fixed shape: spreading a shared base into
 * each variant cost several µs a call on Node 20 and made V8 promote the copies' garbage.
 */
function callAudit(server: AuthenticatedServer, input: VerifyInput, actor: AuditActor, o: Outcome): AuditInput {
  const { call } = input;
  return {
    type: o.type,
    actor,
    decision: o.decision,
    reason: o.reason,
    subjectUserId: o.token?.user_id ?? null,
    tokenId: o.token?.token_id ?? null,
    serverId: server.id,
    method: call.method,
    tool: call.tool,
    toolClass: o.toolClass ?? null,
    requestId: call.requestId,
    clientIp: call.clientIp ?? input.remoteAddress,
    userAgent: call.userAgent,
    details: input.via === "verify" ? null : { via: input.via },
  };
}

export function serverActor(server: AuthenticatedServer): AuditActor {
  return { type: "server", id: server.id, name: server.slug };
}

function decideInTransaction(tx: Tx, input: VerifyInput, deps: VerifyDeps, now: number): Decision {
  const sqlite = db().$client;
  const s = verifyStatements(sqlite);
  const look = verifyLookups(sqlite);
  // Inside the transaction: any change committed before it empties what was cached.
  look.sync();
  // The credential is checked before any bucket: a working one is never refused for its address.
  const found = presentedServer(look, input, now);
  if (!found) return refuseServerCredential(tx, s, input, deps, now);
  const { server, row } = found;
  const actor = serverActor(server);

  const j = judge(look, server.id, input.call, now);
  if (j.kind === "inactive") {
    const token = j.row ?? null;
    // The server and its credential were used; the token, which did not work, was not.
    const due = dueLastUsed(now, row, null);
    const audit = () => callAudit(server, input, actor, { type: "call.rate_limited", decision: "deny", reason: "too_many_failures", token });
    // Only an end-client address the server reports isolates one client from the others.
    const clientKey = input.call.clientIp ? `${server.id}|${addressKey(input.call.clientIp)}` : null;
    if (clientKey) {
      const retryAfterSeconds = deps.limits.byClient.retryAfter(clientKey, now);
      deps.limits.byClient.recordFailure(clientKey, now);
      if (retryAfterSeconds > 0) return limited(tx, s, deps, now, { kind: "client", key: clientKey, retryAfterSeconds, audit, due });
    }
    // Over the server's failure budget, failing calls learn nothing but "slow down".
    const credentialRetry = deps.limits.byCredential.retryAfter(server.credentialId, now);
    deps.limits.byCredential.recordFailure(server.credentialId, now);
    if (credentialRetry > 0) return limited(tx, s, deps, now, { kind: "credential", key: server.credentialId, retryAfterSeconds: credentialRetry, audit, due });
    const auditId = record(tx, s, deps, callAudit(server, input, actor, { type: "call.inactive", decision: "deny", reason: j.reason, token }), due, now);
    noteLastUsed(due, now, row, null);
    return { outcome: "inactive", server, reason: j.reason, auditId };
  }
  const audit = callAudit(server, input, actor, {
    type: j.denied ? "call.denied" : "call.allowed",
    decision: j.denied ? "deny" : "allow",
    reason: j.denied ? "insufficient_scope" : null,
    token: j.row,
    toolClass: j.toolClass,
  });
  const due = dueLastUsed(now, row, j.row);
  const auditId = record(tx, s, deps, audit, due, now);
  noteLastUsed(due, now, row, j.row);
  return j.denied
    ? { outcome: "denied", server, token: j.token, toolClass: j.toolClass ?? "unclassified", requiredScope: "tools:write", auditId }
    : { outcome: "allowed", server, token: j.token, toolClass: j.toolClass, auditId };
}

/**
 * Decides one call and records it. Never throws: any failure to read or to audit becomes
 * `audit_unavailable`, which callers answer with 503 (never with an allow).
 */
export function verify(input: VerifyInput, deps: VerifyDeps = defaultVerifyDeps()): Decision {
  const now = deps.now();
  try {
    return inTransaction((tx) => decideInTransaction(tx, input, deps, now));
  } catch (err) {
    console.error("verification could not be recorded:", err instanceof Error ? err.name + ": " + err.message : "unknown");
    return { outcome: "audit_unavailable" };
  }
}
