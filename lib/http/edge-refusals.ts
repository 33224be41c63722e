/**
 * Requests server.ts answers itself, before the fast path or Next see them. Plain, constant
 * answers that echo nothing of the request and log nothing of it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { carriesCredential } from "./credential-in-url";

const invalid = (message: string) => JSON.stringify({ error: { code: "invalid_request", message } });
const CREDENTIAL_IN_URL = invalid("Credentials do not belong in a URL: send the token in the request body or the Authorization header.");
const BAD_ORIGIN = invalid("The Origin header is not a URL.");
const NO_BOUNDARY = invalid("A multipart body needs a boundary in its Content-Type.");

/** A client error Next would otherwise answer with 500: its server-action handler throws on these. */
function badServerActionCall(req: IncomingMessage): string | null {
  const { origin, "content-type": type } = req.headers;
  if (origin !== undefined && !URL.canParse(origin)) return BAD_ORIGIN;
  if (type?.toLowerCase().startsWith("multipart/form-data") && !/;\s*boundary=/i.test(type)) return NO_BOUNDARY;
  return null;
}

/** True when the request has been answered here. */
export function refuseAtEdge(req: IncomingMessage, res: ServerResponse): boolean {
  const refusal = carriesCredential(req.url ?? "") ? CREDENTIAL_IN_URL : req.headers["next-action"] ? badServerActionCall(req) : null;
  if (refusal === null) return false;
  res.statusCode = 400;
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "no-store");
  // The body is not read: close the connection rather than drain it.
  res.setHeader("connection", "close");
  res.end(refusal);
  return true;
}
