import { reportTools } from "@/lib/servers/tools";
import { ApiError, errorResponse } from "@/lib/http/api-errors";
import { reportToolsSchema } from "@/lib/validation/servers";
import { authenticateServerCredential } from "@/lib/verify/core";
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
    const server = authenticateServerCredential(credential);
    if (!server) throw new ApiError("unauthenticated", "A valid server credential is required (Authorization: Bearer mcps_…).", { "www-authenticate": 'Bearer realm="gatehouse"' });
    const text = await readCappedText(request, MAX_BODY);
    if (text === null) throw new ApiError("payload_too_large", "The body must be at most 1 MB.");
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
    const summary = reportTools(server, parsed.data.tools, {
      clientIp: remoteAddress(request),
      userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null,
    });
    return Response.json(
      { server: server.slug, tools: summary.tools.map((t) => ({ name: t.name, class: t.accessClass, source: t.source })), added: summary.added, changed: summary.changed, removed: summary.removed },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
