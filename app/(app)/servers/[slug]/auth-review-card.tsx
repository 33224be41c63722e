import { CircleAlertIcon, CircleCheckIcon, CircleDashedIcon, TriangleAlertIcon } from "lucide-react";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CheckStatus, ReviewCheck } from "@/lib/servers/auth-review";

const STATUSES: Record<CheckStatus, { Icon: typeof CircleCheckIcon; className: string; label: string; variant: BadgeProps["variant"] }> = {
  pass: { Icon: CircleCheckIcon, className: "text-success", label: "Passes", variant: "success" },
  warn: { Icon: TriangleAlertIcon, className: "text-warning", label: "Needs attention", variant: "warning" },
  fail: { Icon: CircleAlertIcon, className: "text-destructive", label: "Fails", variant: "destructive" },
  // Neither good nor bad news: the check has nothing to judge yet.
  none: { Icon: CircleDashedIcon, className: "text-muted-foreground", label: "No evidence yet", variant: "muted" },
};

/** The auth review checklist, computed live from this server's configuration and audit log. */
export function AuthReviewCard({ checks }: { checks: ReviewCheck[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Auth review</CardTitle>
        <CardDescription>Live checks of how this server authenticates, against its tokens and the audit log.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-4">
          {checks.map((c) => {
            const { Icon, className, label, variant } = STATUSES[c.status];
            return (
              <li key={c.id} className="flex gap-3" data-check={c.id} data-status={c.status}>
                <Icon aria-hidden="true" className={`mt-0.5 size-5 shrink-0 ${className}`} />
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm font-medium">
                    {c.title}
                    <Badge variant={variant}>{label}</Badge>
                  </p>
                  <p className="text-sm text-muted-foreground">{c.detail}</p>
                </div>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
