import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BackLink } from "@/components/back-link";
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
      <BackLink href={`/servers/${server.slug}`}>{server.name}</BackLink>
      <PageHeader title={`Edit ${server.name}`} description="Each change is recorded in the audit log with what it was before. The slug stays: servers name it in HTTP Basic auth." />
      <EditServerForm
        server={{ id: server.id, slug: server.slug, name: server.name, url: server.url, deployment: server.deployment, acceptsOAuth: server.acceptsOAuth }}
        audience={{ boundTokens: ties.liveBoundTokens, allServerTokens: ties.allServerTokens, oauthGrants: ties.liveOauthGrants }}
      />
    </>
  );
}
