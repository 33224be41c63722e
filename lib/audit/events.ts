/** The closed set of audit event names. Adding one is a deliberate change to this list. */
export const AUDIT_EVENT_TYPES = [
  "auth.signed_in",
  "auth.sign_in_failed",
  "auth.signed_out",
  "setup.completed",
  "user.created",
  "user.invited",
  "user.updated",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.password_set",
  "token.issued",
  "token.revealed",
  "token.rotated",
  "token.revoked",
  "token.updated",
  "token.revoked_all",
  "token.regenerated",
  "tokens.exported",
  "server.registered",
  "server.updated",
  "server.disabled",
  "server.enabled",
  "server.archived",
  "server.restored",
  "server.removed",
  "server.credential_rotated",
  "server.credential_revoked",
  "tool.reported",
  "tool.class_overridden",
  "policy.updated",
  "call.allowed",
  "call.denied",
  "call.inactive",
  "call.rate_limited",
  "oauth.client_registered",
  "oauth.client_metadata_fetched",
  "oauth.client_metadata_refused",
  "oauth.client_deleted",
  "oauth.consent_granted",
  "oauth.consent_denied",
  "oauth.code_issued",
  "oauth.code_redeemed",
  "oauth.code_replayed",
  "oauth.token_refused",
  "oauth.refresh_rotated",
  "oauth.refresh_reused",
  "oauth.grant_revoked",
  "audit.archived",
  "audit.exported",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export const AUDIT_DECISIONS = ["allow", "deny", "success", "failure"] as const;
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];

export type AuditActor =
  | { type: "user"; id: string; name: string }
  | { type: "server"; id: string; name: string }
  | { type: "system"; id?: undefined; name?: string }
  | { type: "anonymous"; id?: undefined; name?: string };

export const SYSTEM_ACTOR: AuditActor = { type: "system", name: "system" };

/** What a caller hands the audit writer; seq, id, ts and the hashes are the writer's. */
export type AuditInput = {
  type: AuditEventType;
  actor: AuditActor;
  decision: AuditDecision;
  reason?: string | null;
  subjectUserId?: string | null;
  tokenId?: string | null;
  serverId?: string | null;
  method?: string | null;
  tool?: string | null;
  toolClass?: string | null;
  requestId?: string | null;
  clientIp?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown> | null;
};
