import { handleRevocation } from "@/lib/oauth/endpoints";
import { oauthRoute } from "@/lib/oauth/route";

export const dynamic = "force-dynamic";
const handler = oauthRoute((req) => handleRevocation(req));
export { handler as POST, handler as OPTIONS, handler as GET, handler as PUT, handler as PATCH, handler as DELETE };
