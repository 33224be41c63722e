/**
 * Gatehouse's production server: one process, one port. Every request first gets a
 * trustworthy client address from the socket. The verification endpoints (POST
 * /api/v1/verify, /introspect, /revoke) are answered right here by the framework-free core —
 * Next's request pipeline costs more than the verification itself; everything else is Next's.
 * Modules imported here run without the react-server condition: no "server-only", no next/*.
 */
import { createServer } from "node:http";
import next from "next";
import { db } from "@/db/client";
import { startBackgroundCheckpoints } from "@/db/checkpointer";
import { startAuditIndexer } from "@/lib/audit/indexer";
import { config, ConfigError } from "@/lib/config";
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

  const server = createServer((req, res) => {
    const remoteAddress = req.socket.remoteAddress ?? null;
    if (handleFastPath(req, res, remoteAddress)) return;
    // Overwrite, never trust, what the client claims about its own address.
    req.headers["x-gatehouse-client-ip"] = remoteAddress ?? "";
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(cfg.port, cfg.hostname, () => {
    console.log(`Gatehouse listening on http://${cfg.hostname === "0.0.0.0" ? "localhost" : cfg.hostname}:${cfg.port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
