/**
 * The local patterns: a stdio MCP server on someone's machine.
 * - Several users: each configures a Gatehouse token in the environment (as the MCP spec says
 *   stdio servers get credentials), and every tools/call is verified with it.
 * - One user: no token; every tools/call is still recorded by Gatehouse with the OS user, and
 *   Gatehouse allows that only for a server registered local-single.
 * Either way each call is decided and audited by Gatehouse before the server sees it; a refusal
 * is a tool error that says why, so the person reads it in their MCP client. Nothing is cached:
 * a revocation or a change of registration applies at the next call.
 */
import { userInfo } from "node:os";
import { recordLocalCall, verifyCall, type GatehouseOptions, type VerifyAnswer } from "./api.js";
import type { GatehouseAuthInfo } from "./protect.js";
import { denialMessage, inactiveMessage } from "./messages.js";

type Message = { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: { name?: unknown } };
type MessageExtra = Record<string, unknown> | undefined;

/** What SDK v1 and v2 transports have in common (StdioServerTransport of either). */
export type McpTransport = {
  start(): Promise<void>;
  send(message: never, options?: never): Promise<void>;
  close(): Promise<void>;
  onmessage?: (message: never, extra?: never) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
};

export type GatehouseStdioOptions = GatehouseOptions & {
  /**
   * The user's token (`mcpt_…`), from GATEHOUSE_TOKEN. Without one, tools run only if Gatehouse
   * has this server registered as local, one user; the calls are audited with `localUser`.
   */
  token: string | undefined;
  /** Who runs the server, for the audit log of tokenless calls. Default: the OS user name. */
  localUser?: string;
};

const UNREACHABLE = "Gatehouse could not be asked about this call (unreachable or refusing); nothing was run. Try again.";

/** A tokenless call: allowed (and audited with the OS user) only for a server registered local-single. */
async function decideWithoutToken(opts: GatehouseStdioOptions, tool: string, requestId: string | number): Promise<string | null> {
  try {
    const answer = await recordLocalCall(opts, opts.localUser ?? userInfo().username, { method: "tools/call", tool, requestId });
    if (answer.allowed) return null;
    return `No Gatehouse token: ${answer.message} Set GATEHOUSE_TOKEN to your mcpt_… token in this server's configuration. No tool runs without one.`;
  } catch {
    return UNREACHABLE;
  }
}

function toolError(id: unknown, text: string) {
  return { jsonrpc: "2.0", id, result: { content: [{ type: "text", text }], isError: true } };
}

async function decide(opts: GatehouseStdioOptions, token: string, tool: string, requestId: string | number | undefined): Promise<string | Omit<GatehouseAuthInfo, "resource">> {
  let answer: VerifyAnswer;
  try {
    answer = await verifyCall(opts, token, { method: "tools/call", tool, requestId });
  } catch {
    // Fail closed: no answer from Gatehouse is never an allow.
    return UNREACHABLE;
  }
  if (!answer.active) return `Gatehouse refused this call: ${inactiveMessage(answer.reason)}`;
  if (!answer.allowed) return `Gatehouse refused this call: ${denialMessage(tool, answer)}`;
  return {
    token,
    clientId: answer.tokenId,
    scopes: answer.scopes,
    expiresAt: answer.expiresAt,
    extra: { userId: answer.user.id, email: answer.user.email, name: answer.user.name, tokenId: answer.tokenId },
  };
}

/**
 * Wraps a stdio transport so that every tools/call is verified with the user's token first:
 * `await server.connect(gatehouseStdio(new StdioServerTransport(), { url, serverCredential, token }))`.
 * Other methods (initialize, tools/list, …) pass: they run no tool.
 */
export function gatehouseStdio<T extends McpTransport>(inner: T, opts: GatehouseStdioOptions): T {
  if (!opts.url || !opts.serverCredential) throw new Error("gatehouseStdio needs url and serverCredential (GATEHOUSE_URL, GATEHOUSE_SERVER_CREDENTIAL)");
  const send = (message: unknown) => inner.send(message as never);
  const guard = {
    onmessage: undefined as ((message: unknown, extra?: MessageExtra) => void) | undefined,
    onclose: undefined as (() => void) | undefined,
    onerror: undefined as ((error: Error) => void) | undefined,
  };

  async function receive(message: Message, extra: MessageExtra): Promise<void> {
    const isCall = message.method === "tools/call" && (typeof message.id === "string" || typeof message.id === "number");
    if (!isCall) return guard.onmessage?.(message, extra);
    const id = message.id as string | number;
    const tool = message.params?.name;
    if (typeof tool !== "string" || tool.length === 0 || tool.length > 128) return send(toolError(id, "Invalid tool name."));
    if (!opts.token) {
      const refusal = await decideWithoutToken(opts, tool, id);
      return refusal === null ? guard.onmessage?.(message, extra) : send(toolError(id, refusal));
    }
    const decision = await decide(opts, opts.token, tool, id);
    if (typeof decision === "string") return send(toolError(id, decision));
    guard.onmessage?.(message, { ...extra, authInfo: decision });
  }

  inner.onmessage = ((message: Message, extra?: MessageExtra) => {
    receive(message, extra).catch((err: unknown) => guard.onerror?.(err instanceof Error ? err : new Error(String(err))));
  }) as never;
  inner.onclose = () => guard.onclose?.();
  inner.onerror = (error) => guard.onerror?.(error);

  // The server sets onmessage/onclose/onerror on the wrapper; everything else is the inner transport's.
  return new Proxy(inner, {
    get: (target, prop) => {
      if (prop in guard) return guard[prop as keyof typeof guard];
      const value: unknown = Reflect.get(target, prop, target);
      // Bound to the transport itself: its methods may use private fields a Proxy cannot reach.
      return typeof value === "function" ? value.bind(target) : value;
    },
    set: (target, prop, value) => {
      if (prop in guard) {
        (guard as Record<string, unknown>)[prop as string] = value;
        return true;
      }
      return Reflect.set(target, prop, value, target);
    },
  });
}
