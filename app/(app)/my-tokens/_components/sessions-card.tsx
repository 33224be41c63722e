import { LogOutIcon } from "lucide-react";
import { signOutEverywhereAction } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** How many browsers are signed in as this user, and the way to end them all (this one too). */
export function SessionsCard({ sessions }: { sessions: number }) {
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle className="text-base">Your sessions</CardTitle>
          <CardDescription>
            You are signed in {sessions === 1 ? "in 1 browser" : `in ${sessions} browsers`}. Lost a device, or signed in somewhere shared? End
            every session, this one too.
          </CardDescription>
        </div>
        <form action={signOutEverywhereAction}>
          <Button type="submit" variant="outline">
            <LogOutIcon aria-hidden="true" /> Sign out everywhere
          </Button>
        </form>
      </CardHeader>
    </Card>
  );
}
