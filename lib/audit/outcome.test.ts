import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { attachAuditIndex } from "@/db/audit-index";
import { ONE_OF_EACH_OUTCOME, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { CALL_OUTCOME_LOOKS, callOutcome, reasonLabel } from "./outcome";
import { indexAllAuditEvents } from "./search-index";
import { callBuckets } from "./stats";

const CALLS = ONE_OF_EACH_OUTCOME;

describe("call outcomes", () => {
  const t = useTempDb();

  it("names each call as a person would, and a valid token on the wrong server is not 'inactive'", () => {
    expect(CALLS.map((c) => callOutcome(c.type, c.reason ?? null))).toEqual(["allowed", "denied", "bad_credential", "wrong_server", "inactive", "inactive", "rate_limited", null]);
    expect(CALL_OUTCOME_LOOKS.wrong_server.label).toBe("Wrong server");
  });

  it("reads refusal codes as words and leaves a person's own text alone", () => {
    expect(reasonLabel("wrong_audience")).toBe("Token not valid on this server");
    expect(reasonLabel("insufficient_scope")).toBe("Read-only token, write tool");
    expect(reasonLabel("left the company")).toBe("left the company");
  });

  it("the chart counts each outcome as the table labels it, indexed or not", async () => {
    recordEvents(CALLS);
    const totals = async () => {
      const series = await callBuckets("system", {});
      const sum = (k: keyof (typeof series.buckets)[number]) => series.buckets.reduce((n, b) => n + (b[k] as number), 0);
      return { allowed: sum("allowed"), denied: sum("denied"), wrong_server: sum("wrong_server"), inactive: sum("inactive"), rate_limited: sum("rate_limited"), bad_credential: sum("bad_credential") };
    };
    const expected = { allowed: 1, denied: 1, wrong_server: 1, inactive: 2, rate_limited: 1, bad_credential: 1 };
    expect(await totals()).toEqual(expected);
    // Through the search index too (a filter it can answer), which has no reason column.
    const sqlite = new Database(t.file);
    attachAuditIndex(sqlite);
    indexAllAuditEvents(sqlite);
    sqlite.close();
    const byServer = await callBuckets("system", { server: "srv_files" });
    const sum = (k: "wrong_server" | "inactive" | "denied") => byServer.buckets.reduce((n, b) => n + b[k], 0);
    expect([sum("wrong_server"), sum("inactive"), sum("denied")]).toEqual([1, 2, 1]);
  });
});
