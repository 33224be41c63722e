/**
 * Gatehouse's production server: one process, one port. Connections are bounded (timeouts, caps
 * in all and per address); every answer carries the security headers; a URL carrying a
 * credential is refused before anything reads it, and sign-in and token requests past their
 * rates are refused before any work is done for them. Every request gets a trustworthy client
 * address from the socket. The verification endpoints (POST
 * /api/v1/verify, /introspect, /revoke, /local-calls) and the OAuth endpoints clients call (POST
 * /oauth/token, /revoke, /register) are answered right here by framework-free handlers —
 * Next's request pipeline costs more than the work itself; everything else is Next's.
 * Modules imported here must not import next/*; "server-only" resolves to its server build
 * (server-hooks.mjs, loaded first by the start script).
 */
import next from "next";
import { db } from "@/db/client";
import { startBackgroundCheckpoints } from "@/db/checkpointer";
import { startCheckpointSink } from "@/lib/audit/checkpoint-file";
import { startAuditIndexer } from "@/lib/audit/indexer";
import { config, ConfigError } from "@/lib/config";
import { admitClientAddress } from "@/lib/http/client-address";
import { refuseAtEdge } from "@/lib/http/edge-refusals";
import { securityHeaders } from "@/lib/http/security-headers";
import { createLimitedServer } from "@/lib/http/server-limits";
import { RequestAdmission } from "@/lib/http/request-admission";
import { refuseSignInFlood } from "@/lib/http/sign-in-admission";
import { refuseTokenFlood } from "@/lib/http/token-admission";
import { handleFastPath } from "@/lib/verify/node";

async function main() {
  let cfg;
  try {
    cfg = config();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = next({ dev: false, hostname: cfg.hostname, port: cfg.port, dir: import.meta.dirname });
  const handle = app.getRequestHandler();
  await app.prepare();
  startBackgroundCheckpoints(db().$client);
  startAuditIndexer(db().$client.name);
  // The chain's head, copied out of the database every few minutes and at shutdown.
  const stopCheckpoints = startCheckpointSink(db().$client, cfg.auditCheckpointFile);

  const headers = securityHeaders(cfg.authUrl);
  const signIns = new RequestAdmission(cfg.signInAdmission);
  const tokenRequests = new RequestAdmission(cfg.tokenAdmission);
  const server = createLimitedServer(cfg.http, (req, res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    if (refuseAtEdge(req, res)) return;
    // The socket's peer, or behind TRUST_PROXY the client it forwarded for: for the fast path and for Next.
    const remoteAddress = admitClientAddress(req, cfg.trustProxy);
    if (refuseTokenFlood(tokenRequests, req, res, remoteAddress ?? "unknown")) return;
    if (handleFastPath(req, res, remoteAddress)) return;
    if (refuseSignInFlood(signIns, req, res, remoteAddress ?? "unknown")) return;
    void handle(req, res);
  });
  server.listen(cfg.port, cfg.hostname, () => {
    console.log(`Gatehouse listening on http://${cfg.hostname === "0.0.0.0" ? "localhost" : cfg.hostname}:${cfg.port}`);
  });
  const stop = () => {
    stopCheckpoints();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
