import type { Command } from "commander";
import { publicBaseUrl } from "@/lib/http/base-url";
import { readTokenPolicy } from "@/lib/policy/store";
import { listServerChoices } from "@/lib/servers/choices";
import type { ActorCtx } from "@/lib/auth/actor";
import { DAY_MS } from "@/lib/tokens/duration";
import { replacedNote } from "@/lib/tokens/grace";
import { TokenChangeError } from "@/lib/tokens/errors";
import { issueToken, type Audience } from "@/lib/tokens/issue";
import { rotateToken } from "@/lib/tokens/lifecycle";
import { listTokensForExport, type TokenRow } from "@/lib/tokens/queries";
import { revokeAllForUser, revokeToken } from "@/lib/tokens/revoke";
import { TOKEN_STATUS_LABELS } from "@/lib/tokens/status";
import { lookupUserByEmail } from "@/lib/users/queries";
import { emailSchema } from "@/lib/validation/users";
import { expirySchema, graceSchema, reasonSchema, scopeSchema, tokenIdSchema, tokenNameSchema } from "@/lib/validation/tokens";
import { CliError, output, table } from "./output";

// The CLI is the operator at the console: it acts as "system", with admin rights, and is audited as such.
const ctx: ActorCtx = { actor: "system", clientIp: null, userAgent: "gatehouse-cli" };

function parse<T>(option: string, result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T {
  if (result.success) return result.data;
  throw new CliError(`${option}: ${result.error.issues[0]?.message ?? "invalid value"}`);
}

function userByEmail(email: string) {
  const user = lookupUserByEmail(ctx.actor, parse("--user", emailSchema.safeParse(email)));
  if (!user) throw new CliError(`no user with the email ${email}`);
  return user;
}

function audienceFromSlugs(list: string | undefined): Audience {
  if (!list) return { allServers: true };
  const slugs = list.split(",").map((s) => s.trim()).filter(Boolean);
  const bySlug = new Map(listServerChoices(ctx.actor).map((s) => [s.slug, s.id]));
  const unknown = slugs.filter((s) => !bySlug.has(s));
  if (unknown.length > 0) throw new CliError(`--servers: no active MCP server with the slug ${unknown.join(", ")}`);
  return { allServers: false, serverIds: slugs.map((s) => bySlug.get(s)!) };
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TokenChangeError) throw new CliError(err.message);
    throw err;
  }
}

function summary(row: Pick<TokenRow, "id" | "name" | "scope" | "allServers" | "servers" | "status" | "expiresAt"> & { owner: { email: string } }) {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner.email,
    scope: row.scope,
    servers: row.allServers ? "all" : row.servers.map((s) => s.slug),
    status: row.status,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

export function registerTokenCommands(program: Command) {
  const tokens = program.command("tokens").description("Issue, list, rotate and revoke MCP tokens");

  tokens
    .command("issue")
    .description("Issue a token for a user (by default they claim it on My tokens; --reveal prints it here once)")
    .requiredOption("--user <email>", "the token's owner")
    .requiredOption("--scope <scope>", "read or write")
    .option("--servers <slugs>", "comma-separated MCP server slugs (default: all servers)")
    .option("--expires <duration>", "lifetime, e.g. 30d, 12h, 1y, or never (default: the policy's default)")
    .option("--name <name>", "a name that says where it is used")
    .option("--reveal", "print the secret now, once (service accounts only: a person claims their own)")
    .option("--json", "machine-readable output")
    .action((opts: { user: string; scope: string; servers?: string; expires?: string; name?: string; reveal?: boolean; json?: boolean }) => {
      const owner = userByEmail(opts.user);
      const scope = parse("--scope", scopeSchema.safeParse(opts.scope));
      const lifetimeMs = opts.expires === undefined ? readTokenPolicy().defaultLifetimeDays * DAY_MS : parse("--expires", expirySchema.safeParse(opts.expires));
      const name = parse("--name", tokenNameSchema.safeParse(opts.name ?? `${scope} token for ${owner.email}`));
      const { token, secret } = guarded(() =>
        issueToken({ ownerId: owner.id, name, scope, audience: audienceFromSlugs(opts.servers), lifetimeMs, revealTo: opts.reveal ? "creator" : "owner" }, ctx),
      );
      const data = { id: token.id, name: token.name, owner: owner.email, scope: token.scope, expiresAt: token.expiresAt?.toISOString() ?? null, status: secret ? "active" : "ready", ...(secret ? { secret } : {}) };
      output(opts.json, data, () =>
        secret
          ? [`Issued ${token.scope} token ${token.id} for ${owner.email}. Its secret, shown this once:`, `  ${secret}`]
          : [`Issued ${token.scope} token ${token.id} for ${owner.email}.`, `It is ready to claim: ${owner.email} reveals it once at ${publicBaseUrl()}/my-tokens`],
      );
    });

  tokens
    .command("list")
    .description("List tokens (never their secrets)")
    .option("--user <email>", "only this user's tokens")
    .option("--json", "machine-readable output")
    .action((opts: { user?: string; json?: boolean }) => {
      const owner = opts.user ? userByEmail(opts.user).email : undefined;
      const rows = listTokensForExport("system", { id: "createdAt", desc: true }, { owner }).map(summary);
      output(opts.json, rows, () =>
        rows.length === 0
          ? "No tokens."
          : table(
              ["ID", "NAME", "OWNER", "SCOPE", "SERVERS", "STATUS", "EXPIRES"],
              rows.map((r) => [r.id, r.name, r.owner, r.scope, Array.isArray(r.servers) ? r.servers.join(",") : r.servers, TOKEN_STATUS_LABELS[r.status], r.expiresAt ?? "never"]),
            ),
      );
    });

  tokens
    .command("rotate <id>")
    .description("Give a token a new secret (printed once for a service account; a person claims theirs); the old one works for the grace period")
    .option("--grace <duration>", "how long the old secret keeps working, 0 to 7d", "24h")
    .option("--json", "machine-readable output")
    .action((id: string, opts: { grace: string; json?: boolean }) => {
      const tokenId = parse("id", tokenIdSchema.safeParse(id));
      const graceMs = parse("--grace", graceSchema.safeParse(opts.grace));
      const { token, secret, claimBy, oldSecretValidUntil } = guarded(() => rotateToken(tokenId, graceMs, ctx));
      const until = oldSecretValidUntil?.toISOString() ?? null;
      output(opts.json, { id: token.id, ...(secret ? { secret } : { claimBy: claimBy?.email }), oldSecretValidUntil: until }, () => [
        ...(secret
          ? [`Rotated ${token.id}. The new secret, shown this once:`, `  ${secret}`]
          : [`Rotated ${token.id}. ${claimBy?.email} claims the new secret once at ${publicBaseUrl()}/my-tokens`]),
        replacedNote("secret", graceMs, until, (at) => at.toISOString()) ?? "",
      ]);
    });

  tokens
    .command("revoke <id>")
    .description("Revoke a token at once and for good")
    .requiredOption("--reason <reason>", "why (kept in the audit log)")
    .option("--json", "machine-readable output")
    .action((id: string, opts: { reason: string; json?: boolean }) => {
      const tokenId = parse("id", tokenIdSchema.safeParse(id));
      const reason = parse("--reason", reasonSchema.safeParse(opts.reason));
      const token = guarded(() => revokeToken(tokenId, reason, ctx));
      output(opts.json, { id: token.id, revokedAt: token.revokedAt?.toISOString(), reason }, () => `Revoked ${token.id}.`);
    });

  tokens
    .command("revoke-all")
    .description("Revoke every token of a user (offboarding)")
    .requiredOption("--user <email>", "whose tokens")
    .requiredOption("--reason <reason>", "why (kept in the audit log)")
    .option("--json", "machine-readable output")
    .action((opts: { user: string; reason: string; json?: boolean }) => {
      const owner = userByEmail(opts.user);
      const reason = parse("--reason", reasonSchema.safeParse(opts.reason));
      const count = guarded(() => revokeAllForUser(owner.id, reason, ctx));
      output(opts.json, { user: owner.email, revoked: count }, () => `Revoked ${count} token${count === 1 ? "" : "s"} of ${owner.email}.`);
    });
}
