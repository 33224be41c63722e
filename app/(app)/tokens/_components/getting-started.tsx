import Link from "next/link";
import { CheckCircle2Icon, CircleIcon } from "lucide-react";
import { dismissGettingStartedAction } from "@/app/actions/onboarding";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { GettingStartedStep } from "@/lib/onboarding/getting-started";

/** The first admin's checklist, shown above the tokens until every step is done or she hides it. */
export function GettingStarted({ steps }: { steps: GettingStartedStep[] }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <Card className="mb-6" aria-labelledby="getting-started-title" role="region">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="grid gap-1">
          <CardTitle id="getting-started-title">Getting started</CardTitle>
          <CardDescription>
            {done} of {steps.length} done: from an empty Gatehouse to its first verified call.
          </CardDescription>
        </div>
        <form action={dismissGettingStartedAction}>
          <Button type="submit" variant="ghost" size="sm">
            Hide
          </Button>
        </form>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-2">
          {steps.map((s) => (
            <li key={s.id} data-step={s.id} data-done={s.done} className="flex items-center gap-2 text-sm">
              {s.done ? (
                <CheckCircle2Icon aria-hidden="true" className="size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
              ) : (
                <CircleIcon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
              )}
              {s.done ? (
                <span className="text-muted-foreground line-through">{s.title}</span>
              ) : (
                <Link href={s.href} className="font-medium underline-offset-4 hover:underline">
                  {s.title}
                </Link>
              )}
              <span className="sr-only">{s.done ? "(done)" : "(to do)"}</span>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
