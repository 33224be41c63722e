/** An expected failure: printed as one line, exit code 1. */
export class CliError extends Error {}

/** Prints `data` as JSON (for scripts) or as the given human-readable lines. */
export function output(json: boolean | undefined, data: unknown, human: () => string | string[]): void {
  if (json) {
    process.stdout.write(JSON.stringify(data, null, 2) + "\n");
    return;
  }
  const text = human();
  process.stdout.write((Array.isArray(text) ? text.join("\n") : text) + "\n");
}

/** A plain text table: columns padded to their widest cell. */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "—" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
}
