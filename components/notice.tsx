"use client";

import * as React from "react";
import { CheckCircle2Icon, XIcon } from "lucide-react";

type Notify = (message: string) => void;

const NoticeContext = React.createContext<Notify | null>(null);

// Long enough to read twice; the close button ends it sooner.
const NOTICE_MS = 10_000;

/**
 * The one way a page says "done" after a change that shows no other sign (a role, an enable, a
 * tool override). It lives in the signed-in layout, so a notice survives the navigation that
 * follows a change (e.g. an admin who removed her own role, sent to My tokens).
 */
export function NoticeProvider({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = React.useState<{ id: number; message: string } | null>(null);
  const notify = React.useCallback<Notify>((message) => setNotice({ id: Date.now(), message }), []);

  React.useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice((current) => (current?.id === notice.id ? null : current)), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <NoticeContext.Provider value={notify}>
      {children}
      {/* The live region is always in the page: screen readers announce only changes inside one that already exists. */}
      <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-4 bottom-4 z-[60] flex justify-center sm:inset-x-auto sm:right-6 sm:bottom-6">
        {notice && (
          <div
            key={notice.id}
            data-slot="notice"
            className="pointer-events-auto flex max-w-md items-start gap-3 rounded-lg border bg-popover px-4 py-3 text-sm text-popover-foreground shadow-lg"
          >
            <CheckCircle2Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
            <p className="flex-1 leading-relaxed">{notice.message}</p>
            <button
              type="button"
              onClick={() => setNotice(null)}
              className="-m-1 rounded-md p-1 text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
              aria-label="Dismiss notice"
            >
              <XIcon aria-hidden="true" className="size-4" />
            </button>
          </div>
        )}
      </div>
    </NoticeContext.Provider>
  );
}

/** Shows a confirmation after a change; outside the signed-in layout it is a bug caught early. */
export function useNotice(): Notify {
  const notify = React.useContext(NoticeContext);
  if (!notify) throw new Error("useNotice() needs a NoticeProvider above it");
  return notify;
}
