import * as React from "react";
import { ShieldCheckIcon } from "lucide-react";
import { cn } from "@/lib/cn";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export type AuthCardProps = {
  title: React.ReactNode;
  description?: React.ReactNode;
  children: React.ReactNode;
  /** Small print under the form, e.g. a link back to sign-in. */
  footer?: React.ReactNode;
  className?: string;
};

/** Full-height centered card for sign-in, first-run setup and invite pages. Renders <main> and an <h1>. */
export function AuthCard({ title, description, children, footer, className }: AuthCardProps) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-sidebar px-4 py-12 dark:bg-background">
      <div className={cn("w-full max-w-[26rem]", className)}>
        <div className="mb-6 flex items-center justify-center gap-2.5 text-lg font-semibold tracking-tight">
          <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground">
            <ShieldCheckIcon aria-hidden="true" className="size-[18px]" />
          </span>
          Gatehouse
        </div>
        <Card className="shadow-sm">
          <CardHeader>
            <CardTitle asChild>
              <h1 className="text-xl">{title}</h1>
            </CardTitle>
            {description && <CardDescription>{description}</CardDescription>}
          </CardHeader>
          <CardContent>{children}</CardContent>
          {footer && (
            <CardFooter className="justify-center border-t pt-6 text-sm text-muted-foreground">{footer}</CardFooter>
          )}
        </Card>
      </div>
    </main>
  );
}
