import { config } from "@/lib/config";

/** The address people use to reach Gatehouse, for links printed or shown to pass on. */
export function publicBaseUrl(): string {
  const { authUrl, port } = config();
  return (authUrl ?? `http://localhost:${port}`).replace(/\/$/, "");
}

export function inviteUrl(secret: string): string {
  return `${publicBaseUrl()}/invite/${secret}`;
}
