"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DialogFooter } from "@/components/ui/dialog";

/**
 * The one way out of a dialog that shows something once: "Done" is enabled only after the person
 * says they have copied it, so the secret is not lost to a reflex click.
 */
export function CopiedThenDone({ onDone, what = "it" }: { onDone: () => void; what?: string }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <DialogFooter className="items-center gap-3 sm:justify-between">
      <label htmlFor={id} className="flex items-center gap-2 text-sm">
        <Checkbox id={id} checked={copied} onChange={(e) => setCopied(e.target.checked)} />I have copied {what}
      </label>
      <Button type="button" onClick={onDone} disabled={!copied}>
        Done
      </Button>
    </DialogFooter>
  );
}
