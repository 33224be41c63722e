import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

type Server = { slug: string; name: string; url: string | null; deployment: string; acceptsOAuth: boolean; status: "active" | "disabled" };

function ServerLinks({ servers, label }: { servers: Server[]; label: string }) {
  return (
    <ul className="grid gap-2" aria-label={label}>
      {servers.map((s) => (
        <li key={s.slug} className="min-w-0 text-sm">
          <Link href={`/servers/${s.slug}`} className="font-medium text-primary underline-offset-4 hover:underline">
            {s.name}
          </Link>
          {/* A disabled server refuses every token, OAuth or not. */}
          {s.status === "disabled" && <span className="text-muted-foreground"> (disabled)</span>}
          <span className="block break-all font-mono text-xs text-muted-foreground">{s.url}</span>
        </li>
      ))}
    </ul>
  );
}

/** Which servers accept OAuth clients: a per-server setting, changed on each server's edit page. */
export function OAuthServersCard({ servers }: { servers: Server[] }) {
  const accepting = servers.filter((s) => s.acceptsOAuth);
  const closed = servers.filter((s) => !s.acceptsOAuth && s.deployment === "remote");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Servers that accept OAuth clients</CardTitle>
        <CardDescription>Turn it on or off on a server&apos;s edit page. Only remote servers can accept OAuth clients; turning it off ends the server&apos;s grants at once.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {accepting.length === 0 ? <p className="text-sm text-muted-foreground">No server accepts OAuth clients.</p> : <ServerLinks servers={accepting} label="Servers that accept OAuth clients" />}
        {closed.length > 0 && (
          <div className="grid gap-2">
            <h3 className="text-sm font-medium">Remote servers with OAuth off</h3>
            <ServerLinks servers={closed} label="Remote servers with OAuth off" />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
