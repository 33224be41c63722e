import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { setDb } from "@/db/client";
import { useTempDb } from "@/test/temp-db";
import { GET } from "./route";

describe("GET /api/health", () => {
  const t = useTempDb();

  it("answers 200 {status: ok} when the database answers", async () => {
    const res = GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database connection is gone", async () => {
    t.db.$client.close();
    const res = GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unavailable", error: { code: "database_unavailable" } });
  });

  it("answers 503 when the database cannot be opened at all", () => {
    // The data folder's path runs through a regular file, so the database cannot be created.
    const blocker = path.join(path.dirname(t.file), "not-a-folder");
    fs.writeFileSync(blocker, "");
    vi.stubEnv("DATABASE_URL", `file:${path.join(blocker, "gatehouse.db")}`);
    setDb(undefined);
    expect(GET().status).toBe(503);
    vi.unstubAllEnvs();
  });
});
