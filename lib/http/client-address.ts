/**
 * The client's address: the socket's peer, or behind trusted reverse proxies (TRUST_PROXY) the
 * right-most X-Forwarded-For entry that is not itself one of them. server.ts resolves it once
 * per request, for the fast path's rate limits and audit rows, and hands it to Next in
 * x-gatehouse-client-ip (overwriting whatever the client sent). No "server-only": server.ts
 * runs this under plain Node.
 */
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

export const CLIENT_IP_HEADER = "x-gatehouse-client-ip";

// More hops than any real proxy chain: the rest of a longer header is not looked at.
const MAX_FORWARDED_HOPS = 32;

function family(address: string): "ipv4" | "ipv6" | null {
  const v = isIP(address);
  return v === 4 ? "ipv4" : v === 6 ? "ipv6" : null;
}

/** TRUST_PROXY's value (comma-separated addresses and CIDRs, IPv4 or IPv6), or the first entry that is neither. */
export function parseTrustedProxies(value: string): { ok: true; proxies: BlockList } | { ok: false; entry: string } {
  const proxies = new BlockList();
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const slash = entry.indexOf("/");
    const address = slash < 0 ? entry : entry.slice(0, slash);
    const type = family(address);
    if (!type) return { ok: false, entry };
    if (slash < 0) {
      proxies.addAddress(address, type);
      continue;
    }
    const bits = entry.slice(slash + 1);
    const prefix = Number(bits);
    if (!/^\d{1,3}$/.test(bits) || prefix > (type === "ipv4" ? 32 : 128)) return { ok: false, entry };
    proxies.addSubnet(address, prefix, type);
  }
  return { ok: true, proxies };
}

function trusted(proxies: BlockList, address: string): boolean {
  const type = family(address);
  return type !== null && proxies.check(address, type);
}

/**
 * The address to limit and audit. X-Forwarded-For counts only when the peer is a trusted proxy;
 * then it is read from the right (each proxy appends the address it saw), and the first entry
 * not itself trusted is the client. An entry that is not an address ends the walk at the last
 * trusted hop: what lies left of it was written by the client and proves nothing.
 */
export function resolveClientAddress(peer: string | null | undefined, forwardedFor: string | string[] | undefined, proxies: BlockList | null): string | null {
  if (!peer) return null;
  if (!proxies || forwardedFor === undefined || !trusted(proxies, peer)) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  let client = peer;
  for (let i = hops.length - 1, seen = 0; i >= 0 && seen < MAX_FORWARDED_HOPS; i--, seen++) {
    const hop = hops[i]!.trim();
    if (family(hop) === null) break;
    client = hop;
    if (!trusted(proxies, hop)) break;
  }
  return client;
}

/** For server.ts: resolves the request's client address and hands it on to Next, overwriting whatever the client sent. */
export function admitClientAddress(req: IncomingMessage, proxies: BlockList | null): string | null {
  const address = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxies);
  req.headers[CLIENT_IP_HEADER] = address ?? "";
  return address;
}

/** In Next: the address server.ts resolved; none when Gatehouse runs without server.ts (`next dev`). */
export function clientAddressFromHeaders(headers: { get(name: string): string | null }): string | null {
  return headers.get(CLIENT_IP_HEADER) || null;
}
