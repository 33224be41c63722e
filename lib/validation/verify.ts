import { isIP } from "node:net";

/**
 * Request parsing for the verification API. Hand-written rather than zod: it runs on every
 * MCP call, and a bounded, explicit parser is both faster and easier to audit. Everything
 * here is checked before any database work; over-long fields are refused, not truncated.
 */
export const VERIFY_LIMITS = {
  bodyBytes: 16 * 1024,
  token: 256,
  method: 128,
  tool: 128,
  requestId: 128,
  clientIp: 64,
  userAgent: 512,
} as const;

export type CallRequest = {
  token: string;
  method: string | null;
  tool: string | null;
  requestId: string | null;
  clientIp: string | null;
  userAgent: string | null;
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const VERIFY_FIELDS = new Set(["token", "method", "tool", "request_id", "client_ip", "user_agent"]);
// Printable ASCII without spaces: MCP method names and JSON-RPC ids as strings.
const PRINTABLE = /^[\x21-\x7e]+$/;
// No control characters (tool names and user agents are shown in the UI and the log).
const NO_CONTROLS = /^[^\x00-\x1f\x7f]+$/;

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

type FieldRule = { max: number; pattern: RegExp; what: string };

function optionalString(obj: Record<string, unknown>, key: string, rule: FieldRule): Parsed<string | null> {
  const v = obj[key];
  if (v === undefined || v === null) return { ok: true, value: null };
  if (typeof v !== "string") return fail(`${key} must be a string`);
  if (v.length === 0 || v.length > rule.max) return fail(`${key} must be 1 to ${rule.max} characters`);
  if (!rule.pattern.test(v)) return fail(`${key} must be ${rule.what}`);
  return { ok: true, value: v };
}

function parseJsonObject(text: string): Parsed<Record<string, unknown>> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail("The body must be JSON.");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return fail("The body must be a JSON object.");
  return { ok: true, value: data as Record<string, unknown> };
}

/** The token field: required, a string, at most VERIFY_LIMITS.token characters. Its shape is judged later (→ malformed). */
function tokenField(v: unknown): Parsed<string> {
  if (typeof v !== "string" || v.length === 0) return fail("token is required and must be a string");
  if (v.length > VERIFY_LIMITS.token) return fail(`token must be at most ${VERIFY_LIMITS.token} characters`);
  return { ok: true, value: v };
}

/** `POST /api/v1/verify` body: `{ token, method?, tool?, request_id?, client_ip?, user_agent? }`. */
export function parseVerifyBody(text: string): Parsed<CallRequest> {
  const body = boundedObject(text, VERIFY_FIELDS);
  if (!body.ok) return body;
  const token = tokenField(body.value.token);
  return token.ok ? callFields(body.value, token.value) : token;
}

export const LOCAL_USER_MAX = 64;
const LOCAL_CALL_FIELDS = new Set(["local_user", "method", "tool", "request_id", "client_ip", "user_agent"]);

/** A call without a token: `call.token` is empty, and the OS user stands in for the token's owner. */
export type LocalCallRequest = { localUser: string; call: CallRequest };

/**
 * `POST /api/v1/local-calls` body: a call with no token, from a server registered for one local
 * user: `{ local_user, method?, tool?, request_id?, client_ip?, user_agent? }`.
 */
export function parseLocalCallBody(text: string): Parsed<LocalCallRequest> {
  const body = boundedObject(text, LOCAL_CALL_FIELDS);
  if (!body.ok) return body;
  const localUser = optionalString(body.value, "local_user", { max: LOCAL_USER_MAX, pattern: NO_CONTROLS, what: "the OS user name" });
  if (!localUser.ok) return localUser;
  if (localUser.value === null) return fail("local_user is required: the OS user the server runs as");
  const call = callFields(body.value, "");
  return call.ok ? { ok: true, value: { localUser: localUser.value, call: call.value } } : call;
}

function boundedObject(text: string, allowed: Set<string>): Parsed<Record<string, unknown>> {
  if (text.length > VERIFY_LIMITS.bodyBytes) return fail("The body is too large.");
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return parsed;
  for (const key in parsed.value) if (!allowed.has(key)) return fail(`Unknown field: ${key.slice(0, 40)}`);
  return parsed;
}

/** The fields that describe a call, shared by verify and local calls; built as one object (verify's hot path). */
function callFields(body: Record<string, unknown>, token: string): Parsed<CallRequest> {
  const method = optionalString(body, "method", { max: VERIFY_LIMITS.method, pattern: PRINTABLE, what: "an MCP method name" });
  if (!method.ok) return method;
  const tool = optionalString(body, "tool", { max: VERIFY_LIMITS.tool, pattern: NO_CONTROLS, what: "a tool name" });
  if (!tool.ok) return tool;
  if (method.value === "tools/call" && tool.value === null) return fail("tool is required when method is tools/call");
  if (tool.value !== null && method.value !== "tools/call") return fail("tool is only allowed with method tools/call");

  let requestIdValue = body.request_id;
  // JSON-RPC ids may be numbers; we keep them as text.
  if (typeof requestIdValue === "number" && Number.isSafeInteger(requestIdValue)) requestIdValue = String(requestIdValue);
  const requestId = optionalString({ request_id: requestIdValue }, "request_id", {
    max: VERIFY_LIMITS.requestId,
    pattern: NO_CONTROLS,
    what: "a string or an integer",
  });
  if (!requestId.ok) return requestId;
  const clientIp = optionalString(body, "client_ip", { max: VERIFY_LIMITS.clientIp, pattern: PRINTABLE, what: "an IP address" });
  if (!clientIp.ok) return clientIp;
  if (clientIp.value !== null && isIP(clientIp.value) === 0) return fail("client_ip must be an IPv4 or IPv6 address");
  const userAgent = optionalString(body, "user_agent", { max: VERIFY_LIMITS.userAgent, pattern: NO_CONTROLS, what: "printable text" });
  if (!userAgent.ok) return userAgent;
  return {
    ok: true,
    value: { token, method: method.value, tool: tool.value, requestId: requestId.value, clientIp: clientIp.value, userAgent: userAgent.value },
  };
}

/**
 * The `token` of an RFC 7662 / RFC 7009 request: form-encoded (`token=…&token_type_hint=…`),
 * or for revocation also a JSON object `{ token }`.
 */
export function parseTokenForm(text: string, contentType: string | null, allowJson: boolean): Parsed<string> {
  if (text.length > VERIFY_LIMITS.bodyBytes) return fail("The body is too large.");
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    const params = new URLSearchParams(text);
    if (params.getAll("token").length !== 1) return fail("Send exactly one token parameter.");
    return tokenField(params.get("token"));
  }
  if (allowJson && type === "application/json") {
    const parsed = parseJsonObject(text);
    return parsed.ok ? tokenField(parsed.value.token) : parsed;
  }
  return fail(allowJson ? "Send application/x-www-form-urlencoded or application/json." : "Send application/x-www-form-urlencoded.");
}

export type IntrospectionForm = { token: string; clientId: string | null; clientSecret: string | null };

/**
 * An RFC 7662 request body: `token`, and for client_secret_post (RFC 6749 §2.3.1) the server's
 * slug as `client_id` and its credential as `client_secret`, each at most once.
 */
export function parseIntrospectionForm(text: string, contentType: string | null): Parsed<IntrospectionForm> {
  const token = parseTokenForm(text, contentType, false);
  if (!token.ok) return token;
  const params = new URLSearchParams(text);
  const field = (name: string): Parsed<string | null> => {
    const all = params.getAll(name);
    if (all.length > 1) return fail(`Send ${name} at most once.`);
    if (all.length === 1 && (all[0]!.length === 0 || all[0]!.length > VERIFY_LIMITS.token)) return fail(`${name} must be 1 to ${VERIFY_LIMITS.token} characters`);
    return { ok: true, value: all[0] ?? null };
  };
  const clientId = field("client_id");
  if (!clientId.ok) return clientId;
  const clientSecret = field("client_secret");
  if (!clientSecret.ok) return clientSecret;
  if ((clientId.value === null) !== (clientSecret.value === null)) return fail("Send client_id and client_secret together.");
  return { ok: true, value: { token: token.value, clientId: clientId.value, clientSecret: clientSecret.value } };
}

/** True when the Content-Type names JSON (parameters such as charset allowed). */
export function isJsonContentType(contentType: string | null): boolean {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";
}
