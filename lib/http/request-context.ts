import "server-only";
import { headers } from "next/headers";

export type RequestContext = { clientIp: string | null; userAgent: string | null };

/**
 * Who is on the other end of the current request. server.ts sets x-gatehouse-client-ip
 * from the socket (overwriting anything the client sent); under `next dev` we fall back
 * to the x-forwarded-for that Next adds itself.
 */
export async function requestContext(): Promise<RequestContext> {
  const h = await headers();
  const ip = h.get("x-gatehouse-client-ip") ?? h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  return { clientIp: ip, userAgent: h.get("user-agent")?.slice(0, 512) ?? null };
}
