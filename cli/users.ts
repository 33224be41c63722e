import type { Command } from "commander";
import type { ActorCtx } from "@/lib/auth/actor";
import { inviteUrl } from "@/lib/http/base-url";
import { changeRole, createServiceAccount, inviteUser, setUserStatus, UserChangeError } from "@/lib/users/mutations";
import { accountState } from "@/lib/users/account-state";
import { listUsersForAdmin, lookupUserByEmail } from "@/lib/users/queries";
import { createUserSchema, emailSchema, serviceAccountSchema } from "@/lib/validation/users";
import { CliError, output, table } from "./output";
import { parseOrFail } from "./parse";

// The CLI is the operator at the console: it acts as "system", with admin rights.
const ctx: ActorCtx = { actor: "system", clientIp: null, userAgent: "gatehouse-cli" };

function userIdByEmail(email: string): string {
  const parsed = parseOrFail(emailSchema.safeParse(email));
  const user = lookupUserByEmail(ctx.actor, parsed);
  if (!user) throw new CliError(`no user with the email ${parsed}`);
  return user.id;
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UserChangeError) throw new CliError(err.message);
    throw err;
  }
}

export function registerUserCommands(program: Command) {
  const users = program.command("users").description("Manage people who can sign in");

  users
    .command("add")
    .description("Create a user and print a one-time link (valid 7 days) to set their password")
    .requiredOption("--email <email>", "email address")
    .requiredOption("--name <name>", "display name")
    .option("--role <role>", "admin or user", "user")
    .option("--service-account", "a user for a program: never signs in (no password, no link); you see its tokens' secrets")
    .option("--json", "machine-readable output")
    .action((opts: { email: string; name: string; role: string; serviceAccount?: boolean; json?: boolean }) => {
      if (opts.serviceAccount) {
        if (opts.role !== "user") throw new CliError("--role: a service account is never an admin");
        const account = guarded(() => createServiceAccount(parseOrFail(serviceAccountSchema.safeParse(opts)), ctx));
        output(opts.json, { id: account.id, email: account.email, name: account.name, kind: account.kind }, () => [
          `Created service account ${account.email} (${account.id}). It cannot sign in.`,
          `Issue its tokens with: tokens issue --user ${account.email} --scope read --reveal`,
        ]);
        return;
      }
      const input = parseOrFail(createUserSchema.safeParse(opts));
      const { user, inviteSecret, inviteExpiresAt } = guarded(() => inviteUser(input, ctx));
      const link = inviteUrl(inviteSecret);
      output(opts.json, { id: user.id, email: user.email, name: user.name, role: user.role, inviteUrl: link, inviteExpiresAt }, () => [
        `Created ${user.role} ${user.email} (${user.id}).`,
        `Send them this one-time link to set a password (valid until ${inviteExpiresAt.toISOString()}):`,
        `  ${link}`,
      ]);
    });

  users
    .command("list")
    .description("List users")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      // "state" is the word the users page shows (invited, active, disabled, service).
      const rows = listUsersForAdmin(ctx.actor).map(({ hasPassword, hasSso, ...u }) => ({ ...u, state: accountState({ ...u, hasPassword, hasSso }) }));
      output(opts.json, rows, () =>
        rows.length === 0
          ? "No users yet."
          : table(["EMAIL", "NAME", "ROLE", "KIND", "STATUS", "ID"], rows.map((u) => [u.email, u.name, u.role, u.kind, u.state, u.id])),
      );
    });

  for (const [name, status] of [["disable", "disabled"], ["enable", "active"]] as const) {
    users
      .command(`${name} <email>`)
      .description(name === "disable" ? "Disable a user: sessions end and tokens stop working at once" : "Enable a disabled user")
      .option("--json", "machine-readable output")
      .action((email: string, opts: { json?: boolean }) => {
        const user = guarded(() => setUserStatus(userIdByEmail(email), status, ctx));
        output(opts.json, { id: user.id, email: user.email, status: user.status }, () => `${user.email} is now ${user.status}.`);
      });
  }

  users
    .command("set-role <email> <role>")
    .description("Make a user an admin or a regular user")
    .option("--json", "machine-readable output")
    .action((email: string, role: string, opts: { json?: boolean }) => {
      const parsedRole = parseOrFail(createUserSchema.shape.role.safeParse(role));
      const user = guarded(() => changeRole(userIdByEmail(email), parsedRole, ctx));
      output(opts.json, { id: user.id, email: user.email, role: user.role }, () => `${user.email} is now ${user.role === "admin" ? "an admin" : "a user"}.`);
    });
}
