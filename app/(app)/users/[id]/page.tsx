import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEvents } from "@/lib/audit/queries";
import { requireAdmin } from "@/lib/auth/session";
import { requestContext } from "@/lib/http/request-context";
import { listConnectedApps } from "@/lib/oauth/connected-apps";
import { listTokensOwnedBy } from "@/lib/tokens/queries";
import { countRevokeAll } from "@/lib/tokens/revoke";
import { findUserForAdmin } from "@/lib/users/queries";
import { listLiveSessions } from "@/lib/users/sessions";
import { userIdSchema } from "@/lib/validation/users";
import { ConnectedApps } from "../../my-tokens/connected-apps";
import { RevokeAllDialog } from "../../tokens/_components/revoke-all-dialog";
import { AccountStateBadge, RoleBadge } from "../account-state-badge";
import { UserAccountActions } from "./user-account-actions";
import { UserActivity } from "./user-activity";
import { UserSessions } from "./user-sessions";
import { UserTokens } from "./user-tokens";
import { BackLink } from "@/components/back-link";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/** Admins only; an unknown or malformed id is the 404 page. */
async function shownUser({ params }: Props) {
  const admin = await requireAdmin();
  const id = userIdSchema.safeParse((await params).id);
  const user = id.success ? findUserForAdmin(admin, id.data) : undefined;
  if (!user) notFound();
  return { admin, user };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { user } = await shownUser(props);
  return { title: `${user.name} (user)` };
}

/** Everything about one user in one place: their tokens, what they did, where they are signed in, which apps they allowed. */
export default async function UserPage(props: Props) {
  const { admin, user } = await shownUser(props);
  const ctx = { actor: admin, ...(await requestContext()) };
  // The smallest page the log offers; the card shows its newest ten.
  const activity = await listAuditEvents(admin, { user: user.id }, { size: 25 });
  const sessions = listLiveSessions(user.id, ctx).map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString() }));
  const isMe = user.id === admin.id;

  return (
    <>
      <BackLink href="/users">All users</BackLink>
      {/* Two wide buttons beside the title would squeeze a long email into broken lines: they go under it. */}
      <PageHeader
        className="sm:flex-col 2xl:flex-row"
        title={user.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="break-all">{user.email}</span>
            <RoleBadge role={user.role} />
            <AccountStateBadge user={user} />
            {isMe && <Badge variant="outline">You</Badge>}
          </span>
        }
        actions={
          <>
            <UserAccountActions user={{ ...user, lastSignInAt: user.lastSignInAt?.toISOString() ?? null }} isMe={isMe} />
            <RevokeAllDialog email={user.email} {...countRevokeAll(user.id, admin)} />
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 [&>*]:min-w-0">
        <UserTokens tokens={listTokensOwnedBy(admin, user.id)} ownerEmail={user.email} />
        <UserActivity events={activity.rows.slice(0, 10)} userEmail={user.email} />
        {user.kind === "person" && <UserSessions user={{ id: user.id, name: user.name }} sessions={sessions} isMe={isMe} />}
        <ConnectedApps
          apps={listConnectedApps(admin, user.id)}
          intro={`Applications ${user.name} allowed to use an MCP server for them (OAuth). Disconnecting one ends its access at its next call.`}
          className=""
        />
      </div>
    </>
  );
}
