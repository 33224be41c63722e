import { afterEach, describe, expect, it, vi } from "vitest";
import { apiPost } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { handleVerify } from "./http";

describe("the process's refusal summaries", () => {
  const t = useTempDb();
  afterEach(() => vi.useRealTimers());

  it("are written by themselves when their interval ends, with no further call", () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    const bad = () => handleVerify(apiPost({ token: "x" }, { auth: "Bearer mcps_nope", remote: "203.0.113.123" })).status;
    const statuses = Array.from({ length: 150 }, bad);
    const limited = statuses.filter((s) => s === 429).length;
    expect(limited).toBe(50);
    const summaries = () => t.db.$client.prepare("SELECT details FROM audit_events WHERE details LIKE '%\"summary\":true%'").pluck().all() as string[];
    expect(summaries()).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(summaries().map((d) => JSON.parse(d))).toEqual([expect.objectContaining({ key_kind: "address", count: limited })]);
  });
});
