/**
 * The verification core: framework-free (no Next, no "server-only"), synchronous, and the
 * one implementation behind /api/v1/verify and /api/v1/introspect on both the fast path in
 * server.ts and the route handlers. Every decision is read and audited inside one IMMEDIATE
 * transaction, and what it reads is cached only while the database's verify_epoch counter
 * stands still (lookup-cache.ts), so a revocation committed before the call is seen by it;
 * if the audit row cannot be written, the call's writes roll back and the answer is 503.
 */
import { db } from "@/db/client";
import { transact, type Tx } from "@/db/transaction";
import type { AuditActor, AuditInput } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";
import { digestCredential, isWellFormed, SERVER_CREDENTIAL_PREFIX, TOKEN_PREFIX } from "@/lib/tokens/format";
import type { CallRequest } from "@/lib/validation/verify";
import { verifyLookups, type VerifyLookups } from "./lookup-cache";
import { createFailureLimits, type FailureLimits } from "./rate-limit";
import {
  dueLastUsed,
  noteLastUsed,
  verifyStatements,
  writeLastUsed,
  type LastUsedDue,
  type ServerCredentialRow,
  type Statements,
  type TokenSecretRow,
} from "./statements";

export type InactiveReason = "unknown" | "malformed" | "expired" | "revoked" | "user_disabled" | "wrong_audience";
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

export type AuthenticatedServer = { id: string; slug: string; name: string; url: string; credentialId: string };

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
  /** The socket address of the caller (the MCP server), for rate limiting and as a fallback client address. */
  remoteAddress: string | null;
  call: CallRequest;
  via: "verify" | "introspect";
};

export type VerifyDeps = {
  now: () => number;
  /** Writes one audit row in the open transaction, or throws. */
  audit: (tx: Tx, input: AuditInput) => { id: string };
  limits: FailureLimits;
};

let defaults: VerifyDeps | undefined;

/** The process's deps: wall clock, the one audit writer, and one set of failure buckets. */
export function defaultVerifyDeps(): VerifyDeps {
  defaults ??= { now: Date.now, audit: recordAudit, limits: createFailureLimits() };
  return defaults;
}

export const READ_SCOPES = ["tools:read"];
export const WRITE_SCOPES = ["tools:read", "tools:write"];

function authenticateServer(row: ServerCredentialRow | undefined, slug: string | null | undefined, now: number) {
  if (!row || row.revoked_at !== null || row.server_status !== "active") return null;
  if (row.expires_at !== null && row.expires_at <= now) return null;
  if (slug !== undefined && slug !== null && slug !== row.slug) return null;
  return { id: row.server_id, slug: row.slug, name: row.name, url: row.url, credentialId: row.credential_id };
}

/** The server a credential belongs to, if the credential works now (for server-facing endpoints other than verify). */
export function authenticateServerCredential(credential: string | null, now = Date.now()): AuthenticatedServer | null {
  if (!credential || !isWellFormed(credential, SERVER_CREDENTIAL_PREFIX)) return null;
  return authenticateServer(verifyStatements(db().$client).credentialByHash.get(digestCredential(credential)), null, now);
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
  if ((row.expires_at !== null && row.expires_at <= now) || (row.secret_expires_at !== null && row.secret_expires_at <= now)) {
    return { kind: "inactive", reason: "expired", row };
  }
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
function callAudit(server: AuthenticatedServer | null, input: VerifyInput, actor: AuditActor, o: Outcome): AuditInput {
  const { call } = input;
  return {
    type: o.type,
    actor,
    decision: o.decision,
    reason: o.reason,
    subjectUserId: o.token?.user_id ?? null,
    tokenId: o.token?.token_id ?? null,
    serverId: server?.id ?? null,
    method: call.method,
    tool: call.tool,
    toolClass: o.toolClass ?? null,
    requestId: call.requestId,
    clientIp: call.clientIp ?? input.remoteAddress,
    userAgent: call.userAgent,
    details: input.via === "introspect" ? { via: "introspect" } : null,
  };
}

function serverActor(server: AuthenticatedServer): AuditActor {
  return { type: "server", id: server.id, name: server.slug };
}

// The transaction of the group being decided (decideTogether), which every call in it joins.
let groupTx: Tx | null = null;

/**
 * Runs fn, which makes several verify() calls, in ONE IMMEDIATE transaction that those calls
 * join instead of each opening its own (group-commit.ts). Throws if it cannot commit.
 */
export function decideTogether<T>(fn: () => T): T {
  return forgetOnFailure(() =>
    transact((tx) => {
      groupTx = tx;
      try {
        return fn();
      } finally {
        groupTx = null;
      }
    }),
  );
}

/** The group's transaction when there is one still open, else a transaction of the call's own. */
function inTransaction<T>(fn: (tx: Tx) => T): T {
  return groupTx !== null && db().$client.inTransaction ? fn(groupTx) : forgetOnFailure(() => transact(fn));
}

/** What was read in a transaction that rolls back may reflect changes that never happened. */
function forgetOnFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    verifyLookups(db().$client).forget();
    throw err;
  }
}

/**
 * Writes a call's audit row, and any last-used times due, as one unit: in a group, a call that
 * fails here leaves nothing behind to be committed with the others. A prepared savepoint
 * (about 1.5 µs), not a nested transact(), which built a new drizzle transaction per call.
 * On a busy server no last-used time is due on most calls; the audit INSERT is then the one
 * write, and a single statement is atomic by itself, so those calls take no savepoint.
 */
function record(tx: Tx, s: Statements, deps: VerifyDeps, audit: AuditInput, due: LastUsedDue | null, now: number): string {
  return forgetOnFailure(() =>
    due
      ? s.atomically(() => {
          writeLastUsed(s, now, due);
          return deps.audit(tx, audit).id;
        })
      : deps.audit(tx, audit).id,
  );
}

/** Audits a refusal made before any token was looked at (rate limit). */
function refuse(input: VerifyInput, deps: VerifyDeps, now: number, type: "call.rate_limited", reason: string) {
  const actor: AuditActor = { type: "anonymous", name: input.remoteAddress ?? undefined };
  const audit = callAudit(null, input, actor, { type, decision: "deny", reason });
  inTransaction((tx) => record(tx, verifyStatements(db().$client), deps, audit, null, now));
}

function decideInTransaction(tx: Tx, input: VerifyInput, deps: VerifyDeps, now: number): Decision {
  const sqlite = db().$client;
  const s = verifyStatements(sqlite);
  const look = verifyLookups(sqlite);
  // Inside the transaction: any change committed before it empties what was cached.
  look.sync();
  const credential = input.serverCredential ?? "";
  const row = isWellFormed(credential, SERVER_CREDENTIAL_PREFIX) ? look.credential(digestCredential(credential)) : undefined;
  const server = authenticateServer(row, input.serverSlug, now);
  const address = input.remoteAddress ?? "unknown";
  if (!server || !row) {
    const audit = callAudit(null, input, { type: "anonymous" }, { type: "call.denied", decision: "deny", reason: "invalid_server_credential" });
    record(tx, s, deps, audit, null, now);
    deps.limits.byAddress.recordFailure(address, now);
    return { outcome: "unauthenticated" };
  }
  const actor = serverActor(server);
  // Only an end-client address the server reports isolates one client from the others.
  const clientKey = input.call.clientIp ? `${server.id}|${input.call.clientIp}` : null;
  const clientRetry = clientKey ? deps.limits.byClient.retryAfter(clientKey, now) : 0;
  if (clientRetry > 0) {
    const audit = callAudit(server, input, actor, { type: "call.rate_limited", decision: "deny", reason: "too_many_failures" });
    record(tx, s, deps, audit, null, now);
    return { outcome: "rate_limited", retryAfterSeconds: clientRetry };
  }

  const j = judge(look, server.id, input.call, now);
  if (j.kind === "inactive") {
    const token = j.row ?? null;
    // The server and its credential were used; the token, which did not work, was not.
    const due = dueLastUsed(now, row, null);
    if (clientKey) deps.limits.byClient.recordFailure(clientKey, now);
    // Over the server's failure budget, failing calls learn nothing but "slow down".
    const credentialRetry = deps.limits.byCredential.retryAfter(server.credentialId, now);
    deps.limits.byCredential.recordFailure(server.credentialId, now);
    if (credentialRetry > 0) {
      record(tx, s, deps, callAudit(server, input, actor, { type: "call.rate_limited", decision: "deny", reason: "too_many_failures", token }), due, now);
      return { outcome: "rate_limited", retryAfterSeconds: credentialRetry };
    }
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
    const retryAfterSeconds = deps.limits.byAddress.retryAfter(input.remoteAddress ?? "unknown", now);
    if (retryAfterSeconds > 0) {
      refuse(input, deps, now, "call.rate_limited", "too_many_failures");
      return { outcome: "rate_limited", retryAfterSeconds };
    }
    return inTransaction((tx) => decideInTransaction(tx, input, deps, now));
  } catch (err) {
    console.error("verification could not be recorded:", err instanceof Error ? err.name + ": " + err.message : "unknown");
    return { outcome: "audit_unavailable" };
  }
}
