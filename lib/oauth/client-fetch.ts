import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction, Socket } from "node:net";
import { isIP } from "node:net";
import { addressRefusal } from "./public-address";

/**
 * The one way Gatehouse fetches something a client named (its Client ID Metadata Document, its
 * jwks_uri). The name is resolved inside the connection's own lookup and every address checked
 * there, so the socket connects to an address that was checked and a second DNS answer cannot
 * switch it (rebinding); the connected peer is checked again. No redirect is followed, the body
 * is capped and the whole exchange has a deadline. docs/OAUTH.md has the figures.
 */
export const CLIENT_FETCH_LIMITS = {
  maxBytes: 5 * 1024,
  timeoutMs: 5_000,
  // Cache-Control max-age is honoured up to this; without one a document is kept this long.
  maxCacheMs: 24 * 60 * 60 * 1000,
  defaultCacheMs: 5 * 60 * 1000,
} as const;

export type ClientFetchPolicy = {
  /** OAUTH_METADATA_ALLOW_LOOPBACK (tests only): http, and loopback addresses, become fetchable. */
  allowLoopback: boolean;
  /** Extra trusted CA (tests with their own certificate). */
  ca?: string;
  timeoutMs?: number;
};

export type ClientFetchRefusalReason = "url" | "address" | "dns" | "redirect" | "status" | "too_large" | "timeout" | "not_json" | "network";

export class ClientFetchRefusal extends Error {
  constructor(
    readonly reason: ClientFetchRefusalReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export type FetchedJson = { body: unknown; cacheMs: number };

/** How long a response may be reused (RFC 9111 §5.2.2): no-store and no-cache mean not at all. */
export function cacheLifetime(cacheControl: string | undefined): number {
  if (!cacheControl) return CLIENT_FETCH_LIMITS.defaultCacheMs;
  const directives = cacheControl.toLowerCase().split(",").map((d) => d.trim());
  if (directives.some((d) => d === "no-store" || d === "no-cache")) return 0;
  const maxAge = directives.find((d) => d.startsWith("max-age="));
  if (!maxAge) return CLIENT_FETCH_LIMITS.defaultCacheMs;
  const seconds = Number(maxAge.slice("max-age=".length));
  if (!Number.isFinite(seconds) || seconds < 0) return 0;
  return Math.min(seconds * 1000, CLIENT_FETCH_LIMITS.maxCacheMs);
}

/** Why a client-given URL cannot be fetched at all, or null: https (http only under the test setting), no credentials. */
export function fetchableUrlRefusal(target: string, policy: ClientFetchPolicy): string | null {
  if (!URL.canParse(target)) return "is not an absolute URL";
  const url = new URL(target);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && policy.allowLoopback)) return "is not an https URL";
  if (url.username || url.password) return "carries credentials";
  return null;
}

function checkedTarget(target: string, policy: ClientFetchPolicy): URL {
  const why = fetchableUrlRefusal(target, policy);
  if (why) throw new ClientFetchRefusal("url", why);
  const url = new URL(target);
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  // A literal address is connected to without a lookup, so it is checked here.
  if (isIP(literal)) refuseAddress(literal, url, policy);
  return url;
}

function refuseAddress(address: string, url: URL, policy: ClientFetchPolicy): void {
  const why = addressRefusal(address, policy);
  if (why) throw new ClientFetchRefusal("address", `resolves to a ${why} address`);
  // http is for a test server on this machine only.
  if (url.protocol === "http:" && addressRefusal(address, { allowLoopback: false }) !== "loopback") {
    throw new ClientFetchRefusal("url", "uses http on an address that is not loopback");
  }
}

/** A lookup that refuses a name if any of its addresses is refused, and answers with the checked ones. */
function checkingLookup(url: URL, policy: ClientFetchPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err || addresses.length === 0) return callback(new ClientFetchRefusal("dns", "does not resolve"), "", 4);
      try {
        for (const a of addresses) refuseAddress(a.address, url, policy);
      } catch (refusal) {
        return callback(refusal as Error, "", 4);
      }
      if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * GETs a JSON document from a URL a client gave, under the rules above. Refusals are
 * ClientFetchRefusal with a reason; a success says how long it may be cached.
 */
export function fetchClientJson(target: string, policy: ClientFetchPolicy): Promise<FetchedJson> {
  let url: URL;
  try {
    url = checkedTarget(target, policy);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise<FetchedJson>((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: "GET",
      headers: { accept: "application/json", "accept-encoding": "identity", "user-agent": "Gatehouse (OAuth client metadata)" },
      lookup: checkingLookup(url, policy),
      ca: policy.ca,
      agent: false, // a fresh connection each time: a pooled socket would skip the lookup
    });
    const fail = (refusal: ClientFetchRefusal) => {
      clearTimeout(timer);
      req.destroy(refusal);
      reject(refusal);
    };
    const timer = setTimeout(() => fail(new ClientFetchRefusal("timeout", `did not answer within ${(policy.timeoutMs ?? CLIENT_FETCH_LIMITS.timeoutMs) / 1000} s`)), policy.timeoutMs ?? CLIENT_FETCH_LIMITS.timeoutMs);
    req.on("socket", (socket: Socket) => {
      // The peer actually connected to, checked again: whatever resolved it, this is where the bytes go.
      socket.once("connect", () => {
        try {
          if (socket.remoteAddress) refuseAddress(socket.remoteAddress, url, policy);
        } catch (refusal) {
          fail(refusal as ClientFetchRefusal);
        }
      });
    });
    req.on("error", (err) => {
      clearTimeout(timer);
      if (err instanceof ClientFetchRefusal) return reject(err);
      const code = (err as NodeJS.ErrnoException).code ?? "";
      reject(new ClientFetchRefusal("network", code.includes("CERT") ? "has a TLS certificate that is not trusted" : "could not be reached"));
    });
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) return fail(new ClientFetchRefusal("redirect", `answered a redirect (${status}); redirects are not followed`));
      if (status !== 200) return fail(new ClientFetchRefusal("status", `answered HTTP ${status}`));
      if (Number(res.headers["content-length"] ?? 0) > CLIENT_FETCH_LIMITS.maxBytes) return fail(new ClientFetchRefusal("too_large", `is larger than ${CLIENT_FETCH_LIMITS.maxBytes} bytes`));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > CLIENT_FETCH_LIMITS.maxBytes) return fail(new ClientFetchRefusal("too_large", `is larger than ${CLIENT_FETCH_LIMITS.maxBytes} bytes`));
        chunks.push(chunk);
      });
      res.on("end", () => {
        clearTimeout(timer);
        if (size > CLIENT_FETCH_LIMITS.maxBytes) return;
        try {
          resolve({ body: JSON.parse(Buffer.concat(chunks).toString("utf8")), cacheMs: cacheLifetime(res.headers["cache-control"]) });
        } catch {
          reject(new ClientFetchRefusal("not_json", "is not JSON"));
        }
      });
    });
    req.end();
  });
}
