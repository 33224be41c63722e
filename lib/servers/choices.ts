import "server-only";
import { asc } from "drizzle-orm";
import { db } from "@/db/client";
import { mcpServers } from "@/db/schema";
import { serverInService } from "./in-service";
import { requireSignedInActor, type Actor } from "@/lib/auth/actor";

export type ServerChoice = { id: string; slug: string; name: string; url: string | null };

/** Active MCP servers, for pickers (a token's audience): anyone signed in may issue a token. */
export function listServerChoices(actor: Actor): ServerChoice[] {
  requireSignedInActor(actor);
  return db()
    .select({ id: mcpServers.id, slug: mcpServers.slug, name: mcpServers.name, url: mcpServers.url })
    .from(mcpServers)
    .where(serverInService)
    .orderBy(asc(mcpServers.name))
    .all();
}
