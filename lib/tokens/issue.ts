import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { mcpServers, tokens, tokenServers, users, type Token } from "@/db/schema";
import { transact } from "@/db/transaction";
import { readTokenPolicy } from "@/lib/policy/store";
import { policyRefusal } from "@/lib/policy/token-policy";
import { newId } from "@/lib/ids";
import { actorRef, isAdminActor, type TokenCtx } from "./actor";
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
  /** "owner": the owner claims the secret later; "creator": it is returned now, once. */
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
    .where(and(inArray(mcpServers.id, unique), eq(mcpServers.status, "active")))
    .all();
  if (found.length !== unique.length) throw new TokenChangeError("One of the chosen servers does not exist or is disabled.");
  return found;
}

/**
 * Issues a token: admins for anyone, users for themselves within the policy. With
 * revealTo "owner" no secret exists until the owner claims it; with "creator" the secret is
 * generated now and returned once. The policy is checked here, not only in the form.
 */
export function issueToken(input: IssueInput, ctx: TokenCtx): IssueResult {
  const admin = isAdminActor(ctx.actor);
  if (!admin && ctx.actor !== "system" && ctx.actor.id !== input.ownerId) {
    throw new TokenChangeError("You can only issue tokens for yourself.");
  }
  const selfService = !admin;
  // Someone issuing their own token sees it at once: there is nobody else to claim it.
  const revealTo = selfService || (ctx.actor !== "system" && ctx.actor.id === input.ownerId) ? "creator" : input.revealTo;
  const refusal = policyRefusal(readTokenPolicy(), { selfService, scope: input.scope, lifetimeMs: input.lifetimeMs });
  if (refusal) throw new TokenChangeError(refusal);

  return transact((tx) => {
    const owner = tx.select().from(users).where(eq(users.id, input.ownerId)).get();
    if (!owner) throw new TokenChangeError("No such user.");
    if (owner.status !== "active") throw new TokenChangeError(`${owner.email} is disabled; enable them before issuing a token.`);
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
      },
    });
    return { token, secret: revealed?.secret };
  });
}
