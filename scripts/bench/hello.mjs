// The baselines: the plainest node:http server there is (GET), and the HTTP part of a
// verification alone (POST: read the JSON body, parse it, answer a verify-sized JSON; no
// lookup, no audit), which shows how much of the budget HTTP leaves for the work itself.
import { createServer } from "node:http";

const hello = JSON.stringify({ hello: "world" });
const answer = JSON.stringify({
  active: true,
  allowed: true,
  user: { id: "usr_01JBENCHBENCHBENCHBENCHBEN", email: "someone@example.com", name: "Some One" },
  token_id: "tok_01JBENCHBENCHBENCHBENCHBEN",
  scopes: ["tools:read", "tools:write"],
  expires_at: 1_900_000_000,
  tool_class: "read",
  audit_id: "evt_01JBENCHBENCHBENCHBENCHBEN",
});
createServer((req, res) => {
  if (req.method !== "POST") {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(hello) });
    return res.end(hello);
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    let status = 400;
    try {
      if (typeof JSON.parse(Buffer.concat(chunks).toString("utf8")).token === "string") status = 200;
    } catch {
      // not JSON: 400, as Gatehouse would answer
    }
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(answer);
  });
}).listen(Number(process.argv[2]), "127.0.0.1");
