"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { expiryPresets, expiryPreview } from "@/lib/tokens/expiry-presets";

type Props = { defaultValue: string; maxDays: number; error?: string; allowNoExpiry: boolean; noExpiryDefault: boolean };

/** "Expires in": a duration, presets that fill it in, and the date it comes to (UTC, 24-hour). */
export function ExpiryField({ defaultValue, maxDays, error, allowNoExpiry, noExpiryDefault }: Props) {
  const [value, setValue] = useState(defaultValue);
  // The clock is read when the duration changes, so the preview is the date as of that edit.
  const [now, setNow] = useState(() => Date.now());
  const choose = (next: string) => {
    setValue(next);
    setNow(Date.now());
  };
  const [noExpiry, setNoExpiry] = useState(noExpiryDefault);
  const presets = expiryPresets(maxDays);
  const preview = expiryPreview(value, noExpiry, maxDays, now);
  // Examples in the hint come from the presets, so it never suggests more than the cap.
  const examples = [...presets.slice(0, 2).map((p) => p.value), "12h"].join(", ");
  return (
    <div className="grid gap-3">
      <Field label="Expires in" htmlFor="expires" required error={error} description={`A duration such as ${examples}. At most ${maxDays} days.`}>
        <Input name="expires" value={value} onChange={(ev) => choose(ev.target.value)} disabled={noExpiry} className="max-w-40" autoComplete="off" />
      </Field>
      <div role="group" aria-label="Expiry presets" className="flex flex-wrap gap-2">
        {presets.map((p) => (
          <Button
            key={p.value}
            type="button"
            size="sm"
            variant={value === p.value && !noExpiry ? "secondary" : "outline"}
            aria-pressed={value === p.value && !noExpiry}
            disabled={noExpiry}
            onClick={() => choose(p.value)}
          >
            {p.label}
          </Button>
        ))}
      </div>
      {/* The time differs between the server's render and the browser's by the render delay. */}
      <p data-testid="expiry-preview" aria-live="polite" suppressHydrationWarning className={preview.tooLong ? "text-[13px] font-medium text-destructive" : "text-[13px] text-muted-foreground"}>
        {preview.text}
      </p>
      {allowNoExpiry && (
        <label className="flex items-center gap-2 text-sm">
          <Checkbox name="noExpiry" checked={noExpiry} onChange={(ev) => setNoExpiry(ev.target.checked)} />
          No expiry (allowed by policy; use only where a rotation schedule exists)
        </label>
      )}
    </div>
  );
}
