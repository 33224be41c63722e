import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { serverTies } from "@/lib/servers/ties";
import { adminServer, type ServerPageProps } from "../admin-server";
import { EditServerForm } from "./edit-server-form";

export async function generateMetadata(props: ServerPageProps): Promise<Metadata> {
  return { title: `Edit ${(await adminServer(props)).server.name} (MCP server)` };
}

export default async function EditServerPage(props: ServerPageProps) {
  const { admin, server } = await adminServer(props);
  // An archived server is kept as it was; its page offers Restore.
  if (server.archivedAt) redirect(`/servers/${server.slug}`);
  const ties = serverTies(admin, server.id);
  return (
    <>
      <Link href={`/servers/${server.slug}`} className="mb-4 inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon aria-hidden="true" className="size-4" />
        {server.name}
      </Link>
      <PageHeader title={`Edit ${server.name}`} description="Each change is recorded in the audit log with what it was before. The slug stays: servers name it in HTTP Basic auth." />
      <EditServerForm
        server={{ id: server.id, slug: server.slug, name: server.name, url: server.url, deployment: server.deployment }}
        audience={{ boundTokens: ties.liveBoundTokens, allServerTokens: ties.allServerTokens, oauthGrants: ties.liveOauthGrants }}
      />
    </>
  );
}
