import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="grid min-h-[60vh] place-items-center p-8">
      <div className="max-w-md text-center">
        <h1 className="text-xl font-semibold">Page not found</h1>
        <p className="mt-2 text-sm text-muted-foreground">There is nothing at this address, or it is not yours to see.</p>
        <Button asChild variant="outline" className="mt-6">
          <Link href="/">Go to Gatehouse</Link>
        </Button>
      </div>
    </main>
  );
}
