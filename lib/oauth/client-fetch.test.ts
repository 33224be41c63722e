import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheLifetime, CLIENT_FETCH_LIMITS, ClientFetchRefusal, fetchClientJson } from "./client-fetch";

/*
 * The fetch over https, as production uses it: a real TLS server on loopback with a certificate
 * made for this run (openssl), trusted through the policy's `ca`. The loopback test setting is on
 * only because the server is on this machine.
 */
describe("fetchClientJson over https", () => {
  let dir = "";
  let server: https.Server;
  let origin = "";
  let ca = "";

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-tls-"));
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], { stdio: "ignore" });
    ca = fs.readFileSync(cert, "utf8");
    server = https.createServer({ key: fs.readFileSync(key), cert: ca }, (req, res) => {
      if (req.url === "/doc.json") return void res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=120" }).end(JSON.stringify({ client_id: "x" }));
      res.writeHead(301, { location: "/doc.json" }).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("fetches a document over TLS by address and by name, with its cache lifetime", async () => {
    expect(await fetchClientJson(`${origin}/doc.json`, { allowLoopback: true, ca })).toEqual({ body: { client_id: "x" }, cacheMs: 120_000 });
    expect((await fetchClientJson(`${origin.replace("127.0.0.1", "localhost")}/doc.json`, { allowLoopback: true, ca })).body).toEqual({ client_id: "x" });
  });

  it("refuses a certificate it does not trust, a redirect, and loopback without the test setting", async () => {
    await expect(fetchClientJson(`${origin}/doc.json`, { allowLoopback: true })).rejects.toMatchObject({ reason: "network", detail: "has a TLS certificate that is not trusted" });
    await expect(fetchClientJson(`${origin}/moved`, { allowLoopback: true, ca })).rejects.toMatchObject({ reason: "redirect" });
    const refused = fetchClientJson(`${origin.replace("127.0.0.1", "localhost")}/doc.json`, { allowLoopback: false, ca });
    await expect(refused).rejects.toBeInstanceOf(ClientFetchRefusal);
    await expect(refused).rejects.toMatchObject({ reason: "address", detail: "resolves to a loopback address" });
  });
});

describe("cacheLifetime", () => {
  it.each([
    [undefined, CLIENT_FETCH_LIMITS.defaultCacheMs],
    ["max-age=60", 60_000],
    ["public, max-age=600", 600_000],
    ["max-age=99999999", CLIENT_FETCH_LIMITS.maxCacheMs],
    ["no-store", 0],
    ["max-age=600, no-cache", 0],
    ["max-age=-5", 0],
    ["private", CLIENT_FETCH_LIMITS.defaultCacheMs],
  ])("%s → %d ms", (header, ms) => {
    expect(cacheLifetime(header)).toBe(ms);
  });
});
