import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallDescription } from "./api";
import type { GatehouseVerifier } from "./verifier";

type RequestWithBody = IncomingMessage & { body?: unknown };
type Next = (err?: unknown) => void;

// Gatehouse's limit on tool names; a name beyond it cannot be checked, so the call is refused.
const MAX_TOOL_NAME = 128;

function isCheckableToolName(name: unknown): name is string {
  return typeof name === "string" && name.length > 0 && name.length <= MAX_TOOL_NAME && !/[\x00-\x1f\x7f]/.test(name);
}

type Message = { method?: unknown; id?: unknown; params?: { name?: unknown } };

/** The MCP calls in a parsed JSON-RPC body (one message or a batch) that need a decision. */
export function callsInBody(body: unknown, clientIp?: string, userAgent?: string): CallDescription[] | "invalid_tool" {
  const messages = (Array.isArray(body) ? body : [body]).filter((m): m is Message => typeof m === "object" && m !== null);
  const calls: CallDescription[] = [];
  let other: string | undefined;
  for (const m of messages) {
    if (typeof m.method !== "string") continue;
    const requestId = typeof m.id === "string" || typeof m.id === "number" ? m.id : undefined;
    if (m.method === "tools/call") {
      if (!isCheckableToolName(m.params?.name)) return "invalid_tool";
      calls.push({ method: "tools/call", tool: m.params.name, requestId, clientIp, userAgent });
    } else {
      other ??= m.method;
    }
  }
  // Tool calls are the ones with a class to check; any other method needs only an active token.
  return calls.length > 0 ? calls : [{ method: other?.slice(0, 128), clientIp, userAgent }];
}

/**
 * Express-style middleware placed after the JSON body parser and before
 * `requireBearerAuth({ verifier })`: it tells the verifier which MCP calls the request makes,
 * so each `tools/call` is checked against its tool's class (read or write) in Gatehouse.
 */
export function toolCallGuard(verifier: GatehouseVerifier) {
  return (req: RequestWithBody, res: ServerResponse, next: Next): void => {
    const calls = callsInBody(req.body, req.socket.remoteAddress ?? undefined, req.headers["user-agent"]);
    if (calls === "invalid_tool") {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32602, message: "Invalid tool name in tools/call" } }));
      return;
    }
    verifier.withCalls(calls, () => next());
  };
}
