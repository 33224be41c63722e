import type { Metadata } from "next";
import { UsersIcon } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { listUsersForAdmin } from "@/lib/users/queries";
import { InviteUserDialog } from "./invite-user-dialog";
import { UserRow } from "./user-row";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const me = await requireAdmin();
  const users = listUsersForAdmin();
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to Gatehouse. Admins manage tokens, servers and users; users manage their own tokens."
        actions={<InviteUserDialog />}
      />
      {users.length === 0 ? (
        <EmptyState icon={<UsersIcon />} title="No users yet" description="Invite someone to get started." action={<InviteUserDialog />} />
      ) : (
        <div className="rounded-xl border bg-card">
          <Table aria-label="Users">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Name</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden lg:table-cell">Sign-in</TableHead>
                <TableHead className="hidden md:table-cell">Last sign-in</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={{ ...user, lastSignInAt: user.lastSignInAt?.toISOString() ?? null }}
                  isMe={user.id === me.id}
                />
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
