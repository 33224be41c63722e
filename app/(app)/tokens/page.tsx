import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";

export default async function TokensPage() {
  await requireAdmin();
  return <PageHeader title="Tokens" description="Every MCP token issued in this Gatehouse." />;
}
