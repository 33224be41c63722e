"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  KeyRoundIcon,
  KeySquareIcon,
  PlugIcon,
  ScrollTextIcon,
  ServerIcon,
  SettingsIcon,
  UsersIcon,
  type LucideIcon,
} from "lucide-react";
import { cn } from "@/lib/cn";

type NavItem = { href: string; label: string; Icon: LucideIcon };

const adminItems: NavItem[] = [
  { href: "/tokens", label: "Tokens", Icon: KeyRoundIcon },
  { href: "/users", label: "Users", Icon: UsersIcon },
  { href: "/servers", label: "MCP servers", Icon: ServerIcon },
  { href: "/apps", label: "Apps", Icon: PlugIcon },
  { href: "/audit", label: "Audit log", Icon: ScrollTextIcon },
  { href: "/settings", label: "Settings", Icon: SettingsIcon },
];

const personalItems: NavItem[] = [{ href: "/my-tokens", label: "My tokens", Icon: KeySquareIcon }];

function isActive(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

function Section({ id, title, items, pathname }: { id: string; title?: string; items: NavItem[]; pathname: string }) {
  return (
    <div className="flex shrink-0 md:block md:space-y-1">
      {title && (
        <p id={id} className="hidden px-2.5 pt-2 text-xs font-medium text-muted-foreground md:block">
          {title}
        </p>
      )}
      <ul aria-labelledby={title ? id : undefined} className="flex gap-1 md:flex-col md:gap-0.5">
        {items.map(({ href, label, Icon }) => {
          const active = isActive(pathname, href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
                  active && "bg-accent text-foreground",
                )}
              >
                <Icon aria-hidden="true" className={cn("size-4 shrink-0", active && "text-primary")} />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Main navigation links; highlights the current route. Render inside <nav aria-label="Main">. */
export function NavLinks({ role }: { role: "admin" | "user" }) {
  const pathname = usePathname() ?? "";
  const strip = React.useRef<HTMLDivElement>(null);
  // On a phone the nav is one scrolling row: bring the current page's item into view, on arrival
  // and whenever the row changes width (a window turned or resized from a laptop's width).
  React.useEffect(() => {
    const el = strip.current;
    if (!el) return;
    const center = () => {
      const current = el.querySelector<HTMLElement>('[aria-current="page"]');
      if (current && el.scrollWidth > el.clientWidth) el.scrollLeft = current.offsetLeft - (el.clientWidth - current.offsetWidth) / 2;
    };
    center();
    const observer = new ResizeObserver(center);
    observer.observe(el);
    return () => observer.disconnect();
  }, [pathname]);
  return (
    <div ref={strip} className="relative flex gap-1 overflow-x-auto md:flex-col md:gap-4 md:overflow-visible">
      {role === "admin" && <Section id="nav-admin" title="Administration" items={adminItems} pathname={pathname} />}
      <Section
        id="nav-personal"
        title={role === "admin" ? "Account" : undefined}
        items={personalItems}
        pathname={pathname}
      />
    </div>
  );
}
