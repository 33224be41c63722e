import { describe, expect, it } from "vitest";
import { registerServer } from "@/lib/servers/mutations";
import { useTempDb } from "@/test/temp-db";
import { GET, OPTIONS, POST, PUT } from "./route";

const url = "http://localhost/api/v1/tools";
const report = JSON.stringify({ tools: [{ name: "list_notes", annotations: { readOnlyHint: true } }] });

describe("/api/v1/tools methods and media types", () => {
  const t = useTempDb();
  const credential = () => registerServer({ name: "Notes", url: "https://notes.example.com/mcp", deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "vitest" }).credential;
  const toolCount = () => t.db.$client.prepare("SELECT count(*) FROM tools").pluck().get();

  it("PUT requires application/json like verify (415), and stores nothing otherwise", async () => {
    const authorization = `Bearer ${credential()}`;
    const plain = await PUT(new Request(url, { method: "PUT", headers: { authorization, "content-type": "text/plain" }, body: report }));
    expect(plain.status).toBe(415);
    expect(await plain.json()).toEqual({ error: { code: "unsupported_media_type", message: "Send application/json." } });
    expect(toolCount()).toBe(0);
    const json = await PUT(new Request(url, { method: "PUT", headers: { authorization, "content-type": "application/json; charset=utf-8" }, body: report }));
    expect(json.status).toBe(200);
    expect(toolCount()).toBe(1);
  });

  it("answers other methods 405 in the API's error shape, and OPTIONS lists only what is allowed", async () => {
    for (const handler of [GET, POST]) {
      const res = handler();
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("PUT, OPTIONS");
      expect(await res.json()).toEqual({ error: { code: "method_not_allowed", message: "Use PUT." } });
    }
    const options = OPTIONS();
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("PUT, OPTIONS");
  });
});
