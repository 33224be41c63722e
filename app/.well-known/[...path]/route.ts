import { errorBody } from "@/lib/http/api-errors";

/**
 * Every /.well-known/ document Gatehouse does not serve is a plain JSON 404: OAuth and OpenID
 * discovery clients (the MCP SDK among them) must not be sent to the HTML sign-in page. A
 * document Gatehouse serves later gets its own route, which Next prefers to this catch-all.
 */
function notFound(): Response {
  return Response.json(errorBody("not_found", "Gatehouse does not serve this document."), {
    status: 404,
    headers: { "cache-control": "no-store" },
  });
}

export const GET = notFound;
export const HEAD = notFound;
