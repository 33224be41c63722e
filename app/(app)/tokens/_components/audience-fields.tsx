"use client";

import { useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import type { ServerChoice } from "@/lib/servers/choices";

type Props = {
  servers: Pick<ServerChoice, "id" | "slug" | "name">[];
  /** Start with all servers (true) or these server ids. */
  initial: { all: boolean; serverIds: string[] };
  /** When editing a bound token, "All servers" is not offered: audiences only narrow. */
  allowAll?: boolean;
  error?: string;
};

/**
 * The token's audience: a chosen set of servers, or (last, and never preselected by the issue
 * form) every MCP server. Posts `audience` and repeated `servers`.
 */
export function AudienceFields({ servers, initial, allowAll = true, error }: Props) {
  const [all, setAll] = useState(initial.all && allowAll);
  if (servers.length === 0) {
    return (
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">Servers</legend>
        <input type="hidden" name="audience" value="all" />
        <p className="text-[13px] text-muted-foreground">No MCP servers are registered yet. The token will work on every server, including ones added later.</p>
      </fieldset>
    );
  }
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? "servers-error" : undefined}>
      <legend className="mb-2 text-sm font-medium">Servers</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="audience" value="some" checked={!all} onChange={() => setAll(false)} className="accent-primary" />
        Only these servers
      </label>
      {!all && (
        <ul className="ml-6 grid gap-1.5">
          {servers.map((s) => (
            <li key={s.id}>
              <label className="flex items-center gap-2 text-sm">
                <Checkbox name="servers" value={s.id} defaultChecked={initial.serverIds.includes(s.id)} />
                {s.name} <span className="font-mono text-xs text-muted-foreground">{s.slug}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {allowAll && (
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="audience" value="all" checked={all} onChange={() => setAll(true)} className="accent-primary" />
          All MCP servers (including ones added later)
        </label>
      )}
      {error && (
        <p id="servers-error" role="alert" className="text-[13px] font-medium text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  );
}
