import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callEvent, ONE_OF_EACH_OUTCOME, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";

describe("gatehouse audit (CLI)", () => {
  const t = useTempDb();

  function cli(...args: string[]) {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/index.ts", "audit", ...args], {
      env: { ...process.env, DATABASE_URL: `file:${t.file}` },
      encoding: "utf8",
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it("verify passes on an intact log, then names the first bad event after an edit underneath", () => {
    recordEvents([callEvent(), callEvent(), callEvent()]);
    const ok = cli("verify", "--json");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, count: 3, head: { seq: 3 } });

    t.db.$client.exec("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET decision = 'deny' WHERE seq = 2;");
    const human = cli("verify");
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/BROKEN at event 2: contents do not match/);
    const json = cli("verify", "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, badSeq: 2 });
  });

  it("checkpoint prints the head; verify --checkpoint catches the newest event deleted", () => {
    recordEvents([callEvent(), callEvent()]);
    const printed = cli("checkpoint").stdout.trim();
    expect(printed).toMatch(/^2:[0-9a-f]{64}$/);
    expect(cli("verify", "--checkpoint", printed).code).toBe(0);

    t.db.$client.exec("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq = 2;");
    expect(cli("verify").code).toBe(0);
    const caught = cli("verify", "--checkpoint", printed);
    expect(caught.code).toBe(1);
    expect(caught.stderr).toMatch(/BROKEN at event 2: .*events were removed/);
  });

  it("verify lists every break with its kind, and --checkpoint-file proves every checkpoint in the file", () => {
    recordEvents([callEvent(), callEvent(), callEvent(), callEvent()]);
    const file = path.join(path.dirname(t.file), "checkpoints.log");
    const head = cli("checkpoint").stdout.trim();
    fs.writeFileSync(file, `2026-01-01T00:00:00.000Z 1:${head.split(":")[1]}\n`);
    fs.appendFileSync(file, `2026-01-01T00:05:00.000Z ${head}\n`);
    // The first line's hash is not event 1's: a rewritten log as far as the file knows.
    expect(cli("verify", "--checkpoint-file", file, "--json")).toMatchObject({ code: 1 });
    fs.writeFileSync(file, `2026-01-01T00:05:00.000Z ${head}\n`);

    t.db.$client.exec("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET decision = 'deny' WHERE seq IN (1, 3);");
    const human = cli("verify", "--checkpoint-file", file);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/event 1 \[edited\]/);
    expect(human.stderr).toMatch(/event 3 \[edited\]/);
    expect(human.stderr).toMatch(/BROKEN at event 1: .*2 break\(s\) found/);
    expect(JSON.parse(cli("verify", "--json").stdout)).toMatchObject({ ok: false, breakCount: 2, breaks: [{ seq: 1, kind: "edited" }, { seq: 3, kind: "edited" }] });
  }, 90_000); // four CLI processes, each compiling TypeScript on start

  it("archive moves old events to a file that verifies, and the rest verifies from the anchor", () => {
    recordEvents([callEvent(), callEvent(), callEvent()]);
    const file = path.join(path.dirname(t.file), "archive.ndjson.gz");
    // Everything so far is "before tomorrow".
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const archived = cli("archive", "--before", tomorrow, file, "--json");
    expect(archived.code).toBe(0);
    expect(JSON.parse(archived.stdout)).toMatchObject({ count: 3, head: { seq: 3 } });
    expect(JSON.parse(cli("verify", "--json").stdout)).toMatchObject({ ok: true, count: 1, start: { seq: 3 } });
    expect(JSON.parse(cli("verify", "--archive", file, "--json").stdout)).toMatchObject({ ok: true, count: 3, continuesLiveLog: true });
  });

  it.each([
    [["verify", "--checkpoint", "3:nothex"], /--checkpoint: expected SEQ:HASH/],
    [["archive", "--before", "someday", "x.gz"], /--before: expected a date/],
    [["archive", "--before", "2000-01-01", "/tmp/never.gz"], /no events before 2000-01-01/],
  ])("rejects %j with one line and exit 1", (args, message) => {
    const run = cli(...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("list --outcome picks calls by what happened to them, as the audit page's outcome filter does", () => {
    recordEvents(ONE_OF_EACH_OUTCOME);
    const listed = (...args: string[]) => {
      const run = cli("list", ...args, "--json");
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { events: { seq: number; type: string; reason: string | null; ts: string }[] }).events;
    };
    // Newest first, every refusal and nothing else: not the allowed call, not the token event.
    expect(listed("--outcome", "refused").map((e) => e.seq)).toEqual([7, 6, 5, 4, 3, 2]);
    expect(listed("--outcome", "wrong_server")).toEqual([expect.objectContaining({ type: "call.inactive", reason: "wrong_audience" })]);
    expect(listed("--outcome", "inactive").map((e) => e.reason)).toEqual(["revoked", "expired"]);
    expect(listed("--outcome", "call", "--server", "srv_files")).toHaveLength(6);
    expect(listed()).toHaveLength(8);
    expect(listed("--outcome", "allowed")[0]!.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const human = cli("list", "--outcome", "bad_credential");
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/call\.denied\s+Bad server credential/);
    expect(human.stdout).toContain("1 event, newest first");
  });

  it.each([
    ["an outcome that does not exist", ["--outcome", "maybe"], /^gatehouse: --outcome: /],
    ["a time that is not one", ["--from", "yesterday"], /^gatehouse: --from: Not a time/],
    ["From after To", ["--from", "2026-02-01", "--to", "2026-01-01"], /^gatehouse: --to: To must be later than From/],
    ["a server that names nothing", ["--server", "nowhere"], /^gatehouse: No MCP server matches “nowhere”: not found\./],
    ["a page size the page does not offer", ["--limit", "7"], /^gatehouse: --limit: /],
  ])("list refuses %s in one line, and lists nothing", (_what, args, message) => {
    recordEvents([callEvent()]);
    const run = cli("list", ...args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
