/**
 * The fast path: server.ts hands every request here first; the verification endpoints and the
 * OAuth endpoints clients call (token, revocation, registration) are answered by plain node:http
 * and the framework-free handlers, everything else goes on to Next.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleRegister, handleRevocation, handleToken } from "@/lib/oauth/endpoints";
import { VERIFY_LIMITS } from "@/lib/validation/verify";
import { submitToGroup } from "./group-commit";
import { FAST_ROUTES, type ApiRequest, type ApiResult } from "./http";

function send(res: ServerResponse, result: ApiResult, close = false) {
  // No writeHead(): given the whole body before the head is built, end() sets Content-Length
  // itself, so the answer is not chunked and goes out with its head in one write.
  res.statusCode = result.status;
  const headers = result.headers;
  for (const name in headers) res.setHeader(name, headers[name]!);
  if (close) res.setHeader("connection", "close");
  res.end(result.body);
}

/** Reads at most VERIFY_LIMITS.bodyBytes; beyond that, stops reading and reports it. */
function readCapped(req: IncomingMessage, done: (body: string | null) => void) {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > VERIFY_LIMITS.bodyBytes) return done(null);
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  req.on("data", (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > VERIFY_LIMITS.bodyBytes) {
      finished = true;
      req.pause();
      return done(null);
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (finished) return;
    finished = true;
    done(size === 0 ? "" : Buffer.concat(chunks, size).toString("utf8"));
  });
  req.on("error", () => {
    finished = true;
  });
}

/**
 * The OAuth endpoints MCP clients call. Each runs its own transaction (and may wait on a client's
 * metadata document or keys), so none joins a verification group. Their Next routes stay for
 * the other methods (CORS preflight, 405).
 */
const OAUTH_ROUTES: Record<string, (req: ApiRequest) => ApiResult | Promise<ApiResult>> = {
  "/oauth/token": (req) => handleToken(req),
  "/oauth/revoke": (req) => handleRevocation(req),
  "/oauth/register": (req) => handleRegister(req),
};

/** True when the request was one of ours and has been (or is being) answered. */
export function handleFastPath(req: IncomingMessage, res: ServerResponse, remoteAddress: string | null): boolean {
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const route = FAST_ROUTES[path];
  const oauth = route ? undefined : OAUTH_ROUTES[path];
  const search = q < 0 ? "" : url.slice(q);
  // Only POST takes the fast path; other methods get Next's answer (one route, one behaviour).
  if ((!route && !oauth) || req.method !== "POST") return false;
  readCapped(req, (body) => {
    const headers = req.headers;
    const apiReq: ApiRequest = {
      method: "POST",
      header: (name) => {
        const v = headers[name];
        return typeof v === "string" ? v : null;
      },
      body: body ?? "",
      bodyTooLarge: body === null,
      remoteAddress,
      search,
    };
    // The OAuth handlers answer every error themselves (lib/oauth/http.ts `answer`), so they never reject.
    if (oauth) return void Promise.resolve(oauth(apiReq)).then((result) => send(res, result, body === null));
    // Answered once the group this call joined has committed its audit rows.
    submitToGroup(
      () => route!(apiReq),
      (result) => send(res, result, body === null),
    );
  });
  return true;
}
