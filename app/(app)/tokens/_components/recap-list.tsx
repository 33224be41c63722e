import { cn } from "@/lib/cn";

/** A token's settings as term and value, read once more before (or right after) it is made. */
export function RecapList({ rows, className }: { rows: [term: string, value: string][]; className?: string }) {
  return (
    <dl className={cn("grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]", className)}>
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export const scopeText = (scope: "read" | "write") => (scope === "write" ? "Write: read and write tools" : "Read: read-only tools");
export const serversText = (servers: string[] | "all") => (servers === "all" ? "All MCP servers, including ones added later" : servers.join(", "));
