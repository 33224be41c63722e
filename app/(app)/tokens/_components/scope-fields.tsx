"use client";

/** Read or write. `writeAllowed` false greys out write (e.g. the policy caps users at read, or editing a read token). */
export function ScopeFields({ defaultValue, writeAllowed = true, writeNote, error }: { defaultValue: "read" | "write"; writeAllowed?: boolean; writeNote?: string; error?: string }) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">Scope</legend>
      <label className="flex items-start gap-2 text-sm">
        <input type="radio" name="scope" value="read" defaultChecked={defaultValue === "read"} className="mt-1 accent-primary" />
        <span>
          Read <span className="block text-[13px] text-muted-foreground">May call tools that only read.</span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="radio" name="scope" value="write" defaultChecked={defaultValue === "write"} disabled={!writeAllowed} className="mt-1 accent-primary" />
        <span className={writeAllowed ? undefined : "text-muted-foreground"}>
          Write <span className="block text-[13px] text-muted-foreground">{writeAllowed ? "May call read and write tools." : writeNote}</span>
        </span>
      </label>
      {error && (
        <p role="alert" className="text-[13px] font-medium text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  );
}
