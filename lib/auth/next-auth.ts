import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { authSecret } from "@/lib/auth/secret";
import { config } from "@/lib/config";
import type { RequestContext } from "@/lib/http/request-context";
import { findUserById } from "@/lib/users/queries";
import { authenticateWithPassword, resolveOidcUser } from "@/lib/users/sign-in";
import { signInSchema } from "@/lib/validation/users";

declare module "next-auth" {
  interface Session {
    sessionVersion?: number;
  }
}

export const OIDC_PROVIDER_ID = "oidc";
const SESSION_MAX_AGE = 12 * 60 * 60; // 12 hours

function contextOf(request: Request | undefined): RequestContext {
  const h = request?.headers;
  return {
    clientIp: h?.get("x-gatehouse-client-ip") ?? h?.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
    userAgent: h?.get("user-agent")?.slice(0, 512) ?? null,
  };
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await authenticateWithPassword(parsed.data.email, parsed.data.password, contextOf(request));
        return user ? { id: user.id, email: user.email, name: user.name } : null;
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
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    // Failed sign-ins are expected and audited (auth.sign_in_failed); the log gets one line, no stack.
    logger: {
      error(error) {
        // Auth.js errors carry their kind in `type` (class names do not survive minification).
        const kind = (error as Error & { type?: string }).type ?? error.name;
        if (kind === "CredentialsSignin") return;
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
          contextOf(request),
        );
        if (!resolved) return "/login?error=AccessDenied";
        // From here on the session carries Gatehouse's user id, not the provider's subject.
        user.id = resolved.id;
        return true;
      },
      jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          // requireUser() compares this with the database's: bumping it ends the session.
          token.sv = findUserById(user.id)?.sessionVersion;
          return token;
        }
        // Every later read of the session (auth(), /api/auth/session): a removed or disabled user,
        // or a session older than the user's session version, is signed out and the cookie cleared.
        const current = token.sub ? findUserById(token.sub) : undefined;
        if (!current || current.status !== "active" || current.sessionVersion !== token.sv) return null;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.sessionVersion = typeof token.sv === "number" ? token.sv : undefined;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth((request) => authConfig(request));
