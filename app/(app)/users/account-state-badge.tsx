import { Badge } from "@/components/ui/badge";
import { ACCOUNT_STATE_LABELS, accountState, type AccountFacts } from "@/lib/users/account-state";

const stateBadgeVariant = { active: "success", invited: "warning", disabled: "destructive", service: "secondary" } as const;

/** What an account can do right now, as the users list and a user's page both show it. */
export function AccountStateBadge({ user }: { user: AccountFacts }) {
  const state = accountState(user);
  return <Badge variant={stateBadgeVariant[state]}>{ACCOUNT_STATE_LABELS[state]}</Badge>;
}

export function RoleBadge({ role }: { role: "admin" | "user" }) {
  return <Badge variant={role === "admin" ? "default" : "secondary"}>{role === "admin" ? "Admin" : "User"}</Badge>;
}
