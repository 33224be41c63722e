/**
 * One middleware that protects an MCP server's HTTP endpoint completely: it publishes the
 * RFC 9728 metadata, checks the bearer token, and has Gatehouse decide (and audit) every MCP
 * call in the request, each tools/call against its tool's class. There is no separate tool
 * guard to forget, and it imports no SDK class, so two copies of the SDK cannot confuse it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { GatehouseUnavailableError, getResourceMetadata, verifyCall, type CallDescription, type GatehouseOptions, type ResourceMetadata, type VerifyAnswer } from "./api.js";
import { callsInBody } from "./calls.js";
import { BASELINE_SCOPE, sendRefusal, WRITE_SCOPES, type Refusal } from "./challenge.js";
import { isMetadataPath, resourceMetadataUrl, serveMetadata } from "./metadata.js";
import { denialMessage, inactiveMessage, type ActiveAnswer } from "./messages.js";

/** What the SDKs (v1 and v2) read from `req.auth` and hand to tool handlers as `extra.authInfo`. */
export type GatehouseAuthInfo = {
  token: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  /** The server's canonical URL, for the SDK's `expectedResource` check (RFC 8707). */
  resource: URL;
  extra: { userId: string; email: string; name: string; tokenId: string };
};

type Request = IncomingMessage & { body?: unknown; auth?: GatehouseAuthInfo; originalUrl?: string };
type Next = (err?: unknown) => void;

export type GatehouseAuthOptions = GatehouseOptions & {
  /** Largest JSON body read when no body parser ran first. Default 4 MB (the SDK's own limit). */
  maxBodyBytes?: number;
};

export type GatehouseAuth = ((req: IncomingMessage, res: ServerResponse, next: Next) => void) & {
  /** The RFC 9728 document, fetched from Gatehouse once; call it at start-up to fail early. */
  metadata(): Promise<ResourceMetadata>;
};

function unavailable(err: unknown): Refusal {
  if (err instanceof GatehouseUnavailableError && err.status === 429) {
    return { status: 429, error: "too_many_requests", description: "Gatehouse is rate limiting verifications; retry later.", retryAfter: err.retryAfter ?? 1 };
  }
  // Fail closed: no answer from Gatehouse is never an allow.
  return { status: 503, error: "temporarily_unavailable", description: "The token could not be verified: Gatehouse is unavailable.", retryAfter: 5 };
}

function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? "");
  return match ? match[1]! : null;
}

/** The JSON body, read here when no body parser ran first; `undefined` when there is none. */
async function jsonBody(req: Request, max: number): Promise<unknown> {
  if (req.body !== undefined || req.method !== "POST") return req.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new RangeError("body too large");
    chunks.push(chunk);
  }
  req.body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  return req.body;
}

function jsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } }));
}

export function gatehouseAuth(opts: GatehouseAuthOptions): GatehouseAuth {
  if (!opts.url || !opts.serverCredential) throw new Error("gatehouseAuth needs url and serverCredential (GATEHOUSE_URL, GATEHOUSE_SERVER_CREDENTIAL)");
  const maxBody = opts.maxBodyBytes ?? 4 * 1024 * 1024;
  let loading: Promise<ResourceMetadata> | undefined;
  const metadata = () => {
    loading ??= getResourceMetadata(opts).catch((err: unknown) => {
      loading = undefined; // asked again on the next request
      throw err;
    });
    return loading;
  };

  /** One verification (and one audit event) per MCP call in the request; all must pass. */
  async function decide(token: string, calls: CallDescription[]): Promise<Refusal | ActiveAnswer> {
    let first: ActiveAnswer | undefined;
    for (const call of calls) {
      let answer: VerifyAnswer;
      try {
        answer = await verifyCall(opts, token, call);
      } catch (err) {
        return unavailable(err);
      }
      if (!answer.active) {
        return { status: 401, error: "invalid_token", description: inactiveMessage(answer.reason), scope: BASELINE_SCOPE };
      }
      if (!answer.allowed) return { status: 403, error: "insufficient_scope", description: denialMessage(call.tool, answer), scope: WRITE_SCOPES };
      first ??= answer;
    }
    return first!;
  }

  async function handle(req: Request, res: ServerResponse, next: Next): Promise<void> {
    let doc: ResourceMetadata;
    try {
      doc = await metadata();
    } catch (err) {
      return sendRefusal(res, unavailable(err), "");
    }
    const path = (req.originalUrl ?? req.url ?? "/").split("?")[0]!;
    if (isMetadataPath(path, doc.resource)) return serveMetadata(req, res, doc);
    // A CORS preflight carries no credentials; answering it reveals nothing.
    if (req.method === "OPTIONS") return next();
    const metadataUrl = resourceMetadataUrl(doc.resource);
    const token = bearerToken(req);
    if (!token) return sendRefusal(res, { status: 401, description: "A Gatehouse token is required (Authorization: Bearer mcpt_…).", scope: BASELINE_SCOPE }, metadataUrl);

    let body: unknown;
    try {
      body = await jsonBody(req, maxBody);
    } catch (err) {
      return err instanceof RangeError ? jsonRpcError(res, 413, -32600, "Request body too large") : jsonRpcError(res, 400, -32700, "Parse error: the body must be JSON");
    }
    const calls = callsInBody(body, req.socket.remoteAddress ?? undefined, req.headers["user-agent"]);
    if (calls === "invalid_tool") return jsonRpcError(res, 400, -32602, "Invalid tool name in tools/call");

    const decision = await decide(token, calls);
    if ("status" in decision) return sendRefusal(res, decision, metadataUrl);
    req.auth = {
      token,
      clientId: decision.tokenId,
      scopes: decision.scopes,
      expiresAt: decision.expiresAt,
      resource: new URL(doc.resource),
      extra: { userId: decision.user.id, email: decision.user.email, name: decision.user.name, tokenId: decision.tokenId },
    };
    next();
  }

  const middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => {
    handle(req, res, next).catch(next);
  };
  return Object.assign(middleware, { metadata });
}
