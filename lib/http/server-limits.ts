/**
 * What one client can hold of the server: how long a request may take to arrive, how long an
 * idle keep-alive connection stays open, and how many connections there may be in all and per
 * client address. Without these a few thousand slow or idle sockets exhaust file descriptors.
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { Socket } from "node:net";

export type ServerLimits = {
  /** A request's head and body must have arrived within this (headersTimeout, requestTimeout). */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
};

/** An HTTP server that enforces `limits` on every connection, before any request is parsed. */
export function createLimitedServer(limits: ServerLimits, listener: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: limits.requestTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks the two timeouts above only this often (default 30 s): check each second.
      connectionsCheckingInterval: Math.min(1000, limits.requestTimeoutMs),
    },
    listener,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Past this, Node closes new sockets itself, before emitting "connection".
  server.maxConnections = limits.maxConnections;
  limitPerAddress(server, limits.maxConnectionsPerAddress);
  closeSilentSockets(server, limits.requestTimeoutMs);
  return server;
}

/** Node's request timeouts start with the first byte; a socket that never sends one is closed here. */
function closeSilentSockets(server: Server, timeoutMs: number) {
  server.on("connection", (socket: Socket) => {
    const timer = setTimeout(() => socket.bytesRead === 0 && socket.destroy(), timeoutMs);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  });
}

function limitPerAddress(server: Server, max: number) {
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress;
    if (!address) return socket.destroy();
    const count = (open.get(address) ?? 0) + 1;
    // Over the limit: drop the new socket at once, without reading from it.
    if (count > max) return socket.destroy();
    open.set(address, count);
    socket.once("close", () => {
      const left = open.get(address)! - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
