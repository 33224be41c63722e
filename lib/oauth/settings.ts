import "server-only";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { auditActor, requireAdminActor, type ActorCtx } from "@/lib/auth/actor";
import { readTokenPolicy } from "@/lib/policy/store";
import { writeSetting } from "@/lib/settings/store";
import { DEFAULT_OAUTH_LIFETIMES, oauthSettingsSchema, type OAuthSettings } from "@/lib/validation/oauth-settings";
import { OAUTH_SETTINGS_KEY, readStoredOAuthSettings } from "./lifetimes";

/**
 * The OAuth settings in force. Until an admin saves them, who may allow write follows the token
 * policy's highest scope for users, as OAuth did before it had a setting of its own.
 */
export function readOAuthSettings(): OAuthSettings {
  return readStoredOAuthSettings() ?? { ...DEFAULT_OAUTH_LIFETIMES, writeApproval: readTokenPolicy().userMaxScope === "write" ? "everyone" : "admins" };
}

/** Saves the OAuth settings (admins and the CLI), audited as policy.updated with what changed. */
export function saveOAuthSettings(next: unknown, ctx: ActorCtx): OAuthSettings {
  requireAdminActor(ctx.actor);
  const settings = oauthSettingsSchema.parse(next);
  return transact((tx) => {
    const before = readOAuthSettings();
    const changed = (Object.keys(settings) as (keyof OAuthSettings)[]).filter((k) => settings[k] !== before[k]);
    writeSetting(tx, OAUTH_SETTINGS_KEY, settings, ctx.actor === "system" ? null : ctx.actor.id);
    recordAudit(tx, {
      type: "policy.updated",
      actor: auditActor(ctx.actor),
      decision: "success",
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
      details: { setting: OAUTH_SETTINGS_KEY, changed, before, after: settings },
    });
    return settings;
  });
}
