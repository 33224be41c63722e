import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { callEvent, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { CheckpointFileError, readCheckpointFile, startCheckpointSink } from "./checkpoint-file";
import { chainHead } from "./queries";

describe("the checkpoint sink", () => {
  const t = useTempDb();
  const file = () => path.join(path.dirname(t.file), "checkpoints.log");

  it("appends the head when it has moved, to the file (0600) and the log, and once more at shutdown", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      recordEvents([callEvent()]);
      const stop = startCheckpointSink(t.db.$client, file(), 20);
      await vi.waitFor(() => expect(readCheckpointFile(file())).toHaveLength(1), { timeout: 2000, interval: 10 });
      await new Promise((r) => setTimeout(r, 80));
      expect(readCheckpointFile(file())).toHaveLength(1); // an unchanged head is not written again
      recordEvents([callEvent()]);
      stop();
      expect(readCheckpointFile(file())).toEqual([{ seq: 1, hash: expect.any(String) }, chainHead().head]);
      expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
      expect(log).toHaveBeenCalledWith(`audit checkpoint ${chainHead().head.seq}:${chainHead().head.hash}`);
    } finally {
      log.mockRestore();
    }
  });

  it("names the line that is not a checkpoint", () => {
    fs.writeFileSync(file(), `2026-01-01T00:00:00.000Z 1:${"a".repeat(64)}\nnot a checkpoint\n`);
    expect(() => readCheckpointFile(file())).toThrow(CheckpointFileError);
    expect(() => readCheckpointFile(file())).toThrow(/line 2/);
  });
});
