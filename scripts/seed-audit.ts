/**
 * Fills a database with a valid audit chain for performance work:
 *   npm run seed:audit -- --rows 1000000 [--db FILE] [--days 30]
 * Appends to whatever chain is there. Rows are built with the writer's own buildAuditRow (same
 * hashing, same cleaning) and inserted in large transactions with one prepared statement.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, setDb } from "@/db/client";
import { GENESIS_HASH } from "@/lib/audit/chain";
import type { AuditInput } from "@/lib/audit/events";
import { auditKeyring } from "@/lib/audit/key";
import { buildAuditRow, insertAuditRow } from "@/lib/audit/writer";
import { config } from "@/lib/config";

const BATCH = 20_000;
const USERS = 200;
const SERVERS = 12;
const TOOLS = ["read_file", "write_file", "list_dir", "search", "git_log", "git_commit", "query", "send_mail"];

export type SeedOptions = { rows: number; file: string; days?: number; log?: (line: string) => void };

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

/** A realistic mix: mostly calls (about 1 in 10 denied), some token and user admin events. */
function eventFor(i: number, rand: () => number): AuditInput {
  const user = Math.floor(rand() * USERS);
  const server = Math.floor(rand() * SERVERS);
  const base = { subjectUserId: `usr_seed${String(user).padStart(11, "0")}`, serverId: `srv_seed${String(server).padStart(11, "0")}` };
  const roll = rand();
  if (roll < 0.02) return { type: "token.issued", actor: { type: "user", id: "usr_seedadmin0000", name: "Seed Admin" }, decision: "success", ...base, tokenId: `tok_seed${String(user * 3).padStart(11, "0")}`, details: { scope: "read" } };
  const tool = pick(TOOLS, Math.floor(rand() * TOOLS.length));
  const denied = roll > 0.9;
  return {
    type: denied ? "call.denied" : "call.allowed",
    actor: { type: "server", id: base.serverId, name: `Seed server ${server}` },
    decision: denied ? "deny" : "allow",
    reason: denied ? "scope: read token, write tool" : null,
    method: "tools/call",
    tool,
    toolClass: tool.startsWith("read") || tool.startsWith("list") || tool === "search" || tool === "git_log" ? "read" : "write",
    tokenId: `tok_seed${String(user * 3 + (i % 3)).padStart(11, "0")}`,
    requestId: `req-${i}`,
    clientIp: `10.${(user >> 8) & 255}.${user & 255}.${server}`,
    userAgent: "seed-client/1.0",
    ...base,
  };
}

/** Seeds `rows` events spread evenly over the last `days` days, ending now. */
export function seedAudit({ rows, file, days = 30, log = () => {} }: SeedOptions): { rows: number; ms: number } {
  const started = performance.now();
  const conn = openDatabase(file);
  setDb(conn);
  const sqlite = conn.$client;
  // A large page cache keeps the hot pages in memory while the table grows.
  sqlite.pragma("cache_size = -262144");
  const head = (sqlite.prepare("SELECT seq, hash, ts FROM audit_events ORDER BY seq DESC LIMIT 1").get() ??
    sqlite.prepare("SELECT seq, hash, 0 AS ts FROM audit_anchor WHERE id = 1").get() ?? { seq: 0, hash: GENESIS_HASH, ts: 0 }) as { seq: number; hash: string; ts: number };
  // Deterministic pseudo-random mix (same data for the same row count).
  let state = 42;
  const rand = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const end = Date.now();
  const start = Math.max(head.ts, end - days * 86_400_000);
  const step = (end - start) / rows;
  let point = { seq: head.seq, hash: head.hash };
  const key = auditKeyring(sqlite).current;
  const writeBatch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const row = buildAuditRow(eventFor(i, rand), point, key, Math.floor(start + i * step));
      insertAuditRow(sqlite, row);
      point = { seq: row.seq, hash: row.hash };
    }
  });
  for (let from = 0; from < rows; from += BATCH) {
    writeBatch(from, Math.min(rows, from + BATCH));
    if ((from / BATCH) % 10 === 0) log(`  ${Math.min(rows, from + BATCH).toLocaleString("en")} / ${rows.toLocaleString("en")}`);
  }
  sqlite.pragma("optimize");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return { rows, ms: performance.now() - started };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, db: { type: "string" }, days: { type: "string", default: "30" } } });
  const rows = Number(values.rows);
  const days = Number(values.days);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error("--rows: a positive whole number");
  if (!(days > 0)) throw new Error("--days: a positive number");
  const file = values.db ? path.resolve(values.db) : config().databasePath;
  console.log(`Seeding ${rows.toLocaleString("en")} audit events into ${file} …`);
  const result = seedAudit({ rows, file, days, log: console.log });
  console.log(`Done in ${(result.ms / 1000).toFixed(1)} s.`);
}
