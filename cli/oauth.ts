import type { Command } from "commander";
import type { ActorCtx } from "@/lib/auth/actor";
import { ZodError } from "zod";
import { deleteClient, listClients, listGrants } from "@/lib/oauth/admin";
import { readClientHostPolicy, saveClientHostPolicy } from "@/lib/oauth/client-hosts";
import { disconnectApp } from "@/lib/oauth/connected-apps";
import { readOAuthSettings, saveOAuthSettings } from "@/lib/oauth/settings";
import { listServers } from "@/lib/servers/queries";
import type { OAuthSettings } from "@/lib/validation/oauth-settings";
import { findServerBySlug } from "@/lib/servers/queries";
import { findUserByEmail } from "@/lib/users/queries";
import { CliError, output, table } from "./output";

// The CLI is the operator at the console: it acts as "system", with admin rights.
const ctx: ActorCtx = { actor: "system", clientIp: null, userAgent: "gatehouse-cli" };
const when = (d: Date | null) => d?.toISOString() ?? null;
const hostList = (value: string) => value.split(",").map((h) => h.trim()).filter(Boolean);

export function registerOAuthCommands(program: Command) {
  const oauth = program.command("oauth").description("OAuth clients and the grants users gave them (docs/OAUTH.md)");
  const clients = oauth.command("clients").description("Registered OAuth clients");
  clients
    .command("list")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      const rows = listClients(ctx.actor);
      output(opts.json, rows, () =>
        rows.length === 0 ? "No OAuth clients." : table(["id", "name", "kind", "grants", "last used", "deleted"], rows.map((c) => [c.id, c.name, c.kind, c.liveGrants, when(c.lastUsedAt), when(c.deletedAt)])),
      );
    });
  clients
    .command("delete <clientId>")
    .description("Delete a client: its grants end now, and it must register again")
    .option("--json", "machine-readable output")
    .action((clientId: string, opts: { json?: boolean }) => {
      if (!deleteClient(clientId, ctx)) throw new CliError(`no live OAuth client ${clientId}`);
      output(opts.json, { deleted: clientId }, () => `Deleted ${clientId}; its grants are revoked.`);
    });
  const hosts = oauth.command("client-hosts").description("Which hosts may be metadata-document clients (an https client_id's host)");
  hosts
    .command("show")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      const policy = readClientHostPolicy();
      output(opts.json, policy, () => [`allowed: ${policy.allowed.join(", ") || "any host not blocked"}`, `blocked: ${policy.blocked.join(", ") || "none"}`]);
    });
  hosts
    .command("set")
    .description("Replace the lists; an entry covers the host and its subdomains, blocked wins, an empty allowed list allows every host")
    .option("--allow <hosts>", "comma-separated hosts that alone may be fetched", "")
    .option("--block <hosts>", "comma-separated hosts never fetched", "")
    .option("--json", "machine-readable output")
    .action((opts: { allow: string; block: string; json?: boolean }) => {
      try {
        const policy = saveClientHostPolicy({ allowed: hostList(opts.allow), blocked: hostList(opts.block) }, ctx);
        output(opts.json, policy, () => `Saved: allowed ${policy.allowed.join(", ") || "any"}; blocked ${policy.blocked.join(", ") || "none"}.`);
      } catch (err) {
        if (err instanceof ZodError) throw new CliError(`${err.issues[0]?.path.join(".")}: ${err.issues[0]?.message}`);
        throw err;
      }
    });
  registerSettingsCommands(oauth);
  const grants = oauth.command("grants").description("What users allowed OAuth clients to do");
  grants
    .command("list")
    .option("--user <email>", "only this user's grants")
    .option("--server <slug>", "only the grants on this server")
    .option("--json", "machine-readable output")
    .action((opts: { user?: string; server?: string; json?: boolean }) => {
      const user = opts.user ? findUserByEmail(opts.user) : undefined;
      if (opts.user && !user) throw new CliError(`no user ${opts.user}`);
      const server = opts.server ? findServerBySlug(ctx.actor, opts.server) : undefined;
      if (opts.server && !server) throw new CliError(`no server ${opts.server}`);
      const rows = listGrants(ctx.actor, { userId: user?.id, serverId: server?.id });
      output(opts.json, rows, () =>
        rows.length === 0 ? "No live grants." : table(["id", "user", "client", "server", "scope", "last used"], rows.map((g) => [g.id, g.user, g.client, g.server, g.scope, when(g.lastUsedAt)])),
      );
    });
  grants
    .command("revoke <grantId>")
    .description("End a grant and every token issued under it, at once")
    .option("--json", "machine-readable output")
    .action((grantId: string, opts: { json?: boolean }) => {
      if (!disconnectApp(grantId, ctx)) throw new CliError(`no live grant ${grantId}`);
      output(opts.json, { revoked: grantId }, () => `Revoked ${grantId}.`);
    });
}

const SETTING_FLAGS: Record<keyof OAuthSettings, string> = {
  writeApproval: "--write-approval",
  accessTokenMinutes: "--access-minutes",
  refreshIdleDays: "--refresh-idle-days",
  refreshAbsoluteDays: "--refresh-absolute-days",
};

function settingsLines(s: OAuthSettings): string[] {
  const servers = listServers(ctx.actor).filter((server) => server.acceptsOAuth);
  return [
    `write approval: ${s.writeApproval === "everyone" ? "everyone who signs in" : "administrators only"}`,
    `access token: ${s.accessTokenMinutes} minutes`,
    `refresh token: ${s.refreshIdleDays} days unused, ${s.refreshAbsoluteDays} days at most`,
    `servers accepting OAuth clients: ${servers.map((server) => server.slug).join(", ") || "none"} (servers edit <slug> --oauth / --no-oauth)`,
  ];
}

/** `oauth settings show|set`: who may allow apps to write, and the lifetimes of what OAuth issues. */
function registerSettingsCommands(oauth: Command) {
  const settings = oauth.command("settings").description("Who may allow OAuth apps to write, and how long their tokens live");
  settings
    .command("show")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      const current = readOAuthSettings();
      output(opts.json, current, () => settingsLines(current));
    });
  settings
    .command("set")
    .description("Change what is given; the rest stays. Lifetimes apply to tokens issued from now on")
    .option("--write-approval <who>", "who may allow an app to write: admins or everyone")
    .option("--access-minutes <n>", "access token lifetime, 5 to 1440 minutes")
    .option("--refresh-idle-days <n>", "a refresh token unused this long ends, 1 to 365 days")
    .option("--refresh-absolute-days <n>", "a grant ends this long after consent, at least the idle days, at most 365")
    .option("--json", "machine-readable output")
    .action((opts: { writeApproval?: string; accessMinutes?: string; refreshIdleDays?: string; refreshAbsoluteDays?: string; json?: boolean }) => {
      const next = {
        ...readOAuthSettings(),
        ...(opts.writeApproval !== undefined && { writeApproval: opts.writeApproval }),
        ...(opts.accessMinutes !== undefined && { accessTokenMinutes: opts.accessMinutes }),
        ...(opts.refreshIdleDays !== undefined && { refreshIdleDays: opts.refreshIdleDays }),
        ...(opts.refreshAbsoluteDays !== undefined && { refreshAbsoluteDays: opts.refreshAbsoluteDays }),
      };
      try {
        const saved = saveOAuthSettings(next, ctx);
        output(opts.json, saved, () => ["Saved.", ...settingsLines(saved)]);
      } catch (err) {
        if (err instanceof ZodError) {
          const issue = err.issues[0];
          throw new CliError(`${SETTING_FLAGS[issue?.path[0] as keyof OAuthSettings] ?? "settings"}: ${issue?.message}`);
        }
        throw err;
      }
    });
}
