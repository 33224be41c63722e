import type { CallDescription } from "./api.js";

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
