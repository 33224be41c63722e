"use client";

import { useState } from "react";

/** For dialogs that open from their own button, or are opened by a parent (e.g. from a row menu). */
export type DialogControl = { open?: boolean; onOpenChange?: (open: boolean) => void };

export function useDialogState({ open, onOpenChange }: DialogControl): { open: boolean; setOpen: (open: boolean) => void; controlled: boolean } {
  const [own, setOwn] = useState(false);
  const controlled = open !== undefined;
  return {
    open: controlled ? open : own,
    setOpen: (next) => (controlled ? onOpenChange?.(next) : setOwn(next)),
    controlled,
  };
}
