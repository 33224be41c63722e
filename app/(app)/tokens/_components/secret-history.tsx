import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TimeText } from "@/components/time-text";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SecretHistoryEntry } from "@/lib/tokens/queries";

const STATE = { current: ["Current", "success"], grace: ["In grace", "warning"], expired: ["Stopped", "muted"] } as const;

function SecretState({ state }: { state: SecretHistoryEntry["state"] }) {
  return <Badge variant={STATE[state][1]}>{STATE[state][0]}</Badge>;
}

/** The secrets this token has had: created, rotated out, stopped. Never their values. */
export function SecretHistory({ secrets }: { secrets: SecretHistoryEntry[] }) {
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle>Secret history</CardTitle>
        <CardDescription>Each rotation creates a new secret; only a fingerprint and a hint are kept.</CardDescription>
      </CardHeader>
      <CardContent>
        {secrets.length === 0 ? (
          <p className="text-sm text-muted-foreground">No secret yet: it is created when the owner claims the token.</p>
        ) : (
          <Table aria-label="Secret history">
            <TableHeader>
              <TableRow>
                <TableHead>Hint</TableHead>
                <TableHead className="max-sm:hidden">State</TableHead>
                <TableHead className="max-sm:hidden">Created</TableHead>
                <TableHead className="max-sm:hidden">Rotated out</TableHead>
                <TableHead>Works until</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {secrets.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <span className="font-mono text-xs whitespace-nowrap">{s.hint}</span>
                    {/* On a phone the state and time columns are hidden: the state shows under the hint. */}
                    <div className="mt-1 sm:hidden">
                      <SecretState state={s.state} />
                    </div>
                  </TableCell>
                  <TableCell className="max-sm:hidden">
                    <SecretState state={s.state} />
                  </TableCell>
                  <TableCell className="max-sm:hidden">
                    <TimeText value={s.createdAt} />
                  </TableCell>
                  <TableCell className="max-sm:hidden">
                    <TimeText value={s.rotatedAt} />
                  </TableCell>
                  <TableCell>
                    <TimeText value={s.expiresAt} fallback="Until rotated or revoked" />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
