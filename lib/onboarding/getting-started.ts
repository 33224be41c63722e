import "server-only";
import { z } from "zod";
import { db } from "@/db/client";
import { transact } from "@/db/transaction";
import { requireAdminActor, type Actor } from "@/lib/auth/actor";
import { readSetting, writeSetting } from "@/lib/settings/store";

/**
 * The first admin's checklist after setup: the four steps from an empty Gatehouse to its first
 * verified call, each ticked off by what the database shows, until all are done or she hides it.
 */
export type GettingStartedStep = { id: "server" | "people" | "token" | "call"; title: string; href: string; done: boolean };

const dismissedKey = (userId: string) => `getting_started_dismissed:${userId}`;

function exists(sql: string): boolean {
  return db().$client.prepare(`SELECT EXISTS (${sql})`).pluck().get() === 1;
}

/** The checklist, or null once every step is done or this admin dismissed it. */
export function gettingStarted(actor: Actor): GettingStartedStep[] | null {
  requireAdminActor(actor);
  if (actor !== "system" && readSetting(dismissedKey(actor.id), z.boolean(), false)) return null;
  const steps: GettingStartedStep[] = [
    { id: "server", title: "Register an MCP server", href: "/servers/new", done: exists("SELECT 1 FROM mcp_servers") },
    { id: "people", title: "Invite the people who will use it", href: "/users", done: exists("SELECT 1 FROM users WHERE kind = 'person' LIMIT 1 OFFSET 1") },
    { id: "token", title: "Issue a token", href: "/tokens/new", done: exists("SELECT 1 FROM tokens") },
    // A token's last use is written by verification itself: the first call Gatehouse let through.
    { id: "call", title: "See the first verified call", href: "/audit", done: exists("SELECT 1 FROM tokens WHERE last_used_at IS NOT NULL") },
  ];
  return steps.every((s) => s.done) ? null : steps;
}

/** Hides the checklist for this admin (a preference of hers, not a change to anyone's access). */
export function dismissGettingStarted(actor: Actor): void {
  requireAdminActor(actor);
  if (actor === "system") return;
  transact((tx) => writeSetting(tx, dismissedKey(actor.id), true, actor.id));
}
