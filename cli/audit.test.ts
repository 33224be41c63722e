import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callEvent, recordEvents } from "@/test/audit-events";
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
});
