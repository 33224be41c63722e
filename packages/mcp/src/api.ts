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
      user: { id: string; email: string; name: string };
      tokenId: string;
      scopes: string[];
      expiresAt: number;
    }
  | { active: false; reason: string };

/** Gatehouse could not be asked, or answered something other than a decision. Fail closed. */
export class GatehouseUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "GatehouseUnavailableError";
  }
}

async function call(opts: GatehouseOptions, path: string, init: RequestInit): Promise<{ status: number; data: unknown }> {
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
  return { status: res.status, data };
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
  const { status, data } = await call(opts, "/api/v1/verify", { method: "POST", body: JSON.stringify(body) });
  if (status !== 200) throw new GatehouseUnavailableError(`Gatehouse refused the verification (HTTP ${status}, ${errorMessage(data)})`, status);
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
      user: { id: user.id, email: user.email, name: user.name },
      tokenId: d.token_id,
      scopes: d.scopes,
      expiresAt: d.expires_at,
    };
  }
  throw new GatehouseUnavailableError("Gatehouse answered something that is not a decision");
}

export type ReportedTool = { name: string; title?: string; annotations?: Record<string, unknown> };

/** PUT /api/v1/tools: the server's tools and their annotations (readOnlyHint: true → read, else write). */
export async function putTools(opts: GatehouseOptions, tools: ReportedTool[]): Promise<{ name: string; class: string; source: string }[]> {
  const { status, data } = await call(opts, "/api/v1/tools", { method: "PUT", body: JSON.stringify({ tools }) });
  if (status !== 200) throw new GatehouseUnavailableError(`Gatehouse refused the tool report (HTTP ${status}, ${errorMessage(data)})`, status);
  const list = (data as { tools?: unknown } | null)?.tools;
  return Array.isArray(list) ? (list as { name: string; class: string; source: string }[]) : [];
}
