import { cachedSetting } from "@/lib/settings/cached";
import { DAY_MS, MINUTE_MS } from "@/lib/tokens/duration";
import { DEFAULT_OAUTH_LIFETIMES, oauthSettingsSchema } from "@/lib/validation/oauth-settings";

/** The key the OAuth settings are stored under (lib/oauth/settings.ts saves them). */
export const OAUTH_SETTINGS_KEY = "oauth_settings";

/** Steps of the flow, fixed: a code is redeemed within seconds, a consent page answered within minutes. */
export const OAUTH_STEP_LIFETIMES = { codeMs: 2 * 60 * 1000, requestMs: 10 * 60 * 1000 } as const;

export type OAuthLifetimes = { accessTokenMs: number; refreshIdleMs: number; refreshAbsoluteMs: number };

export const readStoredOAuthSettings = cachedSetting(OAUTH_SETTINGS_KEY, oauthSettingsSchema);

/**
 * How long what is issued now lives (Settings → OAuth). Each grant and refresh token stores its
 * end when issued, so a change applies from the next issue on. Access tokens are short because a
 * refresh is cheap and a stolen access token then ages out on its own.
 */
export function oauthLifetimes(): OAuthLifetimes {
  const s = readStoredOAuthSettings() ?? DEFAULT_OAUTH_LIFETIMES;
  return { accessTokenMs: s.accessTokenMinutes * MINUTE_MS, refreshIdleMs: s.refreshIdleDays * DAY_MS, refreshAbsoluteMs: s.refreshAbsoluteDays * DAY_MS };
}
