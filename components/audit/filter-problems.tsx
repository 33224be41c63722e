import Link from "next/link";
import { SearchXIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { describeProblem, type FilterProblem } from "@/lib/audit/resolve";

/**
 * What a filter value that names nothing, or several things, says instead of an empty result:
 * "not found", or the matches to choose from (each a link that keeps the other filters).
 */
export function FilterProblems({ problems, hrefWith }: { problems: FilterProblem[]; hrefWith: (field: FilterProblem["field"], id: string) => string }) {
  return (
    <div className="grid gap-3" data-testid="filter-problems">
      {problems.map((p) => (
        <Alert key={p.field} variant="warning" role="status">
          <SearchXIcon aria-hidden="true" />
          <AlertTitle>{p.kind === "not_found" ? "Not found" : "More than one match"}</AlertTitle>
          <AlertDescription>
            <p>{describeProblem(p)}</p>
            {p.kind === "ambiguous" && (
              <ul className="mt-1 grid gap-1" aria-label={`Matches for ${p.value}`}>
                {p.matches.map((m) => (
                  <li key={m.id}>
                    <Link href={hrefWith(p.field, m.id)} className="text-primary underline underline-offset-4">
                      {m.label}
                    </Link>{" "}
                    <span className="font-mono text-[13px] text-muted-foreground">{m.id}</span>
                  </li>
                ))}
              </ul>
            )}
          </AlertDescription>
        </Alert>
      ))}
    </div>
  );
}
