import type { Metadata } from "next";
import { UsersIcon } from "lucide-react";
import Link from "next/link";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { firstParam, type SearchParams } from "@/components/data-table/search-params";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { listUsersForAdmin } from "@/lib/users/queries";
import { searchTextSchema } from "@/lib/validation/search";
import { InviteUserDialog } from "./invite-user-dialog";
import { ServiceAccountDialog } from "./service-account-dialog";
import { UserRow } from "./user-row";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requireAdmin();
  const q = searchTextSchema.parse(firstParam(await searchParams, "q"));
  const users = listUsersForAdmin(me, q);
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to Gatehouse, and service accounts for programs. Admins manage tokens, servers and users; users manage their own tokens."
        actions={
          <div className="flex flex-wrap gap-2">
            <ServiceAccountDialog />
            <InviteUserDialog />
          </div>
        }
      />
      <DataTableSearch label="Search users" placeholder="Name, email or id (usr_…)" />
      {users.length === 0 && q ? (
        <EmptyState
          icon={<UsersIcon />}
          title={`No users match “${q}”`}
          description="Search looks in names, emails and ids."
          action={
            <Button variant="outline" asChild>
              <Link href="/users">Clear search</Link>
            </Button>
          }
        />
      ) : users.length === 0 ? (
        <EmptyState icon={<UsersIcon />} title="No users yet" description="Invite someone to get started." action={<InviteUserDialog />} />
      ) : (
        <div className="rounded-xl border bg-card">
          <Table aria-label="Users">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Name</TableHead>
                <TableHead className="max-sm:hidden">Role</TableHead>
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
