/**
 * Adapts a Fetch API Request (Next route handlers) to the shared handlers in ./http, with
 * the same 16 KB cap as the fast path: the body is read chunk by chunk and abandoned beyond it.
 */
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import { VERIFY_LIMITS } from "@/lib/validation/verify";
import { decideInGroup } from "./group-commit";
import type { ApiRequest, ApiResult } from "./http";

/** The body as text, or null when it is larger than `cap` bytes (reading stops there). */
export async function readCappedText(request: Request, cap: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > cap) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

/** The caller's address as server.ts resolved it (socket, or TRUST_PROXY's X-Forwarded-For). */
export function remoteAddress(request: Request): string | null {
  return clientAddressFromHeaders(request.headers);
}

export async function toApiRequest(request: Request): Promise<ApiRequest> {
  const body = request.method === "POST" ? await readCappedText(request, VERIFY_LIMITS.bodyBytes) : "";
  return {
    method: request.method,
    header: (name) => request.headers.get(name),
    body: body ?? "",
    bodyTooLarge: body === null,
    remoteAddress: remoteAddress(request),
    search: new URL(request.url).search,
  };
}

export function toResponse(result: ApiResult): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}

/** A route handler for one of the shared endpoints. */
export function routeHandler(handle: (req: ApiRequest) => ApiResult) {
  return async (request: Request): Promise<Response> => {
    const req = await toApiRequest(request);
    return toResponse(await decideInGroup(() => handle(req)));
  };
}
