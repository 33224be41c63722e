import type * as React from "react";
import type { Metadata } from "next";
import { ThemeProvider } from "@/components/theme-provider";
import "./globals.css";

// Every page is rendered per request and never kept: pages are per-user, and a cached page (the
// 404 above all) would carry one visitor's URL to the next after any revalidatePath().
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  // Pages name themselves ("Tokens"); the template adds the product name.
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description: "Token administration for MCP servers.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <ThemeProvider>{children}</ThemeProvider>
      </body>
    </html>
  );
}
