/**
 * The Gatehouse HTTP calls an MCP server makes, with their answers checked before use:
 * nothing from the network is trusted to have the shape we expect.
 */
export type GatehouseOptions = {
  /** Gatehouse's base URL, e.g. https://gatehouse.example.com */
  url: string;
  /** This server's credential (`mcps_…`), from the server's page in Gatehouse. */
  serverCredential: string;
  /** Per-request timeout; a call that times out is refused, never allowed. Default 5 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export type CallDescription = {
  method?: string;
  tool?: string;
  requestId?: string | number;
  clientIp?: string;
  userAgent?: string;
};

export type VerifyAnswer =
  | {
      active: true;
      allowed: boolean;
      reason?: string;
      requiredScope?: string;
      /** read, write, or unclassified (never reported by the server: treated as write). */
      toolClass?: string;
      user: { id: string; email: string; name: string };
      tokenId: string;
      scopes: string[];
      expiresAt: number;
    }
  | { active: false; reason: string };

/**
 * Gatehouse could not be asked, or answered something other than a decision. Fail closed.
 * `status` is Gatehouse's HTTP status, if it answered; `retryAfter` its Retry-After (seconds) on a 429.
 */
export class GatehouseUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "GatehouseUnavailableError";
  }
}

type Answer = { status: number; data: unknown; retryAfter?: number };

function retryAfterSeconds(res: Response): number | undefined {
  const n = Number(res.headers.get("retry-after"));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

async function call(opts: GatehouseOptions, path: string, init: RequestInit): Promise<Answer> {
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(new URL(path, opts.url), {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${opts.serverCredential}`, "content-type": "application/json" },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
    });
  } catch (err) {
    throw new GatehouseUnavailableError(`Gatehouse did not answer: ${err instanceof Error ? err.message : String(err)}`);
  }
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    // handled below as an unexpected answer
  }
  return { status: res.status, data, retryAfter: retryAfterSeconds(res) };
}

function refused(what: string, answer: Answer): GatehouseUnavailableError {
  return new GatehouseUnavailableError(`Gatehouse refused the ${what} (HTTP ${answer.status}, ${errorMessage(answer.data)})`, answer.status, answer.retryAfter);
}

function errorMessage(data: unknown): string {
  const e = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof e?.message === "string" ? `${String(e.code)}: ${e.message}` : "unexpected answer";
}

const isString = (v: unknown): v is string => typeof v === "string";

/** POST /api/v1/verify. Throws GatehouseUnavailableError for anything that is not a decision. */
export async function verifyCall(opts: GatehouseOptions, token: string, desc: CallDescription): Promise<VerifyAnswer> {
  const body = {
    token,
    method: desc.method,
    tool: desc.method === "tools/call" ? desc.tool : undefined,
    request_id: desc.requestId,
    client_ip: desc.clientIp,
    user_agent: desc.userAgent?.slice(0, 512),
  };
  const answer = await call(opts, "/api/v1/verify", { method: "POST", body: JSON.stringify(body) });
  if (answer.status !== 200) throw refused("verification", answer);
  const data = answer.data;
  const d = data as Record<string, unknown> | null;
  if (d?.active === false && isString(d.reason)) return { active: false, reason: d.reason };
  const user = d?.user as Record<string, unknown> | undefined;
  if (
    d?.active === true &&
    typeof d.allowed === "boolean" &&
    isString(d.token_id) &&
    typeof d.expires_at === "number" &&
    Array.isArray(d.scopes) &&
    d.scopes.every(isString) &&
    user && isString(user.id) && isString(user.email) && isString(user.name)
  ) {
    return {
      active: true,
      allowed: d.allowed,
      reason: isString(d.reason) ? d.reason : undefined,
      requiredScope: isString(d.required_scope) ? d.required_scope : undefined,
      toolClass: isString(d.tool_class) ? d.tool_class : undefined,
      user: { id: user.id, email: user.email, name: user.name },
      tokenId: d.token_id,
      scopes: d.scopes,
      expiresAt: d.expires_at,
    };
  }
  throw new GatehouseUnavailableError("Gatehouse answered something that is not a decision");
}

export type LocalCallAnswer = { allowed: true; toolClass?: string } | { allowed: false; reason: string; message: string };

/**
 * POST /api/v1/local-calls: a call without a token, recorded in Gatehouse's audit log with the
 * OS user. Gatehouse allows it only for a server registered local-single (one person's machine).
 */
export async function recordLocalCall(opts: GatehouseOptions, localUser: string, desc: CallDescription): Promise<LocalCallAnswer> {
  const body = { local_user: localUser, method: desc.method, tool: desc.method === "tools/call" ? desc.tool : undefined, request_id: desc.requestId };
  const answer = await call(opts, "/api/v1/local-calls", { method: "POST", body: JSON.stringify(body) });
  if (answer.status !== 200) throw refused("local call", answer);
  const d = answer.data as Record<string, unknown> | null;
  if (d?.allowed === true) return { allowed: true, toolClass: isString(d.tool_class) ? d.tool_class : undefined };
  if (d?.allowed === false && isString(d.reason)) return { allowed: false, reason: d.reason, message: isString(d.message) ? d.message : d.reason };
  throw new GatehouseUnavailableError("Gatehouse answered something that is not a decision");
}

export type ReportedTool = { name: string; title?: string; annotations?: Record<string, unknown> };

/** PUT /api/v1/tools: the server's tools and their annotations (readOnlyHint: true → read, else write). */
export async function putTools(opts: GatehouseOptions, tools: ReportedTool[]): Promise<{ name: string; class: string; source: string }[]> {
  const answer = await call(opts, "/api/v1/tools", { method: "PUT", body: JSON.stringify({ tools }) });
  if (answer.status !== 200) throw refused("tool report", answer);
  const list = (answer.data as { tools?: unknown } | null)?.tools;
  return Array.isArray(list) ? (list as { name: string; class: string; source: string }[]) : [];
}

/** RFC 9728 protected-resource metadata, as Gatehouse builds it for this server. */
export type ResourceMetadata = { resource: string; resource_name?: string; scopes_supported?: string[]; bearer_methods_supported?: string[] } & Record<string, unknown>;

/** GET /api/v1/resource-metadata: this server's RFC 9728 document, `resource` being its canonical URL. */
export async function getResourceMetadata(opts: GatehouseOptions): Promise<ResourceMetadata> {
  const answer = await call(opts, "/api/v1/resource-metadata", { method: "GET" });
  if (answer.status !== 200) throw refused("metadata request", answer);
  const d = answer.data as Record<string, unknown> | null;
  if (!d || !isString(d.resource) || !URL.canParse(d.resource)) throw new GatehouseUnavailableError("Gatehouse answered something that is not resource metadata");
  return d as ResourceMetadata;
}
