import { and, eq, isNull } from "drizzle-orm";
import { mcpServers } from "@/db/schema";

/**
 * A server that tokens may name and OAuth may reach: enabled and not archived. Verification
 * checks the same two columns on its own path (lib/verify/core.ts, authenticateServer).
 */
export const serverInService = and(eq(mcpServers.status, "active"), isNull(mcpServers.archivedAt))!;
