/**
 * Property 11: when the audit event cannot be written — a full disk, a locked database —
 * verify answers 503 and never allows, and Gatehouse recovers by itself once the cause is gone.
 * Calls go over HTTP through handleFastPath and group commit, the code server.ts runs.
 *
 * The full disk is a real one where this runs as root (a 4 MB tmpfs holding the database);
 * elsewhere (or with FAULTS_FULL_DISK=pragma) SQLite's max_page_count stands in for it.
 * The test prints which one ran.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, setDb, type Db } from "@/db/client";
import { registerServer } from "@/lib/servers/mutations";
import { handleFastPath } from "@/lib/verify/node";
import { verifyFileChain } from "@/test/fixtures/audit-chain";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { closeAgent, postVerify, type Answer } from "./support";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "fault test" };

let server: http.Server;
let port = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!handleFastPath(req, res, req.socket.remoteAddress ?? null)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  closeAgent();
  await new Promise<void>((r) => server.close(() => r()));
});

/** A database file in `dir`, seeded with one server and one write token. */
function seed(dir: string) {
  const file = path.join(dir, "gatehouse.db");
  const conn = openDatabase(file);
  setDb(conn);
  const { credential } = registerServer({ name: "Faults", url: "https://faults.example.com", deployment: "remote" }, ctx);
  const token = insertToken({ ownerId: insertUser().id, scope: "write" });
  return { file, conn, credential, secret: token.secret };
}

function auditRows(conn: Db, requestIds: string[]): number {
  const q = conn.$client.prepare("SELECT count(*) FROM audit_events WHERE request_id = ?").pluck();
  return requestIds.reduce((n, id) => n + Number(q.get(id)), 0);
}

/** `n` calls sent together (one group commit). */
function burst(s: { credential: string; secret: string }, label: string, n: number): Promise<Answer[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => postVerify(port, s.credential, s.secret, `${label}-${i}`))).then((a) => a.map((x) => x!));
}

function expectNeverAllowedWhileBroken(answers: Answer[]) {
  for (const a of answers) {
    expect(a.allowed, a.requestId).not.toBe(true);
    expect(a).toMatchObject({ status: 503, code: "audit_unavailable" });
  }
}

describe("the disk is full", () => {
  let dir = "";
  let mounted = false;
  let conn: Db | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-full-"));
    try {
      // FAULTS_FULL_DISK=pragma runs the stand-in even where mounting works (to test it).
      if (process.env.FAULTS_FULL_DISK === "pragma") throw new Error("tmpfs not wanted");
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", dir], { stdio: "ignore" });
      mounted = true;
    } catch {
      mounted = false;
    }
    console.log(`[fault] full disk simulated with ${mounted ? "a real 4 MB tmpfs (mount -t tmpfs)" : "PRAGMA max_page_count (mounting is not permitted here)"}`);
  });
  afterEach(() => {
    setDb(undefined);
    conn?.$client.close();
    if (mounted) execFileSync("umount", ["-l", dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Takes all free space away; returns how to give it back. */
  function fillDisk(s: ReturnType<typeof seed>): () => void {
    if (!mounted) {
      const pages = Number(s.conn.$client.pragma("page_count", { simple: true }));
      s.conn.$client.pragma(`max_page_count = ${pages}`);
      // Fill what is left of the last pages so that the next audit row needs a new one.
      return () => s.conn.$client.pragma(`max_page_count = ${pages + 100_000}`);
    }
    // An empty WAL must grow to take the next commit, and there is no room left to grow into.
    s.conn.$client.pragma("wal_checkpoint(TRUNCATE)");
    const filler = path.join(dir, "filler");
    const fd = fs.openSync(filler, "w");
    for (const size of [1 << 16, 1 << 12, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
      }
    }
    fs.closeSync(fd);
    return () => fs.rmSync(filler);
  }

  it("verify answers 503 and never allows, then recovers by itself once there is room", async () => {
    const s = seed(dir);
    conn = s.conn;
    expect(await burst(s, "before", 4)).toEqual(expect.arrayContaining([expect.objectContaining({ status: 200, allowed: true })]));

    const freeSpace = fillDisk(s);
    let broken: Answer[] = [];
    if (mounted) {
      broken = await burst(s, "full", 16);
    } else {
      // Rows share pages: keep calling until the last page is full, then every call must fail.
      for (let i = 0; i < 500 && !broken.some((a) => a.status === 503); i++) {
        const [a] = await burst(s, `filling-${i}`, 1);
        if (a!.status !== 503) expect(a).toMatchObject({ status: 200, allowed: true });
        else broken.push(a!);
      }
      broken.push(...(await burst(s, "full", 16)));
    }
    expectNeverAllowedWhileBroken(broken);
    expect(auditRows(s.conn, broken.map((a) => a.requestId))).toBe(0);

    freeSpace();
    // No restart, no operator: the very next calls are decided and audited again.
    const after = await burst(s, "after", 4);
    expect(after.every((a) => a.status === 200 && a.allowed === true)).toBe(true);
    expect(auditRows(s.conn, after.map((a) => a.requestId))).toBe(after.length);
    expect(verifyFileChain(s.file)).toMatchObject({ ok: true });
  });
});

describe("the database is locked by another process", () => {
  let dir = "";
  let holder: ChildProcess | undefined;
  let conn: Db | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-locked-"));
  });
  afterEach(() => {
    holder?.kill("SIGKILL");
    setDb(undefined);
    conn?.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Another process takes the write lock (BEGIN EXCLUSIVE) and keeps it until killed. */
  async function holdLock(file: string): Promise<ChildProcess> {
    const script = `const db = new (require("better-sqlite3"))(${JSON.stringify(file)}); db.exec("BEGIN EXCLUSIVE"); console.log("locked"); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
      child.on("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
    return child;
  }

  it("verify waits out busy_timeout, answers 503 and never allows, then recovers once the lock is gone", async () => {
    const s = seed(dir);
    conn = s.conn;
    expect((await burst(s, "before", 2)).every((a) => a.allowed === true)).toBe(true);

    holder = await holdLock(s.file);
    const started = Date.now();
    const broken = await burst(s, "locked", 8);
    const waited = Date.now() - started;
    expectNeverAllowedWhileBroken(broken);
    expect(waited).toBeGreaterThanOrEqual(4_900); // busy_timeout = 5000: it tried before giving up

    holder.kill("SIGKILL");
    await new Promise((r) => holder!.once("exit", r));
    const after = await burst(s, "after", 4);
    expect(after.every((a) => a.status === 200 && a.allowed === true)).toBe(true);
    expect(auditRows(s.conn, after.map((a) => a.requestId))).toBe(after.length);
    expect(auditRows(s.conn, broken.map((a) => a.requestId))).toBe(0);
    expect(verifyFileChain(s.file)).toMatchObject({ ok: true });
  });
});
