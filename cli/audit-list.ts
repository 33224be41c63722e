import type { Command } from "commander";
import type { z } from "zod";
import { DECISION_LABELS } from "@/lib/audit/display";
import type { AuditDecision } from "@/lib/audit/events";
import { CALL_OUTCOME_LOOKS, callOutcome, OUTCOME_FILTERS, reasonLabel } from "@/lib/audit/outcome";
import { listAuditEvents, type AuditRow } from "@/lib/audit/queries";
import { describeProblem, resolveAuditFilters } from "@/lib/audit/resolve";
import { AUDIT_PAGE_SIZES, auditCursorSchema, auditFilterSchema, auditRangeErrors, parseAuditFilters, type AuditFilters } from "@/lib/validation/audit";
import { counted } from "@/lib/text/counted";
import { CliError, output, table } from "./output";
import { parseOrFail } from "./parse";

// The audit page's filters, under the same names (its free-text `q` is --search here).
const FILTER_OPTIONS: { key: keyof AuditFilters; flag: string; value: string; help: string }[] = [
  { key: "from", flag: "from", value: "time", help: "from this UTC time on (2026-11-26 or 2026-11-26 13:40)" },
  { key: "to", flag: "to", value: "time", help: "before this UTC time" },
  { key: "type", flag: "type", value: "event", help: "one event type, e.g. token.revoked" },
  { key: "decision", flag: "decision", value: "decision", help: "allow, deny, success or failure" },
  { key: "outcome", flag: "outcome", value: "outcome", help: `what happened to a call: ${OUTCOME_FILTERS.join(", ")}` },
  { key: "user", flag: "user", value: "user", help: "events by or about a user: email, name or id" },
  { key: "token", flag: "token", value: "token", help: "a token's name, prefix (mcpt_…) or id" },
  { key: "server", flag: "server", value: "server", help: "an MCP server's slug, name or id" },
  { key: "tool", flag: "tool", value: "tool", help: "a tool's name" },
  { key: "ip", flag: "ip", value: "address", help: "a client address" },
  { key: "request", flag: "request", value: "id", help: "a request id" },
  { key: "q", flag: "search", value: "text", help: "text anywhere in the event" },
];

type ListOptions = Partial<Record<string, string>> & { limit?: string; before?: string; json?: boolean };

/**
 * The options as the audit page's filters, parsed by the page's own schema; a value the page
 * would drop (it shows the unfiltered log) is an error here, naming the option.
 */
function filtersFrom(opts: ListOptions): AuditFilters {
  const params = Object.fromEntries(FILTER_OPTIONS.flatMap((o) => (opts[o.flag] === undefined ? [] : [[o.key, opts[o.flag]]])));
  const filters = parseAuditFilters(params);
  const range = auditRangeErrors(params, filters);
  if (range.from) throw new CliError(`--from: ${range.from}`);
  if (range.to) throw new CliError(`--to: ${range.to}`);
  for (const o of FILTER_OPTIONS) {
    const schema: z.ZodType<unknown> = auditFilterSchema.shape[o.key];
    if (params[o.key] !== undefined && filters[o.key] === undefined) parseOrFail(schema.safeParse(params[o.key]), o.flag);
  }
  return filters;
}

function outcomeText(e: AuditRow): string {
  const outcome = callOutcome(e.type, e.reason);
  return outcome ? CALL_OUTCOME_LOOKS[outcome].label : (DECISION_LABELS[e.decision as AuditDecision] ?? e.decision);
}

/** One event for --json: times in ISO 8601 UTC and details as an object, as in the audit export. */
function exported(e: AuditRow) {
  let details: unknown = e.details;
  try {
    details = e.details === null ? null : JSON.parse(e.details);
  } catch {
    // Not JSON (a hand-edited row): kept as the text it is.
  }
  return { ...e, ts: new Date(e.ts).toISOString(), details };
}

export function registerAuditListCommand(audit: Command): void {
  const list = audit.command("list").description("Show audit events, newest first, filtered as on the audit page");
  for (const o of FILTER_OPTIONS) list.option(`--${o.flag} <${o.value}>`, o.help);
  list
    .option("--limit <n>", `events to show: ${AUDIT_PAGE_SIZES.join(", ")}`, "50")
    .option("--before <seq>", "only events older than this one (the next page)")
    .option("--json", "machine-readable output")
    .action(async (opts: ListOptions) => {
      const filters = filtersFrom(opts);
      const size = auditCursorSchema.shape.size.safeParse(opts.limit).data;
      if (size === undefined) throw new CliError(`--limit: one of ${AUDIT_PAGE_SIZES.join(", ")}, as the audit page offers`);
      const before = opts.before === undefined ? undefined : parseOrFail(auditCursorSchema.shape.before.safeParse(opts.before), "before");
      // As on the page, a value that names nothing is an answer of its own, not the whole log.
      const resolved = resolveAuditFilters("system", filters);
      if (resolved.problems.length > 0) throw new CliError(resolved.problems.map(describeProblem).join(" "));
      const page = await listAuditEvents("system", resolved.filters, { size, before });
      output(opts.json, { events: page.rows.map(exported), older: page.older }, () => {
        if (page.rows.length === 0) return "No events match.";
        const rows = page.rows.map((e) => [
          e.seq,
          new Date(e.ts).toISOString().slice(0, 19).replace("T", " "),
          e.type,
          outcomeText(e),
          e.actorName ?? e.actorType,
          e.subjectEmail,
          e.tokenName ?? e.tokenId,
          e.serverName ?? e.serverId,
          e.tool,
          reasonLabel(e.reason),
        ]);
        const more = page.older === null ? "" : `; older ones: --before ${page.older}`;
        return [table(["SEQ", "TIME (UTC)", "EVENT", "OUTCOME", "BY", "USER", "TOKEN", "SERVER", "TOOL", "REASON"], rows), `${counted(page.rows.length, "event", "events")}, newest first${more}`];
      });
    });
}
