import Link from "next/link";
import { Button } from "@/components/ui/button";
import { StatusPage } from "./status-page";

export function NotFoundPage() {
  return (
    <StatusPage
      title="Page not found"
      action={
        <Button asChild variant="outline">
          <Link href="/">Go to Gatehouse</Link>
        </Button>
      }
    >
      There is nothing at this address, or it is not yours to see.
    </StatusPage>
  );
}
