import { DAY_MS } from "@/lib/tokens/duration";

/**
 * How long each OAuth artefact lives. Access tokens are short because a refresh is cheap and a
 * stolen access token then ages out on its own; refresh tokens end when idle and absolutely.
 */
export const OAUTH_LIFETIMES = {
  accessTokenMs: 60 * 60 * 1000,
  codeMs: 2 * 60 * 1000,
  requestMs: 10 * 60 * 1000,
  refreshIdleMs: 30 * DAY_MS,
  refreshAbsoluteMs: 90 * DAY_MS,
} as const;
