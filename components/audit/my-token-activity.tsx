import Link from "next/link";
import { reasonLabel } from "@/lib/audit/outcome";
import { TimeText } from "@/components/time-text";
import { ActivityIcon } from "lucide-react";
import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { eventsForOwner } from "@/lib/audit/queries";
import { requireUser } from "@/lib/auth/session";

export type MyTokenActivityProps = {
  /** Older-than cursor from the page's search params (`?activity_before=`), if any. */
  before?: string | string[];
  /** The page's own path, for the "Older" link. */
  basePath?: string;
};

/**
 * "Recent activity" for My tokens: the signed-in user's own tokens' events, and nothing else.
 * It asks for the user itself, so a caller cannot point it at someone else's tokens.
 */
export async function MyTokenActivity({ before, basePath = "/my-tokens" }: MyTokenActivityProps) {
  const user = await requireUser();
  const cursor = Number(Array.isArray(before) ? before[0] : before);
  const page = eventsForOwner(user, user.id, { before: Number.isSafeInteger(cursor) && cursor > 0 ? cursor : undefined, limit: 20 });
  return (
    <section aria-labelledby="my-token-activity" className="space-y-3">
      <h2 id="my-token-activity" className="text-base font-semibold tracking-tight">
        Recent activity
      </h2>
      {page.rows.length === 0 ? (
        <EmptyState icon={<ActivityIcon />} title="No activity yet" description="Calls made with your tokens will show up here." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Token</TableHead>
              <TableHead>Event</TableHead>
              <TableHead>Server · tool</TableHead>
              <TableHead>Outcome</TableHead>
              <TableHead>Reason</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.map((e) => (
              <TableRow key={e.seq}>
                <TableCell className="text-muted-foreground">
                  <TimeText value={e.ts} />
                </TableCell>
                <TableCell>{e.tokenName ?? e.tokenId}</TableCell>
                <TableCell className="font-mono text-[13px]">{e.type}</TableCell>
                <TableCell>
                  {e.serverName ?? e.serverId ?? "—"}
                  {e.tool && <span className="font-mono text-[13px] text-muted-foreground"> · {e.tool}</span>}
                </TableCell>
                <TableCell>
                  <AuditOutcomeBadge type={e.type} decision={e.decision} reason={e.reason} />
                </TableCell>
                <TableCell className="max-w-64 truncate text-muted-foreground" title={reasonLabel(e.reason) ?? undefined}>
                  {reasonLabel(e.reason) ?? "—"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {page.older !== null && (
        <Button asChild variant="outline" size="sm">
          <Link href={`${basePath}?activity_before=${page.older}`}>Older activity</Link>
        </Button>
      )}
    </section>
  );
}
