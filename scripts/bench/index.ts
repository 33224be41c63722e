/**
 * `npm run bench`: Gatehouse's verification throughput against a plain node:http server,
 * measured in the same run on the same machine, on the production build.
 *
 *   npm run bench -- [--seconds 10] [--connections 10] [--rounds 5] [--soak 600] [--audit-rows 300000] [--port 3802] [--hello-port 3801]
 *                    [--search-rows 1000000] [--searches-only] [--search-port 3803] [--sign-ins-only] [--sign-in-port 3804]
 *                    [--refreshes-only] [--refresh-port 3805]
 *
 * Then the audit-log query figures (scripts/bench-audit.ts) on a freshly seeded log, and verify
 * p99 while four audit searches run on a server with a million-event log (./searches.ts), while
 * 32 clients sign in (./sign-ins.ts), and beside OAuth refreshes (./refreshes.ts), with the token
 * endpoint's refresh throughput.
 */
import Database from "better-sqlite3";
import { spawn, execSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateCredential } from "@/lib/tokens/format";
import { benchAudit } from "../bench-audit";
import { seedAudit } from "../seed-audit";
import { serverArgv } from "../server-argv";
import { runExact, runLoad, type LoadResult } from "./load";
import { benchRefreshes, type RefreshBench } from "./refreshes";
import { benchVerifyDuringSearches, type SearchBench } from "./searches";
import { seedBenchDatabase, type BenchFixture } from "./seed";
import { waitFor } from "./server";
import { benchVerifyDuringSignIns, type SignInBench } from "./sign-ins";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "5" },
    soak: { type: "string", default: "0" },
    "audit-rows": { type: "string", default: "300000" },
    port: { type: "string", default: "3802" },
    "hello-port": { type: "string", default: "3801" },
    "search-rows": { type: "string", default: "1000000" },
    "search-port": { type: "string", default: "3803" },
    "searches-only": { type: "boolean", default: false },
    "sign-in-port": { type: "string", default: "3804" },
    "sign-ins-only": { type: "boolean", default: false },
    "refresh-port": { type: "string", default: "3805" },
    "refreshes-only": { type: "boolean", default: false },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const SOAK = Number(args.soak);
const ROUNDS = Number(args.rounds);
const HELLO_PORT = Number(args["hello-port"]);
const GATEHOUSE_PORT = Number(args.port);
const EXACT_REQUESTS = 5000;

function start(cmd: string, argv: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(cmd, argv, { env: { ...process.env, ...env } as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "inherit"] });
  process.on("exit", () => child.kill("SIGKILL"));
  return child;
}

function statusMiB(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0) / 1024;
}

function rssMiB(pid: number): number {
  return statusMiB(pid, "VmRSS");
}

/** RSS split as the kernel counts it: anonymous (JS heap, SQLite caches), file-backed, shared (the WAL index). */
function rssParts(pid: number): string {
  const part = (f: string) => statusMiB(pid, f).toFixed(0);
  return `${rssMiB(pid).toFixed(0)} MiB (anon ${part("RssAnon")}, file ${part("RssFile")}, shmem ${part("RssShmem")})`;
}

/** CPU time (µs) each thread of a process has used so far, the main thread (tid = pid) apart. */
function threadCpu(pid: number): { main: number; other: number } {
  const tick = 1_000_000 / 100; // USER_HZ is 100 on Linux
  let main = 0;
  let other = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended between listing and reading
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const used = (Number(fields[11]) + Number(fields[12])) * tick;
    if (Number(tid) === pid) main += used;
    else other += used;
  }
  return { main, other };
}

function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

function scenarios(f: BenchFixture) {
  const server = f.servers[0]!;
  const bearer = { authorization: `Bearer ${server.credential}`, "content-type": "application/json" };
  const validTokens = f.valid.filter((v) => v.serverIndexes.includes(0));
  const nextValid = cycle(validTokens);
  const tools = cycle(["list_notes", "add_note", "list_notes"]);
  let n = 0;
  const verifyValid = () => JSON.stringify({ token: nextValid().token, method: "tools/call", tool: tools(), request_id: `bench-${n++}` });
  const bad = cycle([
    () => "mcpt_" + "A".repeat(36), // malformed: the checksum does not match
    () => "not-a-token",
    () => f.revoked[n % f.revoked.length]!,
    () => `mcpt_unknown${n}`,
  ]);
  const verifyBad = () => JSON.stringify({ token: bad()(), method: "tools/call", tool: "list_notes", request_id: `bench-${n++}` });
  const basic = Buffer.from(`${server.slug}:${server.credential}`).toString("base64");
  const introspect = () => `token=${encodeURIComponent(nextValid().token)}`;
  // A flood from one end client through another server's credential (issue 7, property 8).
  const floodServer = f.servers[1]!;
  const flood = () => JSON.stringify({ token: bad()(), method: "tools/call", tool: "list_notes", client_ip: "203.0.113.9", request_id: `flood-${n++}` });
  // The red-team flood (issue 16.3): bad server credentials from one address, long fields. Valid
  // calls come from the same address (127.0.0.1): a per-address bucket must not refuse them.
  // Well-formed but unknown: each call costs a lookup, the dearer kind of bad credential.
  const badCredential = generateCredential("mcps_");
  const anonymous = () => JSON.stringify({ token: "x", user_agent: "A".repeat(512), request_id: `anon-${n++}` });
  return {
    anonymousFlood: {
      method: "POST" as const,
      path: "/api/v1/verify",
      headers: { authorization: `Bearer ${badCredential}`, "content-type": "application/json", "user-agent": "U".repeat(512) },
      body: anonymous,
    },
    hello: { method: "GET" as const, path: "/", body: () => "" },
    flood: {
      method: "POST" as const,
      path: "/api/v1/verify",
      headers: { authorization: `Bearer ${floodServer.credential}`, "content-type": "application/json" },
      body: flood,
    },
    verifyValid: { method: "POST" as const, path: "/api/v1/verify", headers: bearer, body: verifyValid },
    verifyBad: { method: "POST" as const, path: "/api/v1/verify", headers: bearer, body: verifyBad },
    introspect: {
      method: "POST" as const,
      path: "/api/v1/introspect",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: introspect,
    },
  };
}

/** Verify p99 while four audit searches run (skipped with --search-rows 0). */
async function searchFigures(dir: string): Promise<SearchBench | undefined> {
  const rows = Number(args["search-rows"]);
  if (!(rows > 0)) return undefined;
  console.log(`\nVerification during audit searches, on a ${rows.toLocaleString("en")}-event log …`);
  const r = await benchVerifyDuringSearches({ rows, dir, port: Number(args["search-port"]), seconds: SECONDS, connections: CONNECTIONS });
  console.log("scenario".padEnd(42) + "req/s".padStart(9) + "p50 ms".padStart(8) + "p99 ms".padStart(8) + "errors".padStart(8));
  for (const x of [r.alone, ...r.rounds.map((round) => round.during)]) {
    console.log(x.name.padEnd(42) + x.rps.toFixed(0).padStart(9) + String(x.p50).padStart(8) + String(x.p99).padStart(8) + String(x.errors).padStart(8));
  }
  for (const round of r.rounds) {
    console.log(
      `verify p99 during ${round.completed} full-scan ${round.kind} (4 at a time; median ${round.medianMs} ms, slowest ${round.maxMs} ms, ` +
        `${round.failed} failed): ${round.during.p99} ms (goal ≤ 10 ms)`,
    );
  }
  if (r.seededFromCache) console.log("(the seeded log came from bench-results/cache)");
  return r;
}

async function signInFigures(dir: string): Promise<SignInBench> {
  console.log("\nVerification during sign-ins (wrong passwords, an address per attempt, per-account throttle lifted) …");
  const r = await benchVerifyDuringSignIns({ dir, port: Number(args["sign-in-port"]), seconds: SECONDS, connections: CONNECTIONS });
  console.log("scenario".padEnd(42) + "req/s".padStart(9) + "p50 ms".padStart(8) + "p99 ms".padStart(8) + "errors".padStart(8));
  for (const x of [r.alone, r.during]) {
    console.log(x.name.padEnd(42) + x.rps.toFixed(0).padStart(9) + String(x.p50).padStart(8) + String(x.p99).padStart(8) + String(x.errors).padStart(8));
  }
  console.log(
    `sign-in attempts: ${r.attempts} (${r.hashed} hashed, median ${r.medianMs} ms, max ${r.maxMs} ms; ${r.busy} refused as busy by the hashing gate; ${r.refused} refused by server.ts past the sign-in rate); ` +
      `verify p99 ${r.alone.p99} → ${r.during.p99} ms (goal ≤ 10 ms)`,
  );
  return r;
}

async function refreshFigures(dir: string): Promise<RefreshBench> {
  console.log("\nOAuth refreshes (16 clients, each refreshing back to back with the refresh token it was last given) …");
  const r = await benchRefreshes({ dir, port: Number(args["refresh-port"]), seconds: SECONDS, connections: CONNECTIONS });
  for (const [label, x] of [["refreshes alone, no token admission", r.alone], ["refreshes beside verify, no token admission", r.during], ["refreshes beside verify, default admission", r.bounded]] as const) {
    console.log(`${label}: ${x.perSecond} refreshes/s, p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms (${x.refreshes} answered, ${x.limited} told 429, ${x.failed} failed)`);
  }
  console.log("scenario".padEnd(66) + "req/s".padStart(9) + "p50 ms".padStart(8) + "p99 ms".padStart(8) + "errors".padStart(8));
  for (const x of [r.verifyAlone, r.verifyDuring, r.verifyBounded]) {
    console.log(x.name.padEnd(66) + x.rps.toFixed(0).padStart(9) + String(x.p50).padStart(8) + String(x.p99).padStart(8) + String(x.errors).padStart(8));
  }
  return r;
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("No production build found: running `npm run build` first.");
    execSync("npm run build", { stdio: "inherit" });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"));
  // One scenario by itself: its figures go to bench-results/<name>.json.
  const only = { "sign-ins": signInFigures, searches: searchFigures, refreshes: refreshFigures } as const;
  for (const [name, figures] of Object.entries(only)) {
    if (!args[`${name}-only` as keyof typeof args]) continue;
    const result = await figures(dir);
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(`bench-results/${name}.json`, JSON.stringify({ at: new Date().toISOString(), [name]: result }, null, 2));
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
  const dbFile = path.join(dir, "gatehouse.db");
  console.log(`Seeding 10,000 tokens over 5 servers in ${dbFile} …`);
  const fixture = seedBenchDatabase(dbFile);

  const hello = start(process.execPath, ["scripts/bench/hello.mjs", String(HELLO_PORT)], {});
  const gatehouse = start(process.execPath, serverArgv(), {
    NODE_ENV: "production",
    DATABASE_URL: `file:${dbFile}`,
    PORT: String(GATEHOUSE_PORT),
    HOST: "127.0.0.1",
  });
  await waitFor(`http://127.0.0.1:${HELLO_PORT}/`);
  await waitFor(`http://127.0.0.1:${GATEHOUSE_PORT}/api/health`);
  const reader = new Database(dbFile, { readonly: true });
  const auditHead = () => (reader.prepare("SELECT coalesce(max(seq), 0) FROM audit_events").pluck().get() as number) ?? 0;

  const s = scenarios(fixture);
  const base = { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: 3 };
  const gh = `http://127.0.0.1:${GATEHOUSE_PORT}`;
  const rows: (LoadResult & { exactAnswered?: number; exactLimited?: number; audited?: number })[] = [];
  // Every answer but a counted 429 has its own row; 429s past a limit have one row per key and interval.
  const rowsSince = (seq: number) =>
    reader.prepare("SELECT count(*) AS all_rows, count(*) FILTER (WHERE type = 'call.rate_limited') AS limited FROM audit_events WHERE seq > ?").get(seq) as { all_rows: number; limited: number };
  const rssStart = rssMiB(gatehouse.pid!);

  const helloRun = await runLoad({ ...base, name: "node:http hello world", url: `http://127.0.0.1:${HELLO_PORT}`, request: s.hello });
  rows.push(helloRun.measured);
  // What HTTP alone costs the server's main thread a request: the floor under a verification's cost.
  const httpBefore = threadCpu(hello.pid!).main;
  const httpOnly = await runLoad({
    ...base,
    name: "node:http POST: read body, answer JSON",
    url: `http://127.0.0.1:${HELLO_PORT}`,
    request: { ...s.verifyValid, path: "/" },
  });
  const httpMain = (threadCpu(hello.pid!).main - httpBefore) / (httpOnly.warmupAnswered + httpOnly.measured.answered);
  rows.push(httpOnly.measured);

  // Where the CPU goes during the valid-token run (warm-up included, divided by every answer).
  let cpu: { main: number; other: number; load: number } | undefined;
  for (const [name, request] of [
    ["verify: valid tokens, read+write tools", s.verifyValid],
    ["verify: unknown, malformed, revoked", s.verifyBad],
    ["introspect (RFC 7662)", s.introspect],
  ] as const) {
    const before = { threads: threadCpu(gatehouse.pid!), load: process.cpuUsage() };
    const run = await runLoad({ ...base, name, url: gh, request });
    if (request === s.verifyValid) {
      const after = threadCpu(gatehouse.pid!);
      const load = process.cpuUsage(before.load);
      const calls = run.warmupAnswered + run.measured.answered;
      cpu = {
        main: (after.main - before.threads.main) / calls,
        other: (after.other - before.threads.other) / calls,
        load: (load.user + load.system) / calls,
      };
    }
    // A timed run stops with requests in flight; an exact run counts every answer.
    await new Promise((r) => setTimeout(r, 500));
    const headBefore = auditHead();
    const exact = await runExact({ url: gh, request, connections: CONNECTIONS, amount: EXACT_REQUESTS });
    const written = rowsSince(headBefore);
    rows.push({ ...run.measured, exactAnswered: exact.answered - exact.limited, exactLimited: exact.limited, audited: written.all_rows - written.limited });
  }

  // Valid verifications while another client floods bad tokens at the same time.
  const [underFlood, floodRun] = await Promise.all([
    runLoad({ ...base, name: "verify: valid, during a bad-token flood", url: gh, request: s.verifyValid }),
    runLoad({ ...base, name: "  (the flood: bad tokens, one client)", url: gh, request: s.flood }),
  ]);
  rows.push(underFlood.measured, floodRun.measured);

  // The anonymous flood, with valid verifications from the same address; what it adds to the log.
  const floodHead = auditHead();
  const [underAnonymous, anonymousRun] = await Promise.all([
    runLoad({ ...base, name: "verify: valid, same address as the flood", url: gh, request: s.verifyValid }),
    runLoad({ ...base, name: "  (the flood: bad credentials, one address)", url: gh, request: s.anonymousFlood }),
  ]);
  rows.push(underAnonymous.measured, anonymousRun.measured);
  const floodRows = reader.prepare("SELECT count(*) FROM audit_events WHERE seq > ? AND actor_type = 'anonymous'").pluck().get(floodHead) as number;
  const floodAnswered = anonymousRun.warmupAnswered + anonymousRun.measured.answered;

  // The headline ratio, measured in pairs: this VM's speed drifts by a third within minutes, so
  // a hello-world run and a verify run a minute apart can compare two different machines. Each
  // round runs both back to back; the ratio reported is the median of the rounds' ratios (the
  // lower middle one for an even count).
  const pairs: { hello: number; verify: number; ratio: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const pair = { connections: CONNECTIONS, seconds: 5, warmupSeconds: 1 };
    const h = await runLoad({ ...pair, name: "hello", url: `http://127.0.0.1:${HELLO_PORT}`, request: s.hello });
    const v = await runLoad({ ...pair, name: "verify", url: gh, request: s.verifyValid });
    pairs.push({ hello: h.measured.rps, verify: v.measured.rps, ratio: v.measured.rps / h.measured.rps });
  }

  let soak: { seconds: number; rssStart: number; rssEnd: number; rps: number; samples: string[] } | undefined;
  if (SOAK > 0) {
    const start = rssMiB(gatehouse.pid!);
    // A sample a minute shows the shape: a plateau is caches filling, a steady climb a leak.
    const samples = [`0 s: ${rssParts(gatehouse.pid!)}`];
    const began = Date.now();
    const sampler = setInterval(() => samples.push(`${Math.round((Date.now() - began) / 1000)} s: ${rssParts(gatehouse.pid!)}`), 60_000);
    const run = await runLoad({ ...base, seconds: SOAK, warmupSeconds: 1, name: "soak", url: gh, request: s.verifyValid });
    clearInterval(sampler);
    samples.push(`end: ${rssParts(gatehouse.pid!)}`);
    soak = { seconds: SOAK, rssStart: start, rssEnd: rssMiB(gatehouse.pid!), rps: run.measured.rps, samples };
  }
  const rssEnd = rssMiB(gatehouse.pid!);
  // How far the search index trails the log right after the load stops (its worker keeps up or not).
  const indexReader = new Database(`${dbFile}.audit-index`, { readonly: true });
  const indexLag = auditHead() - (indexReader.prepare("SELECT seq FROM audit_search_state").pluck().get() as number);
  indexReader.close();

  const helloRps = rows[0]!.rps;
  console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s after a 3 s warm-up\n`);
  console.log("scenario".padEnd(42) + "req/s".padStart(9) + "p50 ms".padStart(8) + "p99 ms".padStart(8) + "errors".padStart(8) + "  exact run: answered / audit events");
  for (const r of rows) {
    const limited = r.exactLimited ? ` (+${r.exactLimited} counted 429s)` : "";
    const audit = r.audited === undefined ? "" : `  ${r.exactAnswered} / ${r.audited}${r.exactAnswered === r.audited ? " ✓" : " ✗ MISMATCH"}${limited}`;
    console.log(r.name.padEnd(42) + r.rps.toFixed(0).padStart(9) + String(r.p50).padStart(8) + String(r.p99).padStart(8) + String(r.errors).padStart(8) + audit);
  }
  const alone = rows.find((r) => r.name.startsWith("verify: valid tokens"))!;
  console.log(`\nverify / hello-world throughput in the table above: ${(alone.rps / helloRps).toFixed(2)} (goal ≥ 0.50)`);
  const sorted = pairs.map((p) => p.ratio).sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : null;
  if (median !== null) {
    console.log(`verify / hello-world throughput, median of ${pairs.length} back-to-back rounds of 5 s: ${median.toFixed(2)} (goal ≥ 0.50)`);
    for (const p of pairs) console.log(`  hello ${p.hello.toFixed(0)}, verify ${p.verify.toFixed(0)}: ${p.ratio.toFixed(2)}`);
  }
  if (cpu) {
    const total = cpu.main + cpu.other + cpu.load;
    console.log(
      `CPU per valid verification: Gatehouse main thread ${cpu.main.toFixed(0)} µs, its other threads ${cpu.other.toFixed(0)} µs ` +
        `(audit indexer, checkpointer, GC); the load generator ${cpu.load.toFixed(0)} µs. ` +
        `${os.cpus().length} cores at this cost: at most ${Math.round((os.cpus().length * 1e6) / total).toLocaleString("en")}/s, ` +
        `and the main thread alone at most ${Math.round(1e6 / cpu.main).toLocaleString("en")}/s`,
    );
  }
  console.log(`CPU per request of the POST baseline (HTTP alone, no verification): its main thread ${httpMain.toFixed(0)} µs`);
  const flooded = underFlood.measured;
  console.log(
    `valid verifications under a bad-token flood: ${(alone.rps / flooded.rps).toFixed(2)}× less throughput, ` +
      `p99 ${alone.p99} → ${flooded.p99} ms; valid calls answered non-2xx during the flood: ${flooded.non2xx} (goal: ≤ 2×, 0)`,
  );
  const sameAddress = underAnonymous.measured;
  console.log(
    `anonymous flood from one address (bad credentials, 512-character fields): ${floodAnswered.toLocaleString("en")} calls answered, ` +
      `${floodRows.toLocaleString("en")} audit rows added (goal: bounded by the bucket, not one a call); ` +
      `valid verifications from that address: p99 ${sameAddress.p99} ms, non-2xx ${sameAddress.non2xx} (goal: 0)`,
  );
  console.log(`Gatehouse RSS: ${rssStart.toFixed(0)} MiB at start, ${rssEnd.toFixed(0)} MiB at end`);
  console.log(`Audit search index: ${indexLag.toLocaleString("en")} events behind the log when the load stopped (of ${auditHead().toLocaleString("en")})`);
  if (soak) {
    console.log(`Soak ${soak.seconds} s at ${soak.rps.toFixed(0)} req/s: RSS ${soak.rssStart.toFixed(0)} → ${soak.rssEnd.toFixed(0)} MiB`);
    for (const line of soak.samples) console.log(`  ${line}`);
    const wal = fs.statSync(`${dbFile}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    console.log(`  database ${(fs.statSync(dbFile).size / 2 ** 20).toFixed(0)} MiB, WAL ${(wal / 2 ** 20).toFixed(0)} MiB, search index ${((fs.statSync(`${dbFile}.audit-index`, { throwIfNoEntry: false })?.size ?? 0) / 2 ** 20).toFixed(0)} MiB`);
  }

  const auditRows = Number(args["audit-rows"]);
  let audit;
  if (auditRows > 0) {
    const auditFile = path.join(dir, "audit.db");
    console.log(`\nAudit log: seeding ${auditRows.toLocaleString("en")} events …`);
    seedAudit({ rows: auditRows, file: auditFile });
    audit = await benchAudit({ file: auditFile, runs: 15, skipExport: true });
    console.log("query".padEnd(52) + "median ms".padStart(10) + "p95 ms".padStart(9));
    for (const q of audit.queries) console.log(q.name.padEnd(52) + q.medianMs.toFixed(2).padStart(10) + q.p95Ms.toFixed(2).padStart(9));
    console.log("(full-export time and memory: npm run bench:audit; see docs/PERFORMANCE.md)");
  }

  reader.close();
  hello.kill();
  gatehouse.kill();
  const searches = await searchFigures(dir);
  const signIns = await signInFigures(dir);
  const refreshes = await refreshFigures(dir);

  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync("bench-results/latest.json", JSON.stringify({ at: new Date().toISOString(), rows, pairs, medianRatio: median, anonymousFlood: { answered: floodAnswered, auditRows: floodRows, validP99: sameAddress.p99, validNon2xx: sameAddress.non2xx }, cpuPerVerification: cpu, httpBaselineMainCpu: httpMain, rssStart, rssEnd, indexLag, soak, audit, searches, signIns, refreshes }, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
  const mismatch = rows.some((r) => r.audited !== undefined && r.audited !== r.exactAnswered);
  process.exit(mismatch ? 1 : 0);
}

void main();
