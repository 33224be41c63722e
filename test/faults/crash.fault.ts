/**
 * Properties 12 and 13, against the real server.ts on the production build (`npm run build` first):
 * - `gatehouse backup FILE` taken under verify load yields a database that opens, passes
 *   integrity_check, and whose audit chain verifies;
 * - `kill -9` under sustained verify load loses nothing that was acknowledged: after a restart,
 *   every answered call has its audit event (by request_id), the chain verifies, and an admin
 *   revoke that the CLI reported done is still there.
 */
import Database from "better-sqlite3";
import { execFile, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyFileChain } from "@/test/fixtures/audit-chain";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { closeAgent, freePort, postVerify, requireBuild, seedDatabase, sleep, startBuiltServer, sustainLoad, type Answer } from "./support";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-crash-"));
const file = path.join(dir, "gatehouse.db");
let port = 0;
let server: ChildProcess | undefined;
let output = "";

function env(): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OIDC_") && k !== "AUTH_SECRET"));
  return {
    ...clean,
    NODE_ENV: "production",
    DATABASE_URL: `file:${file}`,
    PORT: String(port),
    HOST: "127.0.0.1",
    AUTH_URL: `http://127.0.0.1:${port}`,
  };
}

function startServer(): Promise<ChildProcess> {
  return startBuiltServer(env(), port, (text) => (output += text));
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

function cli(...args: string[]): Promise<{ stdout: string }> {
  return run(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/index.ts", ...args, "--json"], { env: env() });
}

let fixture: { credential: string; good: string[]; doomed: { id: string; secret: string } };

beforeAll(async () => {
  requireBuild();
  port = await freePort();
  fixture = seedDatabase(file, "Crash", (credential) => {
    const owner = insertUser().id;
    const good = Array.from({ length: 5 }, () => insertToken({ ownerId: owner, scope: "read" }).secret);
    const doomed = insertToken({ ownerId: owner, scope: "write" });
    return { credential, good, doomed: { id: doomed.tokenId, secret: doomed.secret } };
  });
  server = await startServer();
});

afterAll(async () => {
  closeAgent();
  if (server && server.exitCode === null) await killHard(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Mostly good tokens, one call in ten an unknown one (decided inactive, audited all the same). */
const pick = (i: number) => (i % 10 === 9 ? "mcpt_" + "x".repeat(36) : fixture.good[i % fixture.good.length]!);

function auditedRequestIds(): Map<string, string> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const rows = sqlite.prepare("SELECT request_id, type FROM audit_events WHERE request_id IS NOT NULL").all() as { request_id: string; type: string }[];
    return new Map(rows.map((r) => [r.request_id, r.type]));
  } finally {
    sqlite.close();
  }
}

const EXPECTED_TYPE = (a: Answer) => (a.allowed ? "call.allowed" : a.active === false ? "call.inactive" : "call.denied");

describe("the real server under sustained verify load", () => {
  it("gatehouse backup taken under load opens, passes integrity_check, and its chain verifies", async () => {
    const load = sustainLoad(port, fixture.credential, pick, "backup");
    await sleep(1_500);
    const target = path.join(dir, "backup.db");
    const { stdout } = await cli("backup", target);
    await sleep(500);
    await load.stop();
    expect(JSON.parse(stdout)).toMatchObject({ file: target });
    expect(load.answers.filter((a) => a.status === 200).length).toBeGreaterThan(50);

    const copy = new Database(target, { readonly: true, fileMustExist: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const copied = Number(copy.prepare("SELECT count(*) FROM audit_events WHERE request_id LIKE 'backup-%'").pluck().get());
    const tokens = Number(copy.prepare("SELECT count(*) FROM tokens").pluck().get());
    copy.close();
    expect(tokens).toBe(6);
    expect(copied).toBeGreaterThan(0); // taken mid-load: the copy holds calls made before it
    expect(verifyFileChain(target)).toMatchObject({ ok: true });
    expect((fs.statSync(target).mode & 0o777).toString(8)).toBe("600");
  });

  it("kill -9 loses no answered call's audit event and no acknowledged admin change", async () => {
    const load = sustainLoad(port, fixture.credential, pick, "crash");
    await sleep(1_500);
    // An admin change, acknowledged (exit 0) while verify calls keep the writer busy.
    const { stdout } = await cli("tokens", "revoke", fixture.doomed.id, "--reason", "acknowledged before the crash");
    expect(JSON.parse(stdout)).toMatchObject({ id: fixture.doomed.id });
    await sleep(300);
    await killHard(server!);
    await load.stop();
    const answered = load.answers.filter((a) => a.status !== 503);
    expect(answered.length).toBeGreaterThan(100);
    // Calls were in flight when the process died (they got no answer, and need no event).
    expect(load.sent).toBeGreaterThan(load.answers.length);

    server = await startServer();
    const audited = auditedRequestIds();
    // A 429 past its key's first in the interval is counted into the key's summary row (docs/SECURITY.md
    // claim 22), which an open interval has not written yet when the process dies: a known limit. Every
    // other answer has its own event, and so does each interval's first refusal.
    const limited = answered.filter((a) => a.status === 429);
    const decided = answered.filter((a) => a.status !== 429);
    const missing = decided.filter((a) => audited.get(a.requestId) !== EXPECTED_TYPE(a));
    expect(missing.slice(0, 5), `${missing.length} of ${decided.length} answered calls lack their audit event`).toEqual([]);
    // (The interval's first refusal may have come from the backup test's load, on the same server.)
    if (limited.length > 0) expect([...audited.values()]).toContain("call.rate_limited");
    expect(limited.every((a) => [undefined, "call.rate_limited"].includes(audited.get(a.requestId)))).toBe(true);
    expect(verifyFileChain(file)).toMatchObject({ ok: true });

    const revoked = await postVerify(port, fixture.credential, fixture.doomed.secret, "after-restart");
    expect(revoked).toMatchObject({ status: 200, active: false });
    const sqlite = new Database(file, { readonly: true });
    const row = sqlite.prepare("SELECT revoke_reason FROM tokens WHERE id = ?").get(fixture.doomed.id);
    sqlite.close();
    expect(row).toEqual({ revoke_reason: "acknowledged before the crash" });
    // And the restarted server keeps answering and auditing.
    const after = await postVerify(port, fixture.credential, fixture.good[0]!, "after-restart-good");
    expect(after).toMatchObject({ status: 200, allowed: true });
    expect(auditedRequestIds().get("after-restart-good")).toBe("call.allowed");
  });
});
