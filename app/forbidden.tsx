import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { Button } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="grid min-h-[60vh] place-items-center p-8">
      <div className="max-w-md text-center">
        <ShieldAlert aria-hidden="true" className="mx-auto mb-4 size-10 text-muted-foreground" />
        <h1 className="text-xl font-semibold">Not allowed</h1>
        <p className="mt-2 text-sm text-muted-foreground">
          This page is for administrators. If you need access, ask an administrator of your Gatehouse.
        </p>
        <Button asChild variant="outline" className="mt-6">
          <Link href="/my-tokens">Go to My tokens</Link>
        </Button>
      </div>
    </main>
  );
}
