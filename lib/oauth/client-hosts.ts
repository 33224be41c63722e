import "server-only";
import { z } from "zod";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { auditActor, requireAdminActor, type ActorCtx } from "@/lib/auth/actor";
import { readSetting, writeSetting } from "@/lib/settings/store";

/**
 * Which hosts may be metadata-document clients (the host of an https client_id). An entry names
 * a host and its subdomains ("openai.com" covers "chatgpt.openai.com"). Blocked always wins;
 * when the allowed list is not empty, only its hosts are fetched at all.
 */
const KEY = "oauth_client_hosts";

const hostEntry = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, "must be a host name such as chatgpt.com");

export const clientHostPolicySchema = z.object({ allowed: z.array(hostEntry).max(200), blocked: z.array(hostEntry).max(200) });
export type ClientHostPolicy = z.infer<typeof clientHostPolicySchema>;

const OPEN: ClientHostPolicy = { allowed: [], blocked: [] };

export function readClientHostPolicy(): ClientHostPolicy {
  return readSetting(KEY, clientHostPolicySchema, OPEN);
}

const covers = (entry: string, host: string) => host === entry || host.endsWith(`.${entry}`);

/** Why a client_id's host may not be fetched under `policy`, or null when it may. */
export function clientHostRefusal(host: string, policy: ClientHostPolicy): string | null {
  const h = host.toLowerCase();
  if (policy.blocked.some((e) => covers(e, h))) return "its host is blocked by the client host setting";
  if (policy.allowed.length > 0 && !policy.allowed.some((e) => covers(e, h))) return "its host is not among the allowed client hosts";
  return null;
}

/** Saves the allowed and blocked client hosts (admins and the CLI), audited as policy.updated. */
export function saveClientHostPolicy(next: unknown, ctx: ActorCtx): ClientHostPolicy {
  requireAdminActor(ctx.actor);
  const policy = clientHostPolicySchema.parse(next);
  return transact((tx) => {
    const before = readClientHostPolicy();
    writeSetting(tx, KEY, policy, ctx.actor === "system" ? null : ctx.actor.id);
    recordAudit(tx, { type: "policy.updated", actor: auditActor(ctx.actor), decision: "success", clientIp: ctx.clientIp, userAgent: ctx.userAgent, details: { setting: KEY, before, after: policy } });
    return policy;
  });
}
