import { handleMetadata } from "@/lib/oauth/endpoints";
import { oauthRoute } from "@/lib/oauth/route";

// Issuer = AUTH_URL, read when asked (never the Host header), so nothing here may be prerendered.
export const dynamic = "force-dynamic";
const handler = oauthRoute((req) => handleMetadata(req));
export { handler as GET, handler as HEAD, handler as OPTIONS, handler as POST };
