import { gatehouseCli } from "./cli";

/** A unique suffix so parallel specs never share data. */
export function unique(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A server URL no other test uses: Gatehouse refuses a second server in service with the same URL. */
export function uniqueUrl(label: string): string {
  return `https://${unique(label).toLowerCase().replace(/[^a-z0-9-]+/g, "-")}.example.com/mcp`;
}

/** A fresh user created with the CLI (no password: they never sign in, they just own tokens). */
export function cliUser(label: string): string {
  const email = `${unique(label)}@example.com`;
  gatehouseCli("users", "add", "--email", email, "--name", `E2E ${label}`, "--role", "user");
  return email;
}

/** A user's id, for the pages addressed by it (/users/usr_…). */
export function cliUserId(email: string): string {
  return gatehouseCli<{ id: string; email: string }[]>("users", "list").find((u) => u.email === email)!.id;
}

/** A fresh service account: it never signs in, so the CLI and admins see its tokens' secrets. */
export function cliServiceAccount(label: string): string {
  const email = `${unique(label)}@example.com`;
  gatehouseCli("users", "add", "--service-account", "--email", email, "--name", `E2E ${label}`);
  return email;
}

export type IssuedToken = { id: string; name: string; secret?: string };

export function cliIssue(email: string, name: string, ...extra: string[]): IssuedToken {
  return gatehouseCli<IssuedToken>("tokens", "issue", "--user", email, "--scope", "read", "--name", name, ...extra);
}

export function cliTokens(email: string): { id: string; name: string; status: string }[] {
  return gatehouseCli("tokens", "list", "--user", email);
}

/** A fresh MCP server, registered with the CLI: a form's server choices always include it. */
export function cliServer(label: string): { slug: string; name: string; credential: string } {
  return gatehouseCli("servers", "add", "--name", unique(label), "--url", uniqueUrl(label));
}
