"use client";

import * as React from "react";
import { TimeText } from "@/components/time-text";
import { LinkIcon, ShieldAlertIcon, ShieldCheckIcon, ShieldQuestionIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { verifyChainAction, type ChainVerdict } from "../actions";

export type ChainStatusProps = {
  head: { seq: number; hash: string };
  start: { seq: number; hash: string };
  stored: number;
};

// Kept for the browser tab's session, so the verdict survives leaving the page and coming back.
const REMEMBERED = "gatehouse.audit-chain-verdict";
const noSubscription = () => () => {};

function rememberedVerdict(text: string | null): ChainVerdict | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as ChainVerdict;
  } catch {
    return null;
  }
}

/** This page's verdict once there is one; until then, the last one this tab saw. */
function useVerdict(fresh: ChainVerdict): ChainVerdict {
  const stored = React.useSyncExternalStore(noSubscription, () => sessionStorage.getItem(REMEMBERED), () => null);
  React.useEffect(() => {
    if (fresh.state !== "idle") sessionStorage.setItem(REMEMBERED, JSON.stringify(fresh));
  }, [fresh]);
  return fresh.state !== "idle" ? fresh : (rememberedVerdict(stored) ?? fresh);
}

function Verdict({ verdict, headSeq }: { verdict: ChainVerdict; headSeq: number }) {
  if (verdict.state === "idle") {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <ShieldQuestionIcon aria-hidden="true" className="size-4" /> Not verified in this session. Verification walks every stored event.
      </p>
    );
  }
  if (verdict.state === "ok") {
    return (
      <p className="flex items-start gap-2 text-sm font-medium text-success">
        <ShieldCheckIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        {/* One flex item, so the sentence wraps as a sentence on a phone. */}
        <span>
          Verified: {verdict.count.toLocaleString("en")} events link up
          {verdict.headSeq !== null && ` to event ${verdict.headSeq}`} (<TimeText value={verdict.checkedAt} />).
          {verdict.headSeq !== null && headSeq > verdict.headSeq && <span className="font-normal text-muted-foreground"> Newer events are not verified yet.</span>}
        </span>
      </p>
    );
  }
  return (
    <p className="flex items-center gap-2 text-sm font-medium text-destructive">
      <ShieldAlertIcon aria-hidden="true" className="size-4" /> Broken at event {verdict.badSeq}: {verdict.problem}.
    </p>
  );
}

/** The chain's head (always shown, cheap) and an on-demand full verification. */
export function ChainStatus({ head, start, stored }: ChainStatusProps) {
  const [fresh, verify, pending] = React.useActionState(verifyChainAction, { state: "idle" });
  const verdict = useVerdict(fresh);
  const checkpoint = `${head.seq}:${head.hash}`;
  return (
    <section aria-labelledby="chain-status-title" className="grid gap-3 rounded-xl border bg-card p-5 shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 id="chain-status-title" className="flex items-center gap-2 text-base font-semibold tracking-tight">
            <LinkIcon aria-hidden="true" className="size-4" /> Hash chain
          </h2>
          <p className="text-sm text-muted-foreground">
            Head at event <span className="font-medium text-foreground tabular-nums" data-testid="chain-head-seq">{head.seq}</span>
            {" · "}
            {stored.toLocaleString("en")} events stored
            {start.seq > 0 && ` (events up to ${start.seq} archived)`}
          </p>
        </div>
        <form action={verify}>
          <Button type="submit" variant="outline" size="sm" disabled={pending}>
            {pending ? "Verifying…" : "Verify chain"}
          </Button>
        </form>
      </div>
      <div className="flex min-w-0 items-center gap-2">
        <code className="min-w-0 truncate rounded bg-muted px-2 py-1 font-mono text-xs" title={checkpoint} data-testid="chain-head-hash">
          {head.hash}
        </code>
        <CopyButton value={checkpoint} label="Copy checkpoint" size="sm" variant="ghost" />
      </div>
      <div aria-live="polite">
        <Verdict verdict={verdict} headSeq={head.seq} />
      </div>
    </section>
  );
}
