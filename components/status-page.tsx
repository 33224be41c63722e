import type * as React from "react";

/**
 * The body of a "not allowed" or "not found" page. Inside the app shell it sits in the shell's
 * own <main>; the root-level pages (no shell) wrap it in one, so a page never has two.
 */
export function StatusPage({ icon, title, children, action }: { icon?: React.ReactNode; title: string; children: React.ReactNode; action: React.ReactNode }) {
  return (
    <div className="grid min-h-[60vh] place-items-center p-8">
      <div className="max-w-md text-center">
        {icon}
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-muted-foreground">{children}</p>
        <div className="mt-6">{action}</div>
      </div>
    </div>
  );
}
