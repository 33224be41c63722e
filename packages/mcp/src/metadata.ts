/**
 * Serving the RFC 9728 document Gatehouse builds for this server, at the path-inserted URL
 * (§3.1: /.well-known/oauth-protected-resource/mcp for https://host/mcp) and at the root one,
 * which clients written before the path-inserted form try. Browser-based clients fetch it
 * cross-origin, hence CORS.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ResourceMetadata } from "./api.js";

export const WELL_KNOWN = "/.well-known/oauth-protected-resource";

/** The document's URL that WWW-Authenticate points to. */
export function resourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  return new URL(WELL_KNOWN + path, url.origin).href;
}

export function isMetadataPath(path: string, resource: string): boolean {
  return path === WELL_KNOWN || path === new URL(resourceMetadataUrl(resource)).pathname;
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, OPTIONS",
  "access-control-allow-headers": "mcp-protocol-version",
} as const;

export function serveMetadata(req: IncomingMessage, res: ServerResponse, metadata: ResourceMetadata): void {
  if (req.method === "OPTIONS") {
    res.writeHead(204, { ...CORS, "access-control-max-age": "86400" }).end();
  } else if (req.method === "GET" || req.method === "HEAD") {
    const body = JSON.stringify(metadata);
    res.writeHead(200, { ...CORS, "content-type": "application/json", "cache-control": "public, max-age=300" });
    res.end(req.method === "HEAD" ? undefined : body);
  } else {
    res.writeHead(405, { ...CORS, allow: "GET, HEAD, OPTIONS", "content-type": "application/json" });
    res.end(JSON.stringify({ error: "method_not_allowed", error_description: "Use GET." }));
  }
}
