import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { mcpServers, tokenServers, users } from "@/db/schema";
import { transact } from "@/db/transaction";
import { isAdminActor, type Actor, type ActorCtx } from "@/lib/auth/actor";
import { readTokenPolicy } from "@/lib/policy/store";
import { policyRefusal, regeneratedLifetime, type RegeneratedLifetime } from "@/lib/policy/token-policy";
import { tokenForActor } from "./actor";
import { auditTokenChange } from "./audit";
import { TokenChangeError } from "./errors";
import { actorMaySeeSecret, insertIssuedToken, type IssueResult } from "./issue";

/** What "Regenerate" would issue, shown before the person confirms; the same plan is what it then does. */
export type RegenerationPlan = {
  tokenId: string;
  name: string;
  owner: { id: string; name: string; email: string };
  scope: "read" | "write";
  servers: { id: string; name: string }[] | "all";
  lifetime: RegeneratedLifetime;
  /** Who will hold the new secret: the one regenerating it, or its owner, who claims it (as issuing decides). */
  secretTo: "actor" | "owner";
  /** Why it cannot be regenerated now, in words for the person asking; null when it can. */
  refusal: string | null;
};

function boundServers(tokenId: string) {
  return db()
    .select({ id: mcpServers.id, name: mcpServers.name, status: mcpServers.status })
    .from(tokenServers)
    .innerJoin(mcpServers, eq(mcpServers.id, tokenServers.serverId))
    .where(eq(tokenServers.tokenId, tokenId))
    .orderBy(asc(mcpServers.name))
    .all();
}

function ownerRefusal(owner: { email: string; status: "active" | "disabled" }): string | null {
  return owner.status === "active" ? null : `${owner.email} is disabled; enable them before issuing a token.`;
}

/** All the servers the old token reached, or no token: a regenerated one never quietly reaches fewer. */
function serverRefusal(servers: { name: string; status: "active" | "disabled" }[]): string | null {
  const disabled = servers.filter((s) => s.status !== "active").map((s) => s.name);
  if (disabled.length > 0) return `${disabled.join(", ")} ${disabled.length === 1 ? "is" : "are"} disabled: issue a new token for the servers it should reach.`;
  return servers.length === 0 ? "Its servers no longer exist: issue a new token for the servers it should reach." : null;
}

/**
 * The new token an expired or revoked one would become: same owner, name, scope and servers,
 * and as long a life from now as the old one had, within the policy for this issuer. Owner or
 * admin only; anyone else gets "not found", as for a missing id.
 */
export function planRegeneration(actor: Actor, tokenId: string, now = new Date()): RegenerationPlan {
  const token = tokenForActor(actor, tokenId);
  const owner = db().select({ id: users.id, name: users.name, email: users.email, status: users.status, kind: users.kind }).from(users).where(eq(users.id, token.ownerId)).get()!;
  const selfService = !isAdminActor(actor);
  const policy = readTokenPolicy();
  const lifetime = regeneratedLifetime(policy, selfService, token.expiresAt && token.expiresAt.getTime() - token.createdAt.getTime());
  const servers = token.allServers ? [] : boundServers(token.id);
  const ended = token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime());

  const refusal = ended
    ? (ownerRefusal(owner) ?? (token.allServers ? null : serverRefusal(servers)) ?? policyRefusal(policy, { selfService, scope: token.scope, lifetimeMs: lifetime.lifetimeMs }))
    : "Only an expired or revoked token can be regenerated. This one still works: rotate it for a new secret instead.";

  return {
    tokenId: token.id,
    name: token.name,
    owner: { id: owner.id, name: owner.name, email: owner.email },
    scope: token.scope,
    servers: token.allServers ? "all" : servers.map(({ id, name }) => ({ id, name })),
    lifetime,
    secretTo: actorMaySeeSecret(actor, owner) ? "actor" : "owner",
    refusal,
  };
}

export type RegenerateResult = IssueResult & { claimBy?: { name: string; email: string } };

/**
 * Issues a new token with an expired or revoked one's settings, in one step; the old token is
 * left exactly as it was (its log gains a token.regenerated row naming the new one). The secret
 * goes where issuing would send it (lib/tokens/issue.ts): to the actor for their own token or a
 * service account's, otherwise to the owner to claim.
 */
export function regenerateToken(tokenId: string, ctx: ActorCtx): RegenerateResult {
  return transact((tx) => {
    const plan = planRegeneration(ctx.actor, tokenId);
    if (plan.refusal) throw new TokenChangeError(plan.refusal);
    const audience = plan.servers === "all" ? { allServers: true as const } : { allServers: false as const, serverIds: plan.servers.map((s) => s.id) };
    const input = { ownerId: plan.owner.id, name: plan.name, scope: plan.scope, audience, lifetimeMs: plan.lifetime.lifetimeMs, revealTo: "owner" as const };
    const issued = insertIssuedToken(tx, input, ctx, { regenerated_from: plan.tokenId });
    // A row on the old token too, so its page can say what replaced it (lib/tokens/lineage.ts).
    auditTokenChange(tx, "token.regenerated", { id: plan.tokenId, ownerId: plan.owner.id }, ctx, { details: { regenerated_as: issued.token.id, name: plan.name } });
    return issued.secret ? issued : { ...issued, claimBy: { name: plan.owner.name, email: plan.owner.email } };
  });
}
