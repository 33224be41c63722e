/**
 * How an MCP server authenticates to Gatehouse's API: its credential as a Bearer token, or, as
 * an OAuth client of introspection (RFC 7662 §2.1), `slug:credential` by HTTP Basic
 * (client_secret_basic) or in the form body (client_secret_post, openid-client's default).
 */
import type { IntrospectionForm } from "@/lib/validation/verify";

export type ClientScheme = "bearer" | "basic" | "post";
export type PresentedClient = { scheme: ClientScheme; credential: string; slug?: string };

/** `Authorization: Bearer <credential>`, or null. */
export function bearerCredential(header: string | null): string | null {
  if (!header || header.length > 512) return null;
  const space = header.indexOf(" ");
  if (space < 0 || header.slice(0, space).toLowerCase() !== "bearer") return null;
  return header.slice(space + 1).trim() || null;
}

/** HTTP Basic `slug:credential` (RFC 6749 §2.3.1: both parts form-encoded before base64). */
function basicCredential(header: string): { slug: string; credential: string } | null {
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    return { slug: decodeURIComponent(decoded.slice(0, colon)), credential: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/**
 * The client of an introspection request. "ambiguous" when it used more than one method, which
 * RFC 6749 §2.3 forbids; a malformed Basic header is still the Basic scheme, so its refusal
 * carries a Basic challenge.
 */
export function introspectionClient(authorization: string | null, form: IntrospectionForm): PresentedClient | "ambiguous" | null {
  const header = authorization && authorization.length <= 512 ? authorization : null;
  let fromHeader: PresentedClient | null = null;
  if (header?.slice(0, 6).toLowerCase() === "basic ") {
    const b = basicCredential(header);
    fromHeader = { scheme: "basic", credential: b?.credential ?? "", slug: b?.slug ?? "" };
  } else {
    const credential = bearerCredential(header);
    if (credential) fromHeader = { scheme: "bearer", credential };
  }
  const fromBody: PresentedClient | null =
    form.clientId !== null && form.clientSecret !== null ? { scheme: "post", credential: form.clientSecret, slug: form.clientId } : null;
  if (fromHeader && fromBody) return "ambiguous";
  return fromHeader ?? fromBody;
}

/** RFC 6749 §5.2: a challenge of the scheme the client used (Basic for the form body too). */
export function invalidClientChallenge(scheme: ClientScheme | undefined): string {
  return scheme === "bearer" ? 'Bearer realm="gatehouse", error="invalid_token"' : 'Basic realm="gatehouse", charset="UTF-8"';
}
