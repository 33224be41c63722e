import { NextResponse, type NextRequest } from "next/server";
import { carriesCredential } from "@/lib/http/credential-in-url";

/**
 * Redirects visitors without a session cookie to sign in. This is convenience only:
 * every page, action and route checks authorization itself (requireUser / requireAdmin).
 */
// API and discovery paths answer for themselves (401, 404 JSON), never with a sign-in page:
// matched without regard to case, so /API/v1/... is not sent to sign in either. The OAuth
// endpoints answer clients, not people; only the consent page needs a session.
const PUBLIC = [/^\/login/, /^\/setup/, /^\/invite\//, /^\/api\//i, /^\/\.well-known\//i, /^\/_next\//, /^\/favicon/, /^\/icon\.svg$/, /^\/oauth\/(authorize|token|register|revoke|error)$/];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((re) => re.test(pathname))) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = new URL("/login", request.url);
  // server.ts refuses credential-shaped URLs first; this keeps one out of `next` under `next dev` too.
  if (pathname !== "/" && !carriesCredential(pathname + search)) url.searchParams.set("next", pathname + search);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
