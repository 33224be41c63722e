import { startAuthorization } from "@/lib/oauth/authorize";

export const dynamic = "force-dynamic";

/**
 * `GET /oauth/authorize` (RFC 6749 §4.1.1): checks the request before anyone signs in, stores it,
 * and sends the browser to the consent page (which asks to sign in first). Errors go back to the
 * client only once its redirect URI is known good; otherwise they are shown here, on a page.
 */
export function GET(request: Request): Response {
  const url = new URL(request.url);
  const outcome = startAuthorization(url.searchParams);
  const headers = { "cache-control": "no-store", "referrer-policy": "no-referrer" };
  if (outcome.kind === "redirect") return new Response(null, { status: 303, headers: { ...headers, location: outcome.location } });
  const path = outcome.kind === "consent" ? `/oauth/consent/${outcome.requestId}` : `/oauth/error?reason=${outcome.error}`;
  // Relative to the public address, not to the Host header.
  return new Response(null, { status: 303, headers: { ...headers, location: path } });
}
