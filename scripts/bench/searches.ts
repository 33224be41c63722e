/**
 * Verification while admins search a big audit log (issue 16, point 10): verify p99 alone, then
 * with four clients searching back to back for text that matches nothing (a full scan, the
 * costliest search there is), on a server whose log holds `rows` events.
 *
 * Seeding a million events and indexing them takes minutes on a busy machine, so the seeded
 * log (with its search index) is kept in bench-results/cache/ and copied for each run.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { attachAuditIndex, auditIndexPath } from "@/db/audit-index";
import { indexAllAuditEvents } from "@/lib/audit/search-index";
import { hashPassword } from "@/lib/auth/password";
import { newId } from "@/lib/ids";
import { seedAudit } from "../seed-audit";
import { runLoad, type LoadResult } from "./load";
import { seedBenchDatabase } from "./seed";
import { startGatehouse, verifyLoad } from "./server";

const SEARCHERS = 4;
const ADMIN = { email: "bench-admin@example.com", password: "bench-admin-password-not-secret" };

/**
 * Two ways to search: the audit page (what an admin does: the query on the search thread, the
 * React render on the main thread) and the NDJSON export with the same filter (the query's
 * cost alone: a count and a batch, both full scans, and almost nothing to send).
 */
const SEARCH_KINDS = [
  { name: "page searches", path: (q: string) => `/audit?q=${q}` },
  { name: "export searches", path: (q: string) => `/api/audit/export?format=ndjson&q=${q}` },
] as const;

export type SearchRound = { kind: string; during: LoadResult; completed: number; failed: number; medianMs: number; maxMs: number };

export type SearchBench = { rows: number; seededFromCache: boolean; alone: LoadResult; rounds: SearchRound[] };

/** The seeded log for `rows` events, with its search index built: from the cache, or made now. */
function cachedLog(rows: number, log: (line: string) => void): { file: string; cached: boolean } {
  const dir = path.resolve("bench-results", "cache");
  const file = path.join(dir, `audit-${rows}.db`);
  if (fs.existsSync(file) && fs.existsSync(auditIndexPath(file))) return { file, cached: true };
  fs.mkdirSync(dir, { recursive: true });
  const building = path.join(dir, `audit-${rows}.building.db`);
  for (const f of [building, `${building}-wal`, `${building}-shm`, auditIndexPath(building)]) fs.rmSync(f, { force: true });
  log(`Seeding ${rows.toLocaleString("en")} audit events into ${building} (kept for later runs) …`);
  seedAudit({ rows, file: building });
  const sqlite = new Database(building);
  attachAuditIndex(sqlite);
  indexAllAuditEvents(sqlite, 20_000);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("audit_index.wal_checkpoint(TRUNCATE)");
  sqlite.close();
  fs.renameSync(auditIndexPath(building), auditIndexPath(file));
  fs.renameSync(building, file);
  return { file, cached: false };
}

async function addAdmin(file: string): Promise<void> {
  const sqlite = new Database(file);
  sqlite
    .prepare("INSERT INTO users (id, email, name, role, status, password_hash) VALUES (?, ?, 'Bench admin', 'admin', 'active', ?)")
    .run(newId("usr"), ADMIN.email, await hashPassword(ADMIN.password));
  sqlite.close();
}

/** Signs in through Auth.js's credentials flow, as the login form does; returns the Cookie header. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password, csrfToken, callbackUrl: `${base}/audit` }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.includes("session-token="));
  if (!session) throw new Error(`bench: signing in as ${ADMIN.email} failed (${res.status})`);
  return session;
}

export async function benchVerifyDuringSearches(opts: {
  rows: number;
  dir: string;
  port: number;
  seconds: number;
  connections: number;
  log?: (line: string) => void;
}): Promise<SearchBench> {
  const log = opts.log ?? console.log;
  const cache = cachedLog(opts.rows, log);
  const file = path.join(opts.dir, "searches.db");
  fs.copyFileSync(cache.file, file);
  fs.copyFileSync(auditIndexPath(cache.file), auditIndexPath(file));
  const fixture = seedBenchDatabase(file, 1_000);
  await addAdmin(file);

  const { server, base } = await startGatehouse(opts.port, { DATABASE_URL: `file:${file}` });
  try {
    const cookie = await signIn(base);
    const load = verifyLoad(fixture, base, opts, "search-bench");
    const alone = await runLoad({ ...load, name: "verify: valid, alone (big log)" });

    const rounds: SearchRound[] = [];
    for (const kind of SEARCH_KINDS) {
      let searching = true;
      const times: number[] = [];
      let failed = 0;
      const searcher = async (i: number) => {
        while (searching) {
          const t0 = performance.now();
          const res = await fetch(`${base}${kind.path(`no-such-text-${i}-${times.length}`)}`, { headers: { cookie, "sec-fetch-site": "same-origin" } });
          await res.text();
          if (res.ok) times.push(performance.now() - t0);
          else failed++;
        }
      };
      const searchers = Array.from({ length: SEARCHERS }, (_, i) => searcher(i));
      const during = await runLoad({ ...load, name: `verify: valid, during ${SEARCHERS} ${kind.name}` });
      searching = false;
      await Promise.all(searchers);
      times.sort((a, b) => a - b);
      rounds.push({ kind: kind.name, during: during.measured, completed: times.length, failed, medianMs: Math.round(times[Math.floor(times.length / 2)] ?? 0), maxMs: Math.round(times.at(-1) ?? 0) });
    }
    return { rows: opts.rows, seededFromCache: cache.cached, alone: alone.measured, rounds };
  } finally {
    server.kill();
  }
}
