"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { IssuedLink } from "@/app/actions/users";
import { formatDateTime } from "@/lib/time/format";


/** A one-time set-password link, shown once for the admin to pass on. */
export function IssuedLinkPanel({ issued }: { issued: IssuedLink }) {
  return (
    <div className="grid gap-2">
      <Label htmlFor="issued-link">One-time link for {issued.email}</Label>
      <div className="flex gap-2">
        <Input
          id="issued-link"
          readOnly
          value={issued.link}
          className="font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby="issued-link-help"
        />
        <CopyButton value={issued.link} label="Copy link" size="default" />
      </div>
      <p id="issued-link-help" className="text-[13px] text-muted-foreground">
        Send it to them yourself: it works once, until {formatDateTime(issued.expiresAt)} (7 days). It is
        not shown again; issue a new link if it gets lost.
      </p>
    </div>
  );
}
