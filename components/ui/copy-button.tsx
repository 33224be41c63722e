"use client";

import * as React from "react";
import { CheckIcon, CopyIcon, TriangleAlertIcon } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";

type CopyState = "idle" | "copied" | "failed";

export type CopyButtonProps = Omit<ButtonProps, "onClick" | "children" | "asChild" | "value"> & {
  /** The text to put on the clipboard. */
  value: string;
  /** Visible text (or the accessible name when `iconOnly`). */
  label?: string;
  iconOnly?: boolean;
};

/** Fallback for non-secure contexts (plain http on a LAN), where navigator.clipboard is undefined. */
function legacyCopy(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export function CopyButton({
  value,
  label = "Copy",
  iconOnly = false,
  variant = "outline",
  size,
  ...props
}: CopyButtonProps) {
  const [state, setState] = React.useState<CopyState>("idle");
  const timer = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  React.useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    let ok = false;
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(value);
        ok = true;
      }
    } catch {
      ok = false;
    }
    if (!ok) ok = legacyCopy(value);
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  }

  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label;
  const Icon = state === "copied" ? CheckIcon : state === "failed" ? TriangleAlertIcon : CopyIcon;

  return (
    <>
      <Button
        type="button"
        variant={variant}
        size={size ?? (iconOnly ? "icon" : "sm")}
        onClick={copy}
        aria-label={iconOnly ? label : undefined}
        title={state === "failed" ? "Clipboard unavailable: select the text and copy it manually" : undefined}
        data-state={state}
        {...props}
      >
        <Icon aria-hidden="true" className={state === "copied" ? "text-success" : undefined} />
        {!iconOnly && <span>{text}</span>}
      </Button>
      <span className="sr-only" aria-live="polite">
        {state === "copied" ? "Copied to clipboard" : state === "failed" ? "Could not copy. Select the text and copy it manually." : ""}
      </span>
    </>
  );
}
