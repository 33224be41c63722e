import "server-only";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import type { RequestContext } from "@/lib/http/request-context";
import type { SessionUser } from "@/lib/auth/session";
import { readSetting, writeSetting } from "@/lib/settings/store";
import { tokenPolicySchema } from "@/lib/validation/tokens";
import { DEFAULT_TOKEN_POLICY, type TokenPolicy } from "./token-policy";

const KEY = "token_policy";

/** The current token policy; the defaults when none was saved (or the saved one no longer parses). */
export function readTokenPolicy(): TokenPolicy {
  return readSetting(KEY, tokenPolicySchema, DEFAULT_TOKEN_POLICY);
}

export class PolicyChangeError extends Error {}

/** Saves a new policy (admins only), audited as policy.updated with what changed. */
export function saveTokenPolicy(next: TokenPolicy, actor: SessionUser, ctx: RequestContext): TokenPolicy {
  if (actor.role !== "admin") throw new PolicyChangeError("Only administrators can change the token policy.");
  const policy = tokenPolicySchema.parse(next);
  return transact((tx) => {
    const before = readTokenPolicy();
    const changed = (Object.keys(policy) as (keyof TokenPolicy)[]).filter((k) => policy[k] !== before[k]);
    writeSetting(tx, KEY, policy, actor.id);
    recordAudit(tx, {
      type: "policy.updated",
      actor: { type: "user", id: actor.id, name: actor.email },
      decision: "success",
      details: { setting: KEY, changed, before, after: policy },
      ...ctx,
    });
    return policy;
  });
}
