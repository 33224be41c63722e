import "server-only";
import { requireAdminActor, type Actor } from "@/lib/auth/actor";
import type { AuditFilters } from "@/lib/validation/audit";
import { prepared } from "./filter-sql";

/*
 * The audit filters take what the pages show (a server's slug, a person's email or name, a
 * token's name or prefix) as well as ids, and turn them into the ids the log stores. The audit
 * page, the usage page and the export all resolve through here, so a value means the same
 * thing on each, and a value that names nothing is reported rather than silently dropped.
 */

export const RESOLVED_FIELDS = ["user", "token", "server"] as const;
export type ResolvedField = (typeof RESOLVED_FIELDS)[number];

export type FilterMatch = { id: string; label: string };
export type FilterProblem =
  | { field: ResolvedField; value: string; kind: "not_found" }
  | { field: ResolvedField; value: string; kind: "ambiguous"; matches: FilterMatch[]; more: boolean };

export type ResolvedAuditFilters = {
  /** The filters with user, token and server as ids (unchanged when a problem was found). */
  filters: AuditFilters;
  problems: FilterProblem[];
  /** What each resolved value names, for headings ("Bob Lee (bob@example.com)"). */
  labels: Partial<Record<ResolvedField, FilterMatch>>;
};

/** How many matches an ambiguous value lists: enough to pick from, not a dump of the table. */
const MAX_MATCHES = 10;

// Ids of objects the tables no longer hold (and ids seeded by tools) still name events in the
// log, so a value shaped like an id is used as one even when no row matches it.
const ID_SHAPE: Record<ResolvedField, RegExp> = {
  user: /^usr_[0-9A-Za-z]+$/,
  token: /^tok_[0-9A-Za-z]+$/,
  server: /^srv_[0-9A-Za-z]+$/,
};

type Row = { id: string; label: string };

// Exact keys first (id, email, slug, full prefix): each names at most one row.
const EXACT_SQL: Record<ResolvedField, string> = {
  user: "SELECT id, name || ' (' || email || ')' AS label FROM users WHERE id = @v OR email = lower(@v)",
  token: "SELECT t.id, t.name || ' (' || u.email || ')' AS label FROM tokens t JOIN users u ON u.id = t.owner_id WHERE t.id = @v",
  server: "SELECT id, name || ' (' || slug || ')' AS label FROM mcp_servers WHERE id = @v OR slug = lower(@v)",
};

// Then the looser keys, which may name several rows: a name (any case), a token's prefix.
const LOOSE_SQL: Record<ResolvedField, string> = {
  user: "SELECT id, name || ' (' || email || ')' AS label FROM users WHERE lower(name) = lower(@v) ORDER BY email LIMIT @limit",
  token: `SELECT t.id, t.name || ' (' || u.email || ')' AS label FROM tokens t JOIN users u ON u.id = t.owner_id
    WHERE lower(t.name) = lower(@v)
       OR t.id IN (SELECT token_id FROM token_secrets WHERE hint = @v OR (substr(@v, 1, 5) = 'mcpt_' AND length(@v) >= 6 AND substr(hint, 1, length(@v)) = @v))
    ORDER BY t.created_at DESC LIMIT @limit`,
  server: "SELECT id, name || ' (' || slug || ')' AS label FROM mcp_servers WHERE lower(name) = lower(@v) ORDER BY slug LIMIT @limit",
};

/** What one typed value names: one row, several (ambiguous), or none. */
export function resolveValue(field: ResolvedField, value: string): { match: FilterMatch } | { problem: FilterProblem } {
  const exact = prepared(EXACT_SQL[field]).get({ v: value }) as Row | undefined;
  if (exact) return { match: exact };
  // A prefix as shown ("mcpt_AbCd…wxyz") or as typed ("mcpt_AbCd"); the ellipsis is display only.
  const key = field === "token" ? value.replace(/…[0-9A-Za-z]*$/, "") : value;
  const loose = prepared(LOOSE_SQL[field]).all({ v: key, limit: MAX_MATCHES + 1 }) as Row[];
  if (loose.length === 1) return { match: loose[0]! };
  if (loose.length > 1) return { problem: { field, value, kind: "ambiguous", matches: loose.slice(0, MAX_MATCHES), more: loose.length > MAX_MATCHES } };
  if (ID_SHAPE[field].test(value)) return { match: { id: value, label: value } };
  return { problem: { field, value, kind: "not_found" } };
}

/** Resolves the user, token and server filters to ids; other filters pass through unchanged. */
export function resolveAuditFilters(actor: Actor, filters: AuditFilters): ResolvedAuditFilters {
  requireAdminActor(actor);
  const out: AuditFilters = { ...filters };
  const problems: FilterProblem[] = [];
  const labels: ResolvedAuditFilters["labels"] = {};
  for (const field of RESOLVED_FIELDS) {
    const value = filters[field];
    if (value === undefined) continue;
    const result = resolveValue(field, value);
    if ("problem" in result) problems.push(result.problem);
    else {
      out[field] = result.match.id;
      labels[field] = result.match;
    }
  }
  return { filters: problems.length ? filters : out, problems, labels };
}

const NOUNS: Record<ResolvedField, string> = { user: "user", token: "token", server: "MCP server" };

/** One sentence per problem, the same on the page and in the export's error. */
export function describeProblem(problem: FilterProblem): string {
  const noun = NOUNS[problem.field];
  if (problem.kind === "not_found") return `No ${noun} matches “${problem.value}”: not found.`;
  return `“${problem.value}” matches ${problem.matches.length}${problem.more ? " or more" : ""} ${noun}s: choose one.`;
}
