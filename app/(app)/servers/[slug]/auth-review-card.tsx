import { CircleAlertIcon, CircleCheckIcon, TriangleAlertIcon } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CheckStatus, ReviewCheck } from "@/lib/servers/auth-review";

const ICONS: Record<CheckStatus, { Icon: typeof CircleCheckIcon; className: string; label: string }> = {
  pass: { Icon: CircleCheckIcon, className: "text-success", label: "Passes" },
  warn: { Icon: TriangleAlertIcon, className: "text-warning", label: "Needs attention" },
  fail: { Icon: CircleAlertIcon, className: "text-destructive", label: "Fails" },
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
            const { Icon, className, label } = ICONS[c.status];
            return (
              <li key={c.id} className="flex gap-3" data-check={c.id} data-status={c.status}>
                <Icon aria-hidden="true" className={`mt-0.5 size-5 shrink-0 ${className}`} />
                <div className="min-w-0">
                  <p className="text-sm font-medium">
                    {c.title} <span className="sr-only">— {label}</span>
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
