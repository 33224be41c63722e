import * as React from "react";
import Link from "next/link";
import { LogOutIcon, ShieldCheckIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { NavLinks } from "@/components/nav-links";
import { NoticeProvider } from "@/components/notice";

export type AppShellUser = { name: string; email: string; role: "admin" | "user" };

export type AppShellProps = {
  user: AppShellUser;
  /** A server action that signs the user out. */
  signOutAction: () => Promise<void>;
  children: React.ReactNode;
};

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => p?.[0]?.toUpperCase() ?? "").join("") || "?";
}

/**
 * Signed-in layout: sidebar on md+ screens, a top bar with a scrolling nav row below that.
 */
export function AppShell({ user, signOutAction, children }: AppShellProps) {
  return (
    <NoticeProvider>
      <div className="min-h-dvh md:flex">
        <a
          href="#main-content"
          className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:shadow-md focus:ring-2 focus:ring-ring focus:outline-none"
        >
          Skip to content
        </a>

        <aside className="border-b bg-sidebar md:w-64 md:shrink-0 md:border-r md:border-b-0">
          <div className="flex flex-wrap items-center md:sticky md:top-0 md:h-dvh md:flex-col md:flex-nowrap md:items-stretch">
            <Link
              href={user.role === "admin" ? "/tokens" : "/my-tokens"}
              className="order-1 mr-auto flex h-14 items-center gap-2.5 rounded-md px-4 font-semibold tracking-tight outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset md:mr-0 md:px-5"
            >
              <span className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground">
                <ShieldCheckIcon aria-hidden="true" className="size-4" />
              </span>
              Gatehouse
            </Link>

            <nav aria-label="Main" className="order-3 w-full px-2 pb-2 md:order-2 md:flex-1 md:overflow-y-auto md:px-3 md:py-2">
              <NavLinks role={user.role} />
            </nav>

            <div className="order-2 flex items-center gap-2 px-3 md:order-3 md:flex-col md:items-stretch md:gap-3 md:border-t md:p-3">
              <div className="hidden min-w-0 items-center gap-3 px-1 md:flex">
                <span
                  aria-hidden="true"
                  className="flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold text-muted-foreground"
                >
                  {initials(user.name)}
                </span>
                <div className="min-w-0 flex-1">
                  <div className="flex items-center gap-2">
                    <p className="truncate text-sm font-medium">{user.name}</p>
                    <Badge variant={user.role === "admin" ? "default" : "muted"} className="px-1.5 py-0 text-[11px]">
                      {user.role === "admin" ? "Admin" : "User"}
                    </Badge>
                  </div>
                  <p className="truncate text-xs text-muted-foreground" title={user.email}>
                    {user.email}
                  </p>
                </div>
              </div>
              <div className="flex items-center justify-between gap-2">
                <ThemeToggle />
                <form action={signOutAction}>
                  <Button type="submit" variant="ghost" size="sm" className="text-muted-foreground hover:text-foreground">
                    <LogOutIcon aria-hidden="true" />
                    <span className="sr-only md:not-sr-only">Sign out</span>
                  </Button>
                </form>
              </div>
            </div>
          </div>
        </aside>

        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 outline-none">
          <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 md:px-10 md:py-10">{children}</div>
        </main>
      </div>
    </NoticeProvider>
  );
}
