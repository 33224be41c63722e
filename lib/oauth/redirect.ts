/**
 * Redirect URI rules. Matching is exact (OAuth 2.1 §2.3.1), except that a loopback redirect may
 * use any port (RFC 8252 §7.3): VS Code and Claude Code pick a free port at random.
 */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);
// Schemes that would run or read something in the browser instead of handing the code to an app.
const FORBIDDEN_SCHEMES = new Set(["javascript:", "data:", "vbscript:", "file:", "blob:", "about:", "ws:", "wss:"]);

function parse(uri: string): URL | null {
  return URL.canParse(uri) ? new URL(uri) : null;
}

export function isLoopbackRedirect(uri: string): boolean {
  const url = parse(uri);
  return url !== null && url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Why a redirect URI may not receive codes, or null when it may: https anywhere, http on
 * loopback only, a private-use scheme for a native app (RFC 8252 §7.1, e.g. cursor://); never a
 * fragment (RFC 6749 §3.1.2) nor credentials in it.
 */
export function redirectRefusal(uri: string): string | null {
  const url = parse(uri);
  if (!url) return "is not an absolute URL";
  if (url.hash || uri.includes("#")) return "has a fragment";
  if (url.username || url.password) return "carries credentials";
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `uses the ${url.protocol} scheme`;
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) return "uses http on a host that is not loopback";
  return null;
}

/** Whether `presented` is one of the client's registered redirect URIs, under the rules above. */
export function redirectMatches(registered: readonly string[], presented: string): boolean {
  if (redirectRefusal(presented) !== null) return false;
  if (registered.includes(presented)) return true;
  if (!isLoopbackRedirect(presented)) return false;
  const p = new URL(presented);
  return registered.some((r) => {
    if (!isLoopbackRedirect(r)) return false;
    const u = new URL(r);
    return u.hostname === p.hostname && u.pathname === p.pathname && u.search === p.search;
  });
}

/** What the consent page shows of a redirect: its host, or its scheme for a native app's. */
export function redirectHost(uri: string): string {
  const url = new URL(uri);
  return url.host || url.protocol;
}
