import { CliError } from "./output";

type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

/** A zod result's data, or a one-line CliError naming the option (`--flag: message`). */
export function parseOrFail<T>(result: SafeParse<T>, flag?: string): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = flag ?? (issue?.path.length ? String(issue.path[0]) : undefined);
  throw new CliError(`${name ? `--${name}: ` : ""}${issue?.message ?? "invalid input"}`);
}
