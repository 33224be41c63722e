import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AdminGrant } from "@/lib/oauth/admin";
import { GrantsTable } from "../../apps/grants-table";

/** The OAuth grants people gave apps on this server; Revoke ends one at the app's next call. */
export function ConnectedAppsCard({ grants }: { grants: AdminGrant[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Connected apps</CardTitle>
        <CardDescription>
          Apps people allowed to use this server for them, through OAuth. Every app and grant is on{" "}
          <Link href="/apps" className="text-primary underline underline-offset-4">
            Apps
          </Link>
          .
        </CardDescription>
      </CardHeader>
      <CardContent>
        {grants.length === 0 ? (
          <p className="text-sm text-muted-foreground">No app connects to this server through OAuth right now.</p>
        ) : (
          <GrantsTable grants={grants} showServer={false} />
        )}
      </CardContent>
    </Card>
  );
}
