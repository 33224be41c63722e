/**
 * Headers every answer carries, pages and API alike (the verification fast path too), set once
 * per response by server.ts. Constant strings, built once at start.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Next's App Router streams its payload in inline <script> tags; without per-request nonces
  // (which would make every page dynamic) inline scripts must be allowed. No eval, no other origin.
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  // Nobody may frame Gatehouse: a framed admin page is a click away from a forged change.
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(authUrl: string | undefined): [name: string, value: string][] {
  const headers: [string, string][] = [
    ["content-security-policy", CONTENT_SECURITY_POLICY],
    ["x-frame-options", "DENY"],
    ["x-content-type-options", "nosniff"],
    // Not no-referrer: under it browsers send `Origin: null` on same-origin POSTs, which fails
    // Next's server-action origin check. strict-origin never sends a path or query elsewhere.
    ["referrer-policy", "strict-origin"],
    ["permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"],
  ];
  // Only when people reach Gatehouse over https (TLS ends at a proxy in front of it, typically).
  if (authUrl?.startsWith("https:")) headers.push(["strict-transport-security", "max-age=31536000; includeSubDomains"]);
  return headers;
}
