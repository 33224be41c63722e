import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { useTempDb } from "@/test/temp-db";
import { startBackgroundCheckpoints } from "./checkpointer";

describe("background checkpoints", () => {
  const t = useTempDb();
  it("keeps the WAL bounded while writes never stop", async () => {
    const sqlite = t.db.$client;
    sqlite.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)");
    const insert = sqlite.prepare("INSERT INTO filler (data) VALUES (randomblob(100))");
    const stop = startBackgroundCheckpoints(sqlite, { intervalMs: 10, restartFrames: 256 });
    // Each commit appends at least one 4 KiB frame (the table's last page) to the WAL.
    // Enough frames that a WAL never restarted would pass 40 MiB; counted, not timed, so that a
    // loaded machine writes as much as an idle one (it only takes longer).
    const framesToWrite = (48 * 2 ** 20) / 4096;
    let frames = 0;
    let largestWal = 0;
    try {
      // One transaction after another, with pauses as short as a busy server's between group commits.
      while (frames < framesToWrite) {
        for (let i = 0; i < 20; i++) insert.run();
        frames += 20;
        largestWal = Math.max(largestWal, fs.statSync(`${t.file}-wal`).size);
        await sleep(1);
      }
    } finally {
      stop();
    }
    // Without the RESTART step the WAL only ever grows: it would end at about every frame written.
    expect(frames * 4096).toBeGreaterThan(40 * 2 ** 20);
    expect(largestWal).toBeLessThan(16 * 2 ** 20);
  }, 60_000);
});
