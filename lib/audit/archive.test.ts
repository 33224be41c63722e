import fs from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { callEvent, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { ArchiveError, archiveAuditEvents } from "./archive";
import { verifyArchiveFile } from "./archive-file";
import { SYSTEM_ACTOR } from "./events";
import { auditKeyring } from "./key";
import { chainHead, chainStart } from "./queries";
import { verifyStoredChain } from "./verify";

describe("audit archive", () => {
  const t = useTempDb();
  const sqlite = () => t.db.$client;
  const keys = () => auditKeyring(t.db.$client);
  const file = (name = "old.ndjson.gz") => path.join(path.dirname(t.file), name);
  const lines = (f: string) => gunzipSync(fs.readFileSync(f)).toString("utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

  /** Writes `n` events; the first `old` of them on 1 January 2025 (a clock set back), 1 ms apart. */
  function seed(n: number, old: number) {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      for (let i = 1; i <= n; i++) {
        if (i <= old) vi.setSystemTime(Date.UTC(2025, 0, 1) + i);
        else vi.useRealTimers();
        recordEvents([callEvent({ requestId: `req-${i}` })]);
      }
    } finally {
      vi.useRealTimers();
    }
  }

  it("moves older events to a file, anchors the rest, and both verify", async () => {
    seed(10, 6);
    const result = await archiveAuditEvents(Date.UTC(2026, 0, 1), file(), SYSTEM_ACTOR);
    expect(result).toMatchObject({ count: 6, start: { seq: 0 }, head: { seq: 6 } });
    expect(chainStart()).toEqual(result.head);

    const stored = sqlite().prepare("SELECT seq FROM audit_events ORDER BY seq").pluck().all();
    expect(stored).toEqual([7, 8, 9, 10, 11]);
    expect(sqlite().prepare("SELECT type, details FROM audit_events WHERE seq = 11").get()).toMatchObject({ type: "audit.archived" });
    expect(await verifyStoredChain()).toMatchObject({ ok: true, count: 5, start: result.head });

    const archived = lines(file());
    expect(archived[0]).toMatchObject({ kind: "header", start: { seq: 0 } });
    expect(archived.slice(1, -1).map((r) => r.requestId)).toEqual(["req-1", "req-2", "req-3", "req-4", "req-5", "req-6"]);
    expect(archived.at(-1)).toMatchObject({ kind: "footer", count: 6, head: result.head });
    expect(await verifyArchiveFile(file(), keys())).toMatchObject({ ok: true, count: 6, head: result.head });

    // The append-only trigger is back.
    expect(() => sqlite().prepare("DELETE FROM audit_events").run()).toThrow(/append-only/);
  });

  it("removes in slices, each leaving a chain that verifies, and records an archived event per slice", async () => {
    seed(12, 10);
    const result = await archiveAuditEvents(Date.UTC(2026, 0, 1), file(), SYSTEM_ACTOR, { chunk: 3 });
    expect(result).toMatchObject({ count: 10, head: { seq: 10 } });
    expect(chainStart()).toEqual(result.head);
    expect(sqlite().prepare("SELECT seq FROM audit_events ORDER BY seq").pluck().all()).toEqual([11, 12, 13, 14, 15, 16]);
    const throughs = sqlite().prepare("SELECT details ->> 'throughSeq' FROM audit_events WHERE type = 'audit.archived' ORDER BY seq").pluck().all();
    expect(throughs).toEqual([3, 6, 9, 10]);
    expect(await verifyStoredChain()).toMatchObject({ ok: true, count: 6 });
    expect(await verifyArchiveFile(file(), keys())).toMatchObject({ ok: true, count: 10 });
  });

  it("a second archive continues from the first one's head", async () => {
    seed(10, 6);
    const first = await archiveAuditEvents(Date.UTC(2025, 0, 1) + 4, file("a.gz"), SYSTEM_ACTOR);
    const second = await archiveAuditEvents(Date.UTC(2026, 0, 1), file("b.gz"), SYSTEM_ACTOR);
    expect(first.head.seq).toBe(3);
    expect(second.start).toEqual(first.head);
    expect(await verifyArchiveFile(file("b.gz"), keys())).toMatchObject({ ok: true, count: 3 });
    expect(await verifyStoredChain()).toMatchObject({ ok: true });
  });

  it.each([
    ["an edited event", (l: string[]) => { l[2] = l[2]!.replace("req-2", "req-X"); }, 2],
    ["a removed event", (l: string[]) => { l.splice(3, 1); }, 3],
    ["a removed footer", (l: string[]) => { l.pop(); }, 7],
    ["swapped events", (l: string[]) => { [l[2], l[3]] = [l[3]!, l[2]!]; }, 2],
  ])("verify --archive finds %s", async (_name, tamper, badSeq) => {
    seed(8, 6);
    await archiveAuditEvents(Date.UTC(2026, 0, 1), file(), SYSTEM_ACTOR);
    const text = gunzipSync(fs.readFileSync(file())).toString("utf8").trim().split("\n");
    tamper(text);
    fs.writeFileSync(file("bad.gz"), gzipSync(text.join("\n") + "\n"));
    expect(await verifyArchiveFile(file("bad.gz"), keys())).toMatchObject({ ok: false, badSeq });
  });

  it("a truncated file is reported, not thrown", async () => {
    seed(8, 6);
    await archiveAuditEvents(Date.UTC(2026, 0, 1), file(), SYSTEM_ACTOR);
    const bytes = fs.readFileSync(file());
    fs.writeFileSync(file("cut.gz"), bytes.subarray(0, bytes.length - 20));
    expect((await verifyArchiveFile(file("cut.gz"), keys())).ok).toBe(false);
  });

  it.each([
    ["nothing is old enough", () => archiveAuditEvents(Date.UTC(2020, 0, 1), file(), SYSTEM_ACTOR), /no events before/],
    ["the file exists", () => { fs.writeFileSync(file(), "x"); return archiveAuditEvents(Date.UTC(2026, 0, 1), file(), SYSTEM_ACTOR); }, /already exists/],
  ])("refuses when %s, and changes nothing", async (_name, run, message) => {
    seed(5, 3);
    const before = chainHead();
    await expect(run()).rejects.toThrow(message);
    expect(chainHead()).toEqual(before);
  });

  it("refuses to archive a broken chain, leaving no file", async () => {
    seed(5, 3);
    sqlite().exec("DROP TRIGGER audit_events_no_update");
    sqlite().prepare("UPDATE audit_events SET tool = 'forged' WHERE seq = 2").run();
    await expect(archiveAuditEvents(Date.UTC(2026, 0, 1), file(), SYSTEM_ACTOR)).rejects.toThrow(ArchiveError);
    expect(fs.existsSync(file())).toBe(false);
    expect(fs.existsSync(file() + ".partial")).toBe(false);
    expect(chainHead().stored).toBe(5);
  });
});
