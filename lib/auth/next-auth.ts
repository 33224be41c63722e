import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { authSecret } from "@/lib/auth/secret";
import { config } from "@/lib/config";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import { requestContext, type RequestContext } from "@/lib/http/request-context";
import { maySignIn } from "@/lib/users/queries";
import { endSession, findSessionUser, pruneExpiredSessions, startSession } from "@/lib/users/sessions";
import { authenticateWithPassword, resolveOidcUser } from "@/lib/users/sign-in";
import { signInSchema } from "@/lib/validation/users";

export const OIDC_PROVIDER_ID = "oidc";

/**
 * A refused password sign-in whose reason the form may show: `code` is "throttled:<seconds>"
 * or "busy". Auth.js hands a CredentialsSignin (and its code) through to the signIn() caller.
 */
export class SignInRefused extends CredentialsSignin {
  constructor(override code: string) {
    super();
  }
}

/**
 * Who is signing in. Auth.js hands the lazy config a request on its own routes, but not when the
 * login form's server action calls signIn(): then the action's own headers are the request's.
 * Without them every password sign-in would share one "unknown" address for throttling and audit.
 */
async function contextOf(request: Request | undefined): Promise<RequestContext> {
  if (!request) return requestContext();
  return { clientIp: clientAddressFromHeaders(request.headers), userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null };
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await authenticateWithPassword(parsed.data.email, parsed.data.password, await contextOf(request));
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
        if (result.reason === "throttled") throw new SignInRefused(`throttled:${result.retryAfterSeconds}`);
        if (result.reason === "busy") throw new SignInRefused("busy");
        return null;
      },
    }),
  ];
  const oidc = config().oidc;
  if (oidc) {
    list.push({
      id: OIDC_PROVIDER_ID,
      name: oidc.displayName,
      type: "oidc",
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      checks: ["pkce", "state", "nonce"],
      // Take the profile from the UserInfo endpoint (its sub checked against the validated ID
      // token): providers may leave email / email_verified out of the ID token (OIDC Core §5.4).
      idToken: false,
    });
  }
  return list;
}

function authConfig(request: Request | undefined): NextAuthConfig {
  return {
    secret: authSecret(),
    trustHost: true,
    // maxAge is the idle limit (the cookie is renewed on use); the absolute one is the session row's expiresAt.
    session: { strategy: "jwt", maxAge: config().session.idleSeconds },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    // Failed sign-ins are expected and audited (auth.sign_in_failed); other errors get one line, no stack.
    logger: {
      error(error) {
        // Auth.js errors carry their kind in `type` (class names do not survive minification).
        const kind = (error as Error & { type?: string }).type ?? error.name;
        // A forged, expired or old-secret session cookie is refused as signed out; a line for
        // each would let anyone fill the log.
        if (kind === "CredentialsSignin" || kind === "JWTSessionError") return;
        // Signing out with such a cookie fails to decode it the same way: there is nothing to end.
        if (kind === "SignOutError" && /^JW[ET]/.test((error.cause as { err?: Error } | undefined)?.err?.name ?? "")) return;
        console.error(`[auth] ${kind}: ${error.message.split("\n")[0]}`);
      },
      warn(code) {
        console.warn(`[auth] warning: ${code}`);
      },
      debug() {},
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const oidc = config().oidc;
        if (!oidc || !profile?.sub) return false;
        const resolved = resolveOidcUser(
          {
            provider: OIDC_PROVIDER_ID,
            subject: String(profile.sub),
            email: typeof profile.email === "string" ? profile.email : null,
            emailVerified: profile.email_verified === true,
            name: typeof profile.name === "string" ? profile.name : null,
          },
          oidc.createUsers,
          await contextOf(request),
        );
        // A service account never signs in, even when a provider vouches for its email.
        if (!resolved || !maySignIn(resolved)) return "/login?error=AccessDenied";
        // From here on the session carries Gatehouse's user id, not the provider's subject.
        user.id = resolved.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          pruneExpiredSessions();
          token.sid = startSession({ id: user.id }, await contextOf(request));
          return token;
        }
        // Every later read of the session (auth(), /api/auth/session): a session that was signed
        // out, ended everywhere, or is past its absolute end, or whose user may no longer sign
        // in, is signed out and the cookie cleared.
        return findSessionUser(token.sid, token.sub) ? token : null;
      },
      session({ session, token }) {
        // The session id stays in the encrypted cookie: /api/auth/session never shows it.
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message && message.token) endSession(message.token.sid, await contextOf(request));
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth((request) => authConfig(request));
