/**
 * Audit query figures, measured in-process (server time, no HTTP):
 *   npm run bench:audit -- [--db FILE] [--runs 15] [--skip-export] [--format csv|ndjson]
 * Seed first with `npm run seed:audit -- --rows 1000000 --db FILE`. `benchAudit()` is importable
 * (the overall `npm run bench` calls it) and returns the figures instead of printing them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { attachAuditIndex, AUDIT_INDEX } from "@/db/audit-index";
import { openDatabase, setDb } from "@/db/client";
import { auditExport } from "@/lib/audit/export";
import { chainHead, listAuditEvents } from "@/lib/audit/queries";
import { indexAllAuditEvents, indexAuditEvents } from "@/lib/audit/search-index";
import { callBuckets, serverCallBuckets, tokenCallBuckets, usageByUser } from "@/lib/audit/stats";
import { config } from "@/lib/config";
import type { AuditFilters } from "@/lib/validation/audit";

export type QueryFigure = { name: string; medianMs: number; p95Ms: number; rows: number };
export type AuditBenchResult = {
  machine: string;
  events: number;
  /** Seconds to build the audit search index from scratch. */
  indexSeconds: number;
  queries: QueryFigure[];
  export?: { format: "csv" | "ndjson"; rows: number; seconds: number; mb: number; peakRssMb: number; rssBeforeMb: number };
};

async function time<T>(runs: number, fn: () => T | Promise<T>): Promise<{ medianMs: number; p95Ms: number; result: T }> {
  let result = await fn(); // warm the statement cache and the page cache
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { medianMs: round(samples[Math.floor(samples.length / 2)]!), p95Ms: round(samples[Math.ceil(samples.length * 0.95) - 1]!), result };
}

/** The seq below which page `page` (1-based, newest first) starts; found once, untimed. */
function cursorForPage(sqlite: import("better-sqlite3").Database, page: number, size: number, where = "1", params: unknown[] = []): number | undefined {
  return sqlite.prepare(`SELECT seq FROM audit_events WHERE ${where} ORDER BY seq DESC LIMIT 1 OFFSET ?`).pluck().get(...params, (page - 1) * size - 1) as number | undefined;
}

async function measureExport(format: "csv" | "ndjson"): Promise<NonNullable<AuditBenchResult["export"]>> {
  const rssBefore = process.memoryUsage().rss;
  let bytes = 0;
  let rows = 0;
  let peak = rssBefore;
  const devNull = fs.openSync("/dev/null", "w");
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      fs.writeSync(devNull, chunk);
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      peak = Math.max(peak, process.memoryUsage.rss());
      done();
    },
  });
  const t0 = performance.now();
  const { stream } = await auditExport({}, format);
  await pipeline(Readable.fromWeb(stream as NodeReadableStream<Uint8Array>), sink);
  fs.closeSync(devNull);
  const seconds = (performance.now() - t0) / 1000;
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  // RSS peak during the export, sampled per chunk (plus the kernel's own high-water mark).
  const peakRss = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  return { format, rows: format === "csv" ? rows - 1 : rows, seconds: Math.round(seconds * 10) / 10, mb: mb(bytes), peakRssMb: mb(peakRss), rssBeforeMb: mb(rssBefore) };
}

export async function benchAudit(opts: { file: string; runs?: number; skipExport?: boolean; exportFormat?: "csv" | "ndjson" }): Promise<AuditBenchResult> {
  const runs = opts.runs ?? 15;
  const conn = openDatabase(opts.file);
  setDb(conn);
  const sqlite = conn.$client;
  const events = chainHead().stored;
  const size = 50;
  const someServer = sqlite.prepare("SELECT server_id FROM audit_events WHERE server_id IS NOT NULL ORDER BY seq DESC LIMIT 1").pluck().get() as string | null;
  const someToken = sqlite.prepare("SELECT token_id FROM audit_events WHERE token_id IS NOT NULL ORDER BY seq DESC LIMIT 1").pluck().get() as string | null;
  const someUser = sqlite.prepare("SELECT subject_user_id FROM audit_events WHERE subject_user_id IS NOT NULL ORDER BY seq DESC LIMIT 1").pluck().get() as string | null;
  // The newest event is the last one: the writer keeps ts non-decreasing along seq.
  const newest = (sqlite.prepare("SELECT ts FROM audit_events ORDER BY seq DESC LIMIT 1").pluck().get() as number | undefined) ?? Date.now();
  const day = 86_400_000;

  // The search index is built by the server's worker thread; here, in the foreground, timed,
  // stopping 5,000 events short first to measure a query while the index lags behind.
  const indexer = new Database(opts.file);
  attachAuditIndex(indexer);
  const lag = 5_000;
  const t0 = performance.now();
  while (indexer.prepare(`SELECT seq FROM ${AUDIT_INDEX}.audit_search_state`).pluck().get() as number < events - lag) {
    const watermark = indexer.prepare(`SELECT seq FROM ${AUDIT_INDEX}.audit_search_state`).pluck().get() as number;
    indexAuditEvents(indexer, Math.min(20_000, events - lag - watermark));
  }
  let indexSeconds = (performance.now() - t0) / 1000;
  const lagging = someUser ? await time(runs, async () => (await listAuditEvents("system", { user: someUser }, { size })).rows.length) : undefined;
  const t1 = performance.now();
  indexAllAuditEvents(indexer, 20_000);
  indexSeconds += (performance.now() - t1) / 1000;
  indexer.close();

  const cases: [string, () => number | Promise<number>][] = [];
  const page = (name: string, filters: AuditFilters, before?: number) =>
    cases.push([name, async () => (await listAuditEvents("system", filters, { size, before })).rows.length]);

  page("first page (newest 50)", {});
  page("filtered page: decision=deny + server", { decision: "deny", server: someServer ?? undefined });
  page("filtered page: user (subject or actor)", { user: someUser ?? undefined });
  page("filtered page: one day, 10 days ago", { from: newest - 10 * day, to: newest - 9 * day });
  const deep = cursorForPage(sqlite, 5_000, size);
  if (deep !== undefined) page("page 5,000 (keyset: older than seq)", {}, deep);
  const deepAllowed = cursorForPage(sqlite, 5_000, size, "decision = ?", ["allow"]);
  if (deepAllowed !== undefined) page("page 5,000 of decision=allow", { decision: "allow" }, deepAllowed);
  page("free-text search, common term (\"write\")", { q: "write" });
  // A term that matches nothing must read every row: the known slow case (no full-text index).
  page("free-text search, no match (full scan)", { q: "no-such-text" });
  page("free-text search, no match, one day", { q: "no-such-text", from: newest - day, to: newest });
  cases.push(["chart: calls per bucket, last 24 h", async () => (await callBuckets("system", {}, "24h", newest)).buckets.length]);
  cases.push(["chart: calls per bucket, last 30 days", async () => (await callBuckets("system", {}, "30d", newest)).buckets.length]);
  if (someServer) cases.push(["chart: one server, last 30 days", async () => (await serverCallBuckets("system", someServer, "30d", newest)).buckets.length]);
  if (someToken) cases.push(["chart: one token, last 30 days", async () => (await tokenCallBuckets("system", someToken, "30d", newest)).buckets.length]);
  if (someUser) cases.push(["usage by user (who called what)", async () => (await usageByUser("system", someUser)).length]);

  page("filtered page: token", { token: someToken ?? undefined });
  const queries: QueryFigure[] = [];
  for (const [name, fn] of cases) {
    const { medianMs, p95Ms, result } = await time(runs, fn);
    queries.push({ name, medianMs, p95Ms, rows: result });
  }
  if (lagging) queries.push({ name: `filtered page: user, the last ${lag.toLocaleString("en")} events not yet indexed`, medianMs: lagging.medianMs, p95Ms: lagging.p95Ms, rows: lagging.result });
  const result: AuditBenchResult = { machine: `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "?"}), Node ${process.version}`, events, indexSeconds: Math.round(indexSeconds * 10) / 10, queries };
  if (!opts.skipExport) result.export = await measureExport(opts.exportFormat ?? "csv");
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { db: { type: "string" }, runs: { type: "string", default: "15" }, "skip-export": { type: "boolean", default: false }, format: { type: "string", default: "csv" } } });
  const file = values.db ? path.resolve(values.db) : config().databasePath;
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist; seed it with npm run seed:audit -- --db ${file}`);
  if (values.format !== "csv" && values.format !== "ndjson") throw new Error("--format: csv or ndjson");
  const r = await benchAudit({ file, runs: Number(values.runs), skipExport: values["skip-export"], exportFormat: values.format });
  console.log(`Audit benchmark: ${r.events.toLocaleString("en")} events; ${r.machine}`);
  console.log(`Search index built from scratch in ${r.indexSeconds} s`);
  console.log("| query | median ms | p95 ms | rows |\n|---|---:|---:|---:|");
  for (const q of r.queries) console.log(`| ${q.name} | ${q.medianMs} | ${q.p95Ms} | ${q.rows} |`);
  if (r.export) {
    const e = r.export;
    console.log(`\nExport of all ${e.rows.toLocaleString("en")} rows as ${e.format.toUpperCase()} to /dev/null: ${e.seconds} s, ${e.mb} MB, peak RSS ${e.peakRssMb} MB (${e.rssBeforeMb} MB before)`);
  }
}
