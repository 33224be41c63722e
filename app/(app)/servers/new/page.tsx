import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { RegisterServerForm } from "./register-form";

export const metadata: Metadata = { title: "Register an MCP server" };

export default async function NewServerPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader
        title="Register an MCP server"
        description="Gatehouse issues the server a credential with which it verifies each request's token. You will see the credential once."
      />
      <RegisterServerForm />
    </>
  );
}
