"use client";

import { useState, useTransition } from "react";
import { LogOutIcon } from "lucide-react";
import { endUserSessionAction, signOutUserEverywhereAction } from "@/app/actions/users";
import { useNotice } from "@/components/notice";
import { TimeText } from "@/components/time-text";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ActionState } from "@/lib/validation/action-state";

export type SessionView = { handle: string; createdAt: string; expiresAt: string; clientIp: string | null; userAgent: string | null };

/** The browsers a user is signed in on; an admin ends one, or all of them. Ending one signs that browser out at its next request. */
export function UserSessions({ user, sessions, isMe }: { user: { id: string; name: string }; sessions: SessionView[]; isMe: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const notify = useNotice();

  function run(change: () => Promise<ActionState<unknown>>, done: string) {
    setError(null);
    startTransition(async () => {
      const result = await change();
      if (result.error) return setError(result.error);
      notify(done);
    });
  }

  return (
    <Card aria-busy={pending || undefined}>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle className="text-base">Sessions</CardTitle>
          <CardDescription>
            {sessions.length === 0 ? "Not signed in anywhere." : `Signed in ${sessions.length === 1 ? "in 1 browser" : `in ${sessions.length} browsers`}.`}
            {isMe && sessions.length > 0 && " One of them is this one."}
          </CardDescription>
        </div>
        {sessions.length > 0 && (
          <Button
            variant="outline"
            disabled={pending}
            onClick={() =>
              run(() => signOutUserEverywhereAction({ userId: user.id }), `${user.name} is signed out everywhere.`)
            }
          >
            <LogOutIcon aria-hidden="true" /> End all sessions
          </Button>
        )}
      </CardHeader>
      {(sessions.length > 0 || error) && (
        <CardContent className="grid gap-3">
          {error && (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          )}
          <ul aria-label={`Sessions of ${user.name}`} className="grid divide-y rounded-md border">
            {sessions.map((s) => (
              <li key={s.handle} data-testid="user-session" className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm">
                <div className="grid min-w-0 flex-1 gap-0.5">
                  <span>
                    Signed in <TimeText value={s.createdAt} />
                    {s.clientIp && <> from <span className="font-mono text-[13px]">{s.clientIp}</span></>}
                  </span>
                  {/* A user agent is long: cut to one line, whole on hover. */}
                  <span className="truncate text-[13px] text-muted-foreground" title={s.userAgent ?? undefined}>
                    {s.userAgent ?? "Unknown browser"}
                  </span>
                  <span className="text-[13px] text-muted-foreground">
                    Ends <TimeText value={s.expiresAt} />
                  </span>
                </div>
                <Button
                  size="sm"
                  variant="outline"
                  disabled={pending}
                  onClick={() => run(() => endUserSessionAction({ userId: user.id, handle: s.handle }), "Session ended: that browser is signed out.")}
                >
                  End session
                </Button>
              </li>
            ))}
          </ul>
        </CardContent>
      )}
    </Card>
  );
}
