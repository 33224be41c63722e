"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin, requireUser, type SessionUser } from "@/lib/auth/session";
import { publicBaseUrl } from "@/lib/http/base-url";
import { requestContext } from "@/lib/http/request-context";
import { listServerChoices } from "@/lib/servers/choices";
import { isAdminActor, type ActorCtx } from "@/lib/auth/actor";
import { mcpClientConfigs, type ClientConfig } from "@/lib/tokens/client-config";
import { TokenChangeError } from "@/lib/tokens/errors";
import { issueToken, type Audience } from "@/lib/tokens/issue";
import { revealToken, rotateToken, updateToken } from "@/lib/tokens/lifecycle";
import { findTokenDetail } from "@/lib/tokens/queries";
import { planRegeneration, regenerateToken, type RegenerationPlan } from "@/lib/tokens/regenerate";
import { revokeAllForUser, revokeToken, revokeTokens } from "@/lib/tokens/revoke";
import { lookupUserByEmail } from "@/lib/users/queries";
import { formValues, invalid, type ActionState } from "@/lib/validation/action-state";
import {
  bulkRevokeSchema,
  issueTokenSchema,
  revokeAllSchema,
  revokeTokenSchema,
  rotateTokenSchema,
  tokenIdSchema,
  updateTokenSchema,
} from "@/lib/validation/tokens";

/** A secret, shown once, with the MCP client configuration that uses it. */
export type RevealedSecret = { tokenId: string; tokenName: string; secret: string; configs: ClientConfig[] };

async function ctxFor(user: SessionUser): Promise<ActorCtx> {
  return { actor: user, ...(await requestContext()) };
}

function audienceOf(v: { audience: "all" | "some"; servers: string[] }): Audience {
  return v.audience === "all" ? { allServers: true } : { allServers: false, serverIds: v.servers };
}

// Single-valued fields as strings; `servers` and `tokenIds` may repeat.
function fields(form: FormData) {
  return { ...formValues(form), servers: form.getAll("servers").map(String), tokenIds: form.getAll("tokenIds").map(String) };
}

async function changed<T>(fn: () => T | Promise<T>): Promise<{ value: T } | { error: string }> {
  try {
    const value = await fn();
    revalidatePath("/", "layout");
    return { value };
  } catch (err) {
    if (err instanceof TokenChangeError) return { error: err.message };
    throw err;
  }
}

function revealed(user: SessionUser, tokenId: string, secret: string): RevealedSecret {
  const detail = findTokenDetail(user, tokenId);
  const servers = !detail || detail.token.allServers ? listServerChoices(user) : detail.token.servers;
  return { tokenId, tokenName: detail?.token.name ?? "", secret, configs: mcpClientConfigs(secret, servers, publicBaseUrl()) };
}

/** What the issuer sees after issuing: the token as it was made, so a wrong owner or server shows at once. */
export type IssueRecap = { name: string; owner: string; scope: "read" | "write"; servers: string[] | "all"; expiresAt: string | null };

export type IssueOutcome = { tokenId: string; ownerEmail: string; recap: IssueRecap; revealed?: RevealedSecret };

const SELF_ONLY = "You can only issue tokens for yourself.";

/**
 * The token's owner as the form named them. Admins must name one (nobody gets a token by
 * default); anyone else issues for themselves, and is never told whether another email exists.
 */
function ownerFor(user: SessionUser, owner: string | undefined): { id: string; email: string; name: string } | { error: string } {
  if (!isAdminActor(user)) return owner === undefined || owner === user.email ? user : { error: SELF_ONLY };
  if (owner === undefined) return { error: "Choose the token's owner" };
  return lookupUserByEmail(user, owner) ?? { error: "No user with that email" };
}

/** Issue a token. Admins name its owner; everyone else issues for themselves within the policy. */
export async function issueTokenAction(_prev: ActionState<IssueOutcome>, form: FormData): Promise<ActionState<IssueOutcome>> {
  const user = await requireUser();
  const values = fields(form);
  const parsed = issueTokenSchema.safeParse({ ...values, expires: form.get("noExpiry") === "on" ? "never" : (form.get("expires") ?? undefined) });
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  const owner = ownerFor(user, parsed.data.owner);
  if ("error" in owner) return { error: owner.error === SELF_ONLY ? SELF_ONLY : "Please correct the highlighted fields.", fieldErrors: { owner: owner.error }, values: formValues(form) };
  const input = { ownerId: owner.id, name: parsed.data.name, scope: parsed.data.scope, audience: audienceOf(parsed.data), lifetimeMs: parsed.data.expires, revealTo: parsed.data.reveal };
  const result = await changed(async () => issueToken(input, await ctxFor(user)));
  if ("error" in result) return { error: result.error, values: formValues(form) };
  const { token, secret } = result.value;
  const recap: IssueRecap = {
    name: token.name,
    owner: `${owner.name} (${owner.email})`,
    scope: token.scope,
    servers: input.audience.allServers ? "all" : serverNames(user, input.audience.serverIds),
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
  return { ok: { tokenId: token.id, ownerEmail: owner.email, recap, revealed: secret ? revealed(user, token.id, secret) : undefined } };
}

function serverNames(user: SessionUser, ids: string[]): string[] {
  return listServerChoices(user)
    .filter((s) => ids.includes(s.id))
    .map((s) => `${s.name} (${s.slug})`);
}

/** An action on one token named by the form's tokenId: any id that does not parse is "not found", as a missing one is. */
async function changedToken<T>(form: FormData, change: (tokenId: string, ctx: ActorCtx) => T): Promise<{ user: SessionUser; value: T } | { error: string }> {
  const user = await requireUser();
  const parsed = tokenIdSchema.safeParse(form.get("tokenId"));
  if (!parsed.success) return { error: "Token not found." };
  const result = await changed(async () => change(parsed.data, await ctxFor(user)));
  return "error" in result ? result : { user, value: result.value };
}

/** The owner claims a token issued for them: its secret is created now and shown this once. */
export async function revealTokenAction(_prev: ActionState<RevealedSecret>, form: FormData): Promise<ActionState<RevealedSecret>> {
  const result = await changedToken(form, revealToken);
  if ("error" in result) return { error: result.error };
  return { ok: revealed(result.user, result.value.token.id, result.value.secret) };
}

/** A new secret goes to the person acting when they may see it; otherwise it names who claims it (another person's token). */
type SecretOrClaim = { revealed: RevealedSecret; claimBy?: undefined } | { revealed?: undefined; claimBy: { name: string; email: string } };

function secretOrClaim(user: SessionUser, tokenId: string, secret: string | undefined, claimBy: { name: string; email: string } | undefined): SecretOrClaim {
  return secret ? { revealed: revealed(user, tokenId, secret) } : { claimBy: claimBy! };
}

export type RotateOutcome = { oldSecretValidUntil: string | null; graceMs: number } & SecretOrClaim;

export async function rotateTokenAction(_prev: ActionState<RotateOutcome>, form: FormData): Promise<ActionState<RotateOutcome>> {
  const user = await requireUser();
  const parsed = rotateTokenSchema.safeParse(formValues(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  const result = await changed(async () => rotateToken(parsed.data.tokenId, parsed.data.grace, await ctxFor(user)));
  if ("error" in result) return { error: result.error };
  const { token, secret, claimBy, oldSecretValidUntil } = result.value;
  return { ok: { oldSecretValidUntil: oldSecretValidUntil?.toISOString() ?? null, graceMs: parsed.data.grace, ...secretOrClaim(user, token.id, secret, claimBy) } };
}

/** The new token's page is where Regenerate goes next; its secret comes along when the person may see it. */
export type RegenerateOutcome = { tokenId: string } & SecretOrClaim;

/** What Regenerate would issue, for the dialog opened from a row of the tokens table (the token page reads it as it renders). */
export async function regenerationPlanAction(input: { tokenId: string }): Promise<ActionState<RegenerationPlan>> {
  const user = await requireUser();
  const parsed = tokenIdSchema.safeParse(input?.tokenId);
  if (!parsed.success) return { error: "Token not found." };
  try {
    return { ok: planRegeneration(user, parsed.data) };
  } catch (err) {
    if (err instanceof TokenChangeError) return { error: err.message };
    throw err;
  }
}

/** A new token with an expired or revoked one's settings; the old one stays as it was. */
export async function regenerateTokenAction(_prev: ActionState<RegenerateOutcome>, form: FormData): Promise<ActionState<RegenerateOutcome>> {
  const result = await changedToken(form, regenerateToken);
  if ("error" in result) return { error: result.error };
  const { token, secret, claimBy } = result.value;
  return { ok: { tokenId: token.id, ...secretOrClaim(result.user, token.id, secret, claimBy) } };
}

export async function revokeTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = revokeTokenSchema.safeParse(formValues(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  const result = await changed(async () => revokeToken(parsed.data.tokenId, parsed.data.reason, await ctxFor(user)));
  return "error" in result ? { error: result.error, values: formValues(form) } : { ok: true };
}

export async function bulkRevokeAction(_prev: ActionState<number>, form: FormData): Promise<ActionState<number>> {
  const user = await requireAdmin();
  const parsed = bulkRevokeSchema.safeParse(fields(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  const result = await changed(async () => revokeTokens(parsed.data.tokenIds, parsed.data.reason, await ctxFor(user)));
  return "error" in result ? { error: result.error } : { ok: result.value };
}

export async function revokeAllForUserAction(_prev: ActionState<number>, form: FormData): Promise<ActionState<number>> {
  const user = await requireAdmin();
  const parsed = revokeAllSchema.safeParse(formValues(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  const owner = lookupUserByEmail(user, parsed.data.email);
  if (!owner) return { error: "No user with that email." };
  const result = await changed(async () => revokeAllForUser(owner.id, parsed.data.reason, await ctxFor(user)));
  return "error" in result ? { error: result.error } : { ok: result.value };
}

export async function updateTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = updateTokenSchema.safeParse(fields(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  const { tokenId, name, scope } = parsed.data;
  const result = await changed(async () => updateToken(tokenId, { name, scope, audience: audienceOf(parsed.data) }, await ctxFor(user)));
  return "error" in result ? { error: result.error, values: formValues(form) } : { ok: true };
}
