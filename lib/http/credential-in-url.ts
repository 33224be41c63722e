/**
 * Whether a request target (path and query, as received) carries something shaped like a
 * credential: a Gatehouse token or server credential, or an OAuth-style token parameter.
 * server.ts refuses such requests before Next sees them, because Next may render the URL into
 * a page payload, a cache entry or a `next=` redirect, and URLs end up in proxy logs.
 */
const CREDENTIAL_SHAPED = /mcp[strc]_|;token=|access_token=/i;
const PERCENT_ESCAPE = /%([0-9a-f]{2})/gi;

function unescapeBytes(s: string): string {
  // Byte-wise, never throwing on malformed escapes: the shapes above are plain ASCII.
  return s.replace(PERCENT_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function carriesCredential(target: string): boolean {
  if (CREDENTIAL_SHAPED.test(target)) return true;
  // Double- and triple-encoding (%255F) unwrap one layer per pass; a few passes are plenty.
  let s = target;
  for (let pass = 0; pass < 4 && s.includes("%"); pass++) {
    const decoded = unescapeBytes(s);
    if (decoded === s) return false;
    if (CREDENTIAL_SHAPED.test(decoded)) return true;
    s = decoded;
  }
  return false;
}
