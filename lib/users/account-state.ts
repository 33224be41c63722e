/**
 * What an account can do right now, as one word: the users page's badge and the CLI's
 * `users list` both say it through this function, so they can never disagree.
 */
export type AccountState = "active" | "invited" | "disabled" | "service";

export type AccountFacts = {
  status: "active" | "disabled";
  kind: "person" | "service";
  hasPassword: boolean;
  hasSso: boolean;
};

export function accountState(user: AccountFacts): AccountState {
  if (user.status === "disabled") return "disabled";
  if (user.kind === "service") return "service";
  // An invited person has neither set a password nor linked a single sign-on identity yet.
  if (!user.hasPassword && !user.hasSso) return "invited";
  return "active";
}

export const ACCOUNT_STATE_LABELS: Record<AccountState, string> = {
  active: "Active",
  invited: "Invited",
  disabled: "Disabled",
  service: "Service account",
};
