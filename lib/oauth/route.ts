import { toApiRequest, toResponse } from "@/lib/verify/web";
import type { ApiRequest, ApiResult } from "./http";

/** A Next route handler for one of the endpoints in ./endpoints (same body cap as the verify API). */
export function oauthRoute(handle: (req: ApiRequest) => ApiResult | Promise<ApiResult>) {
  return async (request: Request): Promise<Response> => {
    const result = await handle(await toApiRequest(request));
    // A 204 must have no body: Response refuses one.
    return result.status === 204 ? new Response(null, { status: 204, headers: result.headers }) : toResponse(result);
  };
}
