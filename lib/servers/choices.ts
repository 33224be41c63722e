import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { mcpServers } from "@/db/schema";

export type ServerChoice = { id: string; slug: string; name: string; url: string };

/** Active MCP servers, for pickers (a token's audience). Read-only. */
export function listServerChoices(): ServerChoice[] {
  return db()
    .select({ id: mcpServers.id, slug: mcpServers.slug, name: mcpServers.name, url: mcpServers.url })
    .from(mcpServers)
    .where(eq(mcpServers.status, "active"))
    .orderBy(asc(mcpServers.name))
    .all();
}
