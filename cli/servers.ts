import type { Command } from "commander";
import type { ActorCtx } from "@/lib/auth/actor";
import { registerServer, rotateServerCredential, ServerChangeError, setServerStatus } from "@/lib/servers/mutations";
import { serverAudience } from "@/lib/servers/audience";
import { removeServer, restoreServer, updateServer } from "@/lib/servers/lifecycle";
import { findServerBySlug, listServers } from "@/lib/servers/queries";
import { serverTies } from "@/lib/servers/ties";
import { replacedNote } from "@/lib/tokens/grace";
import { graceSchema, registerServerSchema, slugSchema, updateServerSchema } from "@/lib/validation/servers";
import { CliError, output, table } from "./output";
import { parseOrFail } from "./parse";

// The CLI is the operator at the console: it acts as "system", with admin rights.
const ctx: ActorCtx = { actor: "system", clientIp: null, userAgent: "gatehouse-cli" };

function serverBySlug(slug: string) {
  const parsed = parseOrFail(slugSchema.safeParse(slug), "slug");
  const server = findServerBySlug(ctx.actor, parsed);
  if (!server) throw new CliError(`no server with the slug ${parsed}`);
  return server;
}

function serverIdBySlug(slug: string): string {
  return serverBySlug(slug).id;
}

/** A zod result's data; a refusal of acceptsOAuth is about the --oauth flag. */
function parsedInput<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): T {
  return parseOrFail(result, !result.success && result.error.issues[0]?.path[0] === "acceptsOAuth" ? "oauth" : undefined);
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ServerChangeError) throw new CliError(err.message);
    throw err;
  }
}

export function registerServerCommands(program: Command) {
  const servers = program.command("servers").description("Manage the MCP servers that verify tokens with Gatehouse");

  servers
    .command("add")
    .description("Register an MCP server and print its credential (mcps_…) once")
    .requiredOption("--name <name>", "display name")
    .option("--url <url>", "canonical URL (the server's resource identifier); a local stdio server has none")
    .option("--slug <slug>", "short id used in URLs and HTTP Basic auth (default: from the name)")
    .option("--deployment <kind>", "local-single, local-multi or remote", "remote")
    .option("--oauth", "accept OAuth clients (the default for a remote server; a local one cannot)")
    .option("--no-oauth", "do not accept OAuth clients")
    .option("--json", "machine-readable output")
    .action((opts: { name: string; url?: string; slug?: string; deployment: string; oauth?: boolean; json?: boolean }) => {
      const input = parsedInput(registerServerSchema.safeParse({ ...opts, acceptsOAuth: opts.oauth ?? opts.deployment === "remote" }));
      const { server, credential } = guarded(() => registerServer(input, ctx));
      output(opts.json, { id: server.id, slug: server.slug, name: server.name, url: server.url, deployment: server.deployment, acceptsOAuth: server.acceptsOAuth, credential }, () => [
        `Registered ${server.name} (${server.slug}, ${server.deployment}${server.acceptsOAuth ? ", accepts OAuth clients" : ""}).`,
        "Its credential, shown only now — configure the server with it (GATEHOUSE_SERVER_CREDENTIAL):",
        `  ${credential}`,
      ]);
    });

  servers
    .command("list")
    .description("List registered servers (archived ones with --archived)")
    .option("--archived", "include archived servers")
    .option("--json", "machine-readable output")
    .action((opts: { archived?: boolean; json?: boolean }) => {
      const rows = listServers(ctx.actor, { archived: opts.archived });
      output(
        opts.json,
        rows.map((s) => ({
          id: s.id,
          slug: s.slug,
          name: s.name,
          url: s.url,
          deployment: s.deployment,
          acceptsOAuth: s.acceptsOAuth,
          status: s.status,
          archivedAt: s.archivedAt,
          tools: s.toolCount,
          activeCredentials: s.activeCredentials,
          lastCallAt: s.lastCallAt,
        })),
        () =>
          rows.length === 0
            ? "No servers yet."
            : table(
                ["SLUG", "NAME", "DEPLOYMENT", "OAUTH", "STATUS", "TOOLS", "LAST CALL", "URL"],
                rows.map((s) => [s.slug, s.name, s.deployment, s.acceptsOAuth ? "yes" : "no", s.archivedAt ? "archived" : s.status, s.toolCount, s.lastCallAt?.toISOString(), s.url]),
              ),
      );
    });

  servers
    .command("edit <slug>")
    .description("Change a server's name, URL, deployment or OAuth (the slug stays); each change is audited")
    .option("--name <name>", "display name")
    .option("--url <url>", 'canonical URL; "" for none (a local stdio server). A new URL is a new audience for its tokens')
    .option("--deployment <kind>", "local-single, local-multi or remote")
    .option("--oauth", "accept OAuth clients (a remote server only)")
    .option("--no-oauth", "stop accepting OAuth clients: the server's grants end at once")
    .option("--json", "machine-readable output")
    .action((slug: string, opts: { name?: string; url?: string; deployment?: string; oauth?: boolean; json?: boolean }) => {
      const before = serverBySlug(slug);
      const deployment = opts.deployment ?? before.deployment;
      const input = parsedInput(
        updateServerSchema.safeParse({
          serverId: before.id,
          name: opts.name ?? before.name,
          url: opts.url ?? before.url ?? undefined,
          deployment,
          // Moving to a local deployment turns OAuth off unless --oauth insists (and is refused).
          acceptsOAuth: opts.oauth ?? (deployment === "remote" && before.acceptsOAuth),
        }),
      );
      const after = guarded(() => updateServer(input, ctx));
      const audience = { before: serverAudience(before), after: serverAudience(after) };
      const moved = audience.before !== audience.after;
      const ties = moved ? serverTies(ctx.actor, after.id) : null;
      output(opts.json, { id: after.id, slug: after.slug, name: after.name, url: after.url, deployment: after.deployment, acceptsOAuth: after.acceptsOAuth, ...(moved ? { audience } : {}) }, () => [
        `${after.slug}: ${after.name}, ${after.url ?? "stdio (no URL)"}, ${after.deployment}, ${after.acceptsOAuth ? "accepts OAuth clients" : "no OAuth"}.`,
        ...(ties
          ? [
              `Its audience is now ${audience.after} (was ${audience.before}): ${ties.liveBoundTokens} live token(s) bound to it and ${ties.allServerTokens} valid on all servers carry it from their next call.`,
            ]
          : []),
      ]);
    });

  servers
    .command("remove <slug>")
    .description("Delete a server nothing refers to; archive one that tokens, OAuth grants or the audit log refer to")
    .option("--json", "machine-readable output")
    .action((slug: string, opts: { json?: boolean }) => {
      const server = serverBySlug(slug);
      const removal = guarded(() => removeServer(server.id, undefined, ctx));
      output(opts.json, { slug: server.slug, removal }, () =>
        removal === "delete"
          ? `Deleted ${server.slug}: nothing referred to it.`
          : `Archived ${server.slug}: tokens, grants or its calls refer to it. Its credentials are refused; restore it with: servers restore ${server.slug}`,
      );
    });

  servers
    .command("restore <slug>")
    .description("Restore an archived server: its working credentials are accepted again")
    .option("--json", "machine-readable output")
    .action((slug: string, opts: { json?: boolean }) => {
      const server = guarded(() => restoreServer(serverIdBySlug(slug), ctx));
      output(opts.json, { slug: server.slug, status: server.status, archivedAt: server.archivedAt }, () => `${server.slug} is restored (${server.status}).`);
    });

  servers
    .command("rotate-credential <slug>")
    .description("Issue a new credential; the current one keeps working for the grace period")
    .option("--grace <duration>", "how long the old credential keeps working, 0 to 7d (e.g. 0, 1h, 24h)", "24h")
    .option("--json", "machine-readable output")
    .action((slug: string, opts: { grace: string; json?: boolean }) => {
      const graceMs = parseOrFail(graceSchema.safeParse(opts.grace), "grace");
      const serverId = serverIdBySlug(slug);
      const { credential, graceEndsAt } = guarded(() => rotateServerCredential(serverId, graceMs, ctx));
      output(opts.json, { slug, credential, previousWorksUntil: graceEndsAt }, () => [
        `New credential for ${slug}, shown only now:`,
        `  ${credential}`,
        replacedNote("credential", graceMs, graceEndsAt, (at) => at.toISOString())!,
      ]);
    });

  for (const [name, status] of [["disable", "disabled"], ["enable", "active"]] as const) {
    servers
      .command(`${name} <slug>`)
      .description(name === "disable" ? "Disable a server: its credentials are refused at once" : "Enable a disabled server")
      .option("--json", "machine-readable output")
      .action((slug: string, opts: { json?: boolean }) => {
        const server = guarded(() => setServerStatus(serverIdBySlug(slug), status, ctx));
        output(opts.json, { slug: server.slug, status: server.status }, () => `${server.slug} is now ${server.status}.`);
      });
  }
}
