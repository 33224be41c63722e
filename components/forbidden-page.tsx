import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { StatusPage } from "./status-page";

export function ForbiddenPage() {
  return (
    <StatusPage
      icon={<ShieldAlert aria-hidden="true" className="mx-auto mb-4 size-10 text-muted-foreground" />}
      title="Not allowed"
      action={
        <Button asChild variant="outline">
          <Link href="/my-tokens">Go to My tokens</Link>
        </Button>
      }
    >
      This page is for administrators. If you need access, ask an administrator of your Gatehouse.
    </StatusPage>
  );
}
