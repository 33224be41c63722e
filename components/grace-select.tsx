import type * as React from "react";
import { NativeSelect } from "@/components/ui/select";

// The same choices wherever something is rotated: tokens and server credentials (0 to 7 days).
const GRACE_CHOICES = [
  ["0", "None: the old one stops at once"],
  ["1h", "1 hour"],
  ["24h", "24 hours (default)"],
  ["3d", "3 days"],
  ["7d", "7 days (longest)"],
] as const;

/** How long a replaced secret keeps working after a rotation; posts as `grace`. Field passes id and aria props through. */
export function GraceSelect(props: Omit<React.ComponentProps<typeof NativeSelect>, "name" | "defaultValue" | "children">) {
  return (
    <NativeSelect {...props} name="grace" defaultValue="24h">
      {GRACE_CHOICES.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </NativeSelect>
  );
}
