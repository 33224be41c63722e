import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { serverInService } from "@/lib/servers/in-service";
import { mcpServers, tokens, tokenServers, users, type Token, type User } from "@/db/schema";
import { transact, type Tx } from "@/db/transaction";
import { readTokenPolicy } from "@/lib/policy/store";
import { policyRefusal } from "@/lib/policy/token-policy";
import { newId } from "@/lib/ids";
import { actorRef, isAdminActor, requireSignedInActor, type Actor, type ActorCtx } from "@/lib/auth/actor";
import { auditTokenChange } from "./audit";
import { TokenChangeError } from "./errors";
import { insertCurrentSecret } from "./secrets";

export type Audience = { allServers: true } | { allServers: false; serverIds: string[] };

export type IssueInput = {
  ownerId: string;
  name: string;
  scope: "read" | "write";
  audience: Audience;
  /** null: no expiry (only when the policy allows it). */
  lifetimeMs: number | null;
  /**
   * "owner": the owner claims the secret later; "creator": it is returned now, once, which only
   * the owner themselves and an admin issuing for a service account may ask for.
   */
  revealTo: "owner" | "creator";
};

export type IssueResult = { token: Token; secret?: string };

/** Active servers among `ids`, by id; throws when any is unknown or disabled. */
export function activeServers(ids: readonly string[]): { id: string; slug: string }[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = db()
    .select({ id: mcpServers.id, slug: mcpServers.slug })
    .from(mcpServers)
    .where(and(inArray(mcpServers.id, unique), serverInService))
    .all();
  if (found.length !== unique.length) throw new TokenChangeError("One of the chosen servers does not exist or is disabled.");
  return found;
}

/**
 * Whether the actor may hold this owner's secret: their own token, or (admins only) a service
 * account's, which has nobody to claim it. Everyone else's secret goes to its owner alone.
 */
export function actorMaySeeSecret(actor: Actor, owner: Pick<User, "id" | "kind">): boolean {
  if (actor !== "system" && actor.id === owner.id) return true;
  return isAdminActor(actor) && owner.kind === "service";
}

/**
 * Issues a token: admins for anyone, users for themselves within the policy. A person's token
 * has no secret until its owner claims it, unless the owner is the one issuing; a service
 * account's secret is returned now, once. The policy is checked here, not only in the form.
 */
export function issueToken(input: IssueInput, ctx: ActorCtx): IssueResult {
  requireSignedInActor(ctx.actor);
  const admin = isAdminActor(ctx.actor);
  if (!admin && ctx.actor !== "system" && ctx.actor.id !== input.ownerId) {
    throw new TokenChangeError("You can only issue tokens for yourself.");
  }
  const selfService = !admin;
  const refusal = policyRefusal(readTokenPolicy(), { selfService, scope: input.scope, lifetimeMs: input.lifetimeMs });
  if (refusal) throw new TokenChangeError(refusal);
  return transact((tx) => insertIssuedToken(tx, input, ctx));
}

/**
 * Inside the caller's transaction, once the actor and the policy have been checked: the token,
 * its servers, its secret for whoever may see it, and its token.issued row (plus `details`).
 */
export function insertIssuedToken(tx: Tx, input: IssueInput, ctx: ActorCtx, details: Record<string, unknown> = {}): IssueResult {
  const owner = tx.select().from(users).where(eq(users.id, input.ownerId)).get();
  if (!owner) throw new TokenChangeError("No such user.");
  if (owner.status !== "active") throw new TokenChangeError(`${owner.email} is disabled; enable them before issuing a token.`);
  // Nobody but the owner can claim a secret later, so whoever may see it now gets it now.
  const revealTo = actorMaySeeSecret(ctx.actor, owner) ? "creator" : "owner";
  if (input.revealTo === "creator" && revealTo === "owner") {
    throw new TokenChangeError(`Only ${owner.name} can see this token's secret: they claim it on My tokens. "Reveal to me now" is for your own tokens and service accounts.`);
  }
  const servers = input.audience.allServers ? [] : activeServers(input.audience.serverIds);
  if (!input.audience.allServers && servers.length === 0) throw new TokenChangeError("Choose at least one server.");

  const now = new Date();
  const by = actorRef(ctx.actor);
  const token = tx
    .insert(tokens)
    .values({
      id: newId("tok"),
      ownerId: owner.id,
      name: input.name,
      scope: input.scope,
      allServers: input.audience.allServers,
      expiresAt: input.lifetimeMs === null ? null : new Date(now.getTime() + input.lifetimeMs),
      revealTo,
      createdBy: by,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  if (servers.length > 0) tx.insert(tokenServers).values(servers.map((s) => ({ tokenId: token.id, serverId: s.id }))).run();
  const revealed = revealTo === "creator" ? insertCurrentSecret(tx, token.id, by, now) : undefined;

  auditTokenChange(tx, "token.issued", token, ctx, {
    details: {
      name: token.name,
      scope: token.scope,
      allServers: token.allServers,
      servers: servers.map((s) => s.slug),
      expiresAt: token.expiresAt?.toISOString() ?? null,
      revealTo,
      revealedToCreator: revealTo === "creator",
      hint: revealed?.hint ?? null,
      ...details,
    },
  });
  return { token, secret: revealed?.secret };
}
