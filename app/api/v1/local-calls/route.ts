import { handleLocalCall } from "@/lib/verify/http";
import { routeHandler } from "@/lib/verify/web";

// The same handler as the fast path in server.ts (which answers this route in production).
export const dynamic = "force-dynamic";
const handler = routeHandler((req) => handleLocalCall(req));
export { handler as POST, handler as GET, handler as PUT, handler as PATCH, handler as DELETE };
