import "server-only";
import { headers } from "next/headers";
import { clientAddressFromHeaders } from "./client-address";

export type RequestContext = { clientIp: string | null; userAgent: string | null };

/** Who is on the other end of the current request (the address as server.ts resolved it). */
export async function requestContext(): Promise<RequestContext> {
  const h = await headers();
  return { clientIp: clientAddressFromHeaders(h), userAgent: h.get("user-agent")?.slice(0, 512) ?? null };
}
