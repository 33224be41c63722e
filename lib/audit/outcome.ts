/*
 * What happened to one MCP call, in the words every page uses: the audit table, its chart, the
 * server and token pages and My tokens all read their labels from here, so a call is never
 * "Inactive token" in one place and "Denied" in another.
 */

export const CALL_OUTCOMES = ["allowed", "denied", "wrong_server", "inactive", "rate_limited", "bad_credential"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export type OutcomeLook = { label: string; variant: "success" | "destructive" | "warning" | "muted"; color: string };

export const CALL_OUTCOME_LOOKS: Record<CallOutcome, OutcomeLook> = {
  allowed: { label: "Allowed", variant: "success", color: "var(--success)" },
  denied: { label: "Denied", variant: "destructive", color: "var(--destructive)" },
  wrong_server: { label: "Wrong server", variant: "warning", color: "var(--warning)" },
  inactive: { label: "Inactive token", variant: "warning", color: "var(--chart-inactive)" },
  rate_limited: { label: "Rate-limited", variant: "muted", color: "var(--muted-foreground)" },
  bad_credential: { label: "Bad server credential", variant: "destructive", color: "var(--chart-credential)" },
};

// A valid token used on a server it is not bound to is refused as "inactive" (verify/core.ts),
// but nothing is wrong with the token: the call went to the wrong place.
const WRONG_SERVER_REASON = "wrong_audience";
// A caller whose server credential failed is anonymous: no server, and this reason (verify/refusals.ts).
const BAD_CREDENTIAL_REASON = "invalid_server_credential";

/** The outcome of a call event, or null for any other event. */
export function callOutcome(type: string, reason: string | null): CallOutcome | null {
  switch (type) {
    case "call.allowed":
      return "allowed";
    case "call.rate_limited":
      return "rate_limited";
    case "call.denied":
      return reason === BAD_CREDENTIAL_REASON ? "bad_credential" : "denied";
    case "call.inactive":
      return reason === WRONG_SERVER_REASON ? "wrong_server" : "inactive";
    default:
      return null;
  }
}

// The search index has no reason column: an inactive call's reason is read from the log by
// primary key, for those rows only.
const REASON_SQL = "(SELECT r.reason FROM main.audit_events r WHERE r.seq = e.seq)";

/** Every event type that is an MCP call. */
export const CALL_TYPES_SQL = "('call.allowed', 'call.denied', 'call.inactive', 'call.rate_limited')";

/**
 * The same outcome in SQL, over rows aliased `e` with seq, type and server_id (an anonymous
 * refusal is the denied call with no server).
 */
export const CALL_OUTCOME_SQL = `CASE e.type
  WHEN 'call.allowed' THEN 'allowed'
  WHEN 'call.rate_limited' THEN 'rate_limited'
  WHEN 'call.denied' THEN CASE WHEN e.server_id IS NULL THEN 'bad_credential' ELSE 'denied' END
  WHEN 'call.inactive' THEN CASE WHEN ${REASON_SQL} = '${WRONG_SERVER_REASON}' THEN 'wrong_server' ELSE 'inactive' END
END`;

/** The audit log's `outcome` filter: one outcome, any refusal, or any call (what a chart or a usage count stands for). */
export const OUTCOME_FILTERS = ["call", "refused", ...CALL_OUTCOMES] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

export const OUTCOME_FILTER_LABELS: Record<OutcomeFilter, string> = {
  call: "Any call",
  refused: "Refused (any reason)",
  ...(Object.fromEntries(CALL_OUTCOMES.map((o) => [o, CALL_OUTCOME_LOOKS[o].label])) as Record<CallOutcome, string>),
};

/** Each outcome filter as a condition on rows aliased `e`, matching CALL_OUTCOME_SQL exactly; written per type so the type index answers it. */
export const OUTCOME_FILTER_SQL: Record<OutcomeFilter, string> = {
  call: `e.type IN ${CALL_TYPES_SQL}`,
  refused: "e.type IN ('call.denied', 'call.inactive', 'call.rate_limited')",
  allowed: "e.type = 'call.allowed'",
  denied: "e.type = 'call.denied' AND e.server_id IS NOT NULL",
  bad_credential: "e.type = 'call.denied' AND e.server_id IS NULL",
  rate_limited: "e.type = 'call.rate_limited'",
  wrong_server: `e.type = 'call.inactive' AND ${REASON_SQL} = '${WRONG_SERVER_REASON}'`,
  inactive: `e.type = 'call.inactive' AND ${REASON_SQL} IS NOT '${WRONG_SERVER_REASON}'`,
};

/** Refusal reasons the verifier writes, in words; any other reason (a person's own text) is shown as written. */
const REASON_LABELS: Record<string, string> = {
  insufficient_scope: "Read-only token, write tool",
  wrong_audience: "Token not valid on this server",
  expired: "Token expired",
  secret_replaced: "Old secret, replaced by a rotation",
  revoked: "Token revoked",
  user_disabled: "Owner's account disabled",
  unknown: "Unknown token",
  malformed: "Not a Gatehouse token",
  too_many_failures: "Too many failed calls",
  invalid_server_credential: "Server credential not valid",
};

export function reasonLabel(reason: string | null): string | null {
  return reason === null ? null : (REASON_LABELS[reason] ?? reason);
}
