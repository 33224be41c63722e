import { reportTools } from "@/lib/servers/tools";
import { ApiError, errorResponse } from "@/lib/http/api-errors";
import { reportToolsSchema } from "@/lib/validation/servers";
import { isJsonContentType } from "@/lib/validation/verify";
import { authenticateServerCall } from "@/lib/verify/core";
import { readCappedText, remoteAddress } from "@/lib/verify/web";

export const dynamic = "force-dynamic";

const MAX_BODY = 1024 * 1024;

/**
 * `PUT /api/v1/tools`: an MCP server reports its tools and their MCP annotations
 * (readOnlyHint: true → read, anything else → write). Authenticated by the server's credential.
 */
export async function PUT(request: Request): Promise<Response> {
  try {
    const auth = request.headers.get("authorization") ?? "";
    const credential = /^bearer /i.test(auth) ? auth.slice(7).trim() : null;
    const clientIp = remoteAddress(request);
    const userAgent = request.headers.get("user-agent")?.slice(0, 512) ?? null;
    // Limited and audited as verify is: a bad credential counts against its address, a good one never does.
    const authn = authenticateServerCall(credential, clientIp, userAgent);
    if (authn.outcome === "rate_limited") throw new ApiError("rate_limited", "Too many failed authentications; slow down.", { "retry-after": String(authn.retryAfterSeconds) });
    if (authn.outcome === "audit_unavailable") throw new ApiError("audit_unavailable", "The attempt could not be written to the audit log; nothing was changed. Try again.");
    if (authn.outcome === "unauthenticated") throw new ApiError("unauthenticated", "A valid server credential is required (Authorization: Bearer mcps_…).", { "www-authenticate": 'Bearer realm="gatehouse"' });
    const server = authn.server;
    const text = await readCappedText(request, MAX_BODY);
    if (text === null) throw new ApiError("payload_too_large", "The body must be at most 1 MB.");
    if (!isJsonContentType(request.headers.get("content-type"))) throw new ApiError("unsupported_media_type", "Send application/json.");
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_request", "The body must be JSON: { tools: [{ name, title?, annotations? }] }.");
    }
    const parsed = reportToolsSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError("invalid_request", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    const summary = reportTools(server, parsed.data.tools, { clientIp, userAgent });
    return Response.json(
      { server: server.slug, tools: summary.tools.map((t) => ({ name: t.name, class: t.accessClass, source: t.source })), added: summary.added, changed: summary.changed, removed: summary.removed },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    return errorResponse(err);
  }
}

/** Every other method: 405 in the API's error shape, naming the one method there is. */
function methodNotAllowed(): Response {
  return errorResponse(new ApiError("method_not_allowed", "Use PUT.", { allow: "PUT, OPTIONS" }));
}
export { methodNotAllowed as GET, methodNotAllowed as POST, methodNotAllowed as PATCH, methodNotAllowed as DELETE };

// Written out: Next's automatic OPTIONS would list the 405 handlers above as allowed.
export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: { allow: "PUT, OPTIONS" } });
}
