import { Badge } from "@/components/ui/badge";

const LOOKS = {
  read: { label: "Read", variant: "outline", title: undefined },
  write: { label: "Write", variant: "warning", title: undefined },
  unclassified: { label: "Unclassified (write)", variant: "warning", title: "Never reported: treated as write" },
} as const;

/** Read or write: a token's scope and a tool's class look the same on every page, so they can be matched at a glance. */
export function AccessBadge({ access }: { access: keyof typeof LOOKS }) {
  const look = LOOKS[access];
  return (
    <Badge variant={look.variant} title={look.title}>
      {look.label}
    </Badge>
  );
}
