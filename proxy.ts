import { NextResponse, type NextRequest } from "next/server";

/**
 * Redirects visitors without a session cookie to sign in. This is convenience only:
 * every page, action and route checks authorization itself (requireUser / requireAdmin).
 */
const PUBLIC = [/^\/login/, /^\/setup/, /^\/invite\//, /^\/api\//, /^\/_next\//, /^\/favicon/];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((re) => re.test(pathname))) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = new URL("/login", request.url);
  if (pathname !== "/") url.searchParams.set("next", pathname + search);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
