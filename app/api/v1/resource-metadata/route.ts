import { ApiError, errorResponse } from "@/lib/http/api-errors";
import { protectedResourceMetadata } from "@/lib/servers/resource-metadata";
import { authenticateServerCall } from "@/lib/verify/core";
import { remoteAddress } from "@/lib/verify/web";

export const dynamic = "force-dynamic";

/**
 * `GET /api/v1/resource-metadata`: the RFC 9728 document of the server whose credential is
 * presented, for the server to publish at its well-known URLs (`@gatehouse/mcp` does).
 */
export function GET(request: Request): Response {
  try {
    if (new URL(request.url).search.length > 1) throw new ApiError("invalid_request", "This endpoint takes no query parameters.");
    const auth = request.headers.get("authorization") ?? "";
    const credential = /^bearer /i.test(auth) ? auth.slice(7).trim() : null;
    // Limited and audited as verify and PUT /api/v1/tools are.
    const authn = authenticateServerCall(credential, remoteAddress(request), request.headers.get("user-agent"));
    if (authn.outcome === "rate_limited") throw new ApiError("rate_limited", "Too many failed authentications; slow down.", { "retry-after": String(authn.retryAfterSeconds) });
    if (authn.outcome === "audit_unavailable") throw new ApiError("audit_unavailable", "The attempt could not be written to the audit log. Try again.");
    if (authn.outcome === "unauthenticated") throw new ApiError("unauthenticated", "A valid server credential is required (Authorization: Bearer mcps_…).", { "www-authenticate": 'Bearer realm="gatehouse"' });
    return Response.json(protectedResourceMetadata(authn.server), { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

function methodNotAllowed(): Response {
  return errorResponse(new ApiError("method_not_allowed", "Use GET.", { allow: "GET, OPTIONS" }));
}
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: { allow: "GET, OPTIONS" } });
}
