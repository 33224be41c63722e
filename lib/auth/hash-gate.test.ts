import { describe, expect, it } from "vitest";
import { HashBusyError, HashGate } from "./hash-gate";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("HashGate", () => {
  it("runs at most `concurrency` at once, queues up to `queue`, and refuses past that as busy", async () => {
    const gate = new HashGate({ concurrency: 2, queue: 2 });
    const work = Array.from({ length: 4 }, deferred);
    let started = 0;
    const runs = work.map((w) => gate.run(async () => (started++, await w.promise)));
    await Promise.resolve();
    expect(started).toBe(2);
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    await expect(gate.run(async () => "fifth")).rejects.toBeInstanceOf(HashBusyError);
    work[0]!.resolve();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toBe(3); // the first waiter took the freed slot
    for (const w of work) w.resolve();
    await Promise.all(runs);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    expect(await gate.run(async () => "again")).toBe("again");
  });

  it("frees the slot when the work fails", async () => {
    const gate = new HashGate({ concurrency: 1, queue: 0 });
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => 1)).toBe(1);
  });
});
