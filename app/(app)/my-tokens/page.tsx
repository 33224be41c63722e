import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export default async function MyTokensPage() {
  await requireUser();
  return <PageHeader title="My tokens" description="Your personal tokens for MCP servers." />;
}
