import { describe, expect, it } from "vitest";
import { newId, newSortableId } from "./ids";
import { BASE62 } from "./tokens/base62";

describe("ids", () => {
  it("stays unique and well formed across many refills of the random pool", () => {
    const ids = Array.from({ length: 20_000 }, () => newSortableId("evt", 1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^evt_[0-9A-Za-z]{18}$/);
    expect(newId("tok")).toMatch(/^tok_[0-9A-Za-z]{16}$/);
  });

  it("sorts by time: a later millisecond always sorts after an earlier one", () => {
    const times = [0, 1, 61, 62, 3843, 1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000];
    const ids = times.map((t) => newSortableId("evt", t));
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map((id) => id.slice(4, 12))).toEqual([...new Set(ids.map((id) => id.slice(4, 12)))]);
  });

  it("draws the random tail uniformly from all 62 characters (no modulo bias)", () => {
    const counts = new Map<string, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) for (const c of newSortableId("evt", 0).slice(12)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...BASE62].sort());
    // 200,000 draws: each character expects ~3,226 (sd ~56). `byte % 62` without rejection
    // would give the first eight characters ~3,906 each, far outside this band.
    const expected = (n * 10) / 62;
    for (const [c, k] of counts) expect(Math.abs(k - expected), c).toBeLessThan(400);
  });
});
