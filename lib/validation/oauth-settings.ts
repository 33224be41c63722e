import { z } from "zod";

/** Who may let an OAuth app use write tools: only administrators, or everyone who may use the server. */
export const WRITE_APPROVERS = ["admins", "everyone"] as const;
export type WriteApprover = (typeof WRITE_APPROVERS)[number];

const whole = (label: string, unit: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${label}: enter a number of ${unit}` })
    .int(`${label}: whole ${unit} only`)
    .min(min, `${label}: at least ${min} ${unit}`)
    .max(max, `${label}: at most ${max} ${unit}`);

/**
 * The OAuth settings (Settings → OAuth, `oauth settings set`), stored as JSON under the
 * `oauth_settings` setting. Access tokens: 5 minutes to 24 hours (short, since a refresh is cheap);
 * refresh tokens end when unused for the idle lifetime, and at the latest the absolute one after
 * consent, at most a year.
 */
export const oauthSettingsSchema = z
  .object({
    writeApproval: z.enum(WRITE_APPROVERS, { message: "Choose who may allow apps to write" }),
    accessTokenMinutes: whole("Access token lifetime", "minutes", 5, 1440),
    refreshIdleDays: whole("Refresh token idle lifetime", "days", 1, 365),
    refreshAbsoluteDays: whole("Refresh token absolute lifetime", "days", 1, 365),
  })
  .superRefine((s, ctx) => {
    if (s.refreshIdleDays > s.refreshAbsoluteDays) {
      ctx.addIssue({ code: "custom", path: ["refreshIdleDays"], message: "Refresh token idle lifetime: cannot be longer than the absolute lifetime" });
    }
  });
export type OAuthSettings = z.output<typeof oauthSettingsSchema>;

/** The lifetimes part: what the token endpoint reads. */
export type OAuthLifetimeSettings = Omit<OAuthSettings, "writeApproval">;

export const DEFAULT_OAUTH_LIFETIMES: OAuthLifetimeSettings = { accessTokenMinutes: 60, refreshIdleDays: 30, refreshAbsoluteDays: 90 };
