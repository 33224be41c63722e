import { BlockList, isIP } from "node:net";

/**
 * Which addresses Gatehouse refuses to connect to when it fetches something a client named (a
 * Client ID Metadata Document, a jwks_uri): anything that is not a public unicast address, so a
 * client_id cannot make Gatehouse reach its own loopback, the private network it sits in, or a
 * cloud metadata service (169.254.169.254). IPv4-mapped IPv6 (::ffff:10.0.0.1) is checked as the
 * IPv4 address it carries (node's BlockList does so).
 */
type Range = readonly [address: string, prefix: number, family: "ipv4" | "ipv6"];

const RANGES: Record<string, readonly Range[]> = {
  unspecified: [["0.0.0.0", 8, "ipv4"], ["::", 128, "ipv6"]],
  loopback: [["127.0.0.0", 8, "ipv4"], ["::1", 128, "ipv6"]],
  private: [["10.0.0.0", 8, "ipv4"], ["172.16.0.0", 12, "ipv4"], ["192.168.0.0", 16, "ipv4"], ["fc00::", 7, "ipv6"], ["fec0::", 10, "ipv6"]],
  "link-local": [["169.254.0.0", 16, "ipv4"], ["fe80::", 10, "ipv6"]],
  "shared address space (CGNAT)": [["100.64.0.0", 10, "ipv4"]],
  multicast: [["224.0.0.0", 4, "ipv4"], ["ff00::", 8, "ipv6"]],
  // IETF protocol assignments, documentation, benchmarking, reserved and broadcast (RFC 6890).
  reserved: [
    ["192.0.0.0", 24, "ipv4"], ["192.0.2.0", 24, "ipv4"], ["198.18.0.0", 15, "ipv4"], ["198.51.100.0", 24, "ipv4"],
    ["203.0.113.0", 24, "ipv4"], ["240.0.0.0", 4, "ipv4"], ["2001:db8::", 32, "ipv6"], ["100::", 64, "ipv6"],
  ],
  // Prefixes that carry an IPv4 address inside (NAT64, 6to4, Teredo): refused whole rather than decoded.
  "IPv4 embedded in IPv6": [["64:ff9b::", 96, "ipv6"], ["64:ff9b:1::", 48, "ipv6"], ["2002::", 16, "ipv6"], ["2001::", 32, "ipv6"]],
};

const LISTS = Object.entries(RANGES).map(([reason, ranges]) => {
  const list = new BlockList();
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
  return [reason, list] as const;
});

/**
 * Why `address` may not be connected to, or null when it is a public address. `allowLoopback`
 * (OAUTH_METADATA_ALLOW_LOOPBACK, tests only) lets loopback through, and nothing else.
 */
export function addressRefusal(address: string, options: { allowLoopback: boolean }): string | null {
  const bare = address.replace(/%.*$/, ""); // an IPv6 zone id (fe80::1%eth0) says nothing about the range
  const version = isIP(bare);
  if (version === 0) return "not an IP address";
  const family = version === 4 ? "ipv4" : "ipv6";
  for (const [reason, list] of LISTS) {
    if (!list.check(bare, family)) continue;
    if (reason === "loopback" && options.allowLoopback) return null;
    return reason;
  }
  return null;
}
