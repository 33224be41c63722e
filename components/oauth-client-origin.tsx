import { Badge } from "@/components/ui/badge";

/**
 * How far an OAuth client's name can be trusted: a metadata-document client proved its domain
 * (Gatehouse fetched its client_id from there), a registration only asserted its name.
 */
export function ClientOriginBadge({ domain }: { domain: string | null }) {
  return domain ? (
    <Badge variant="outline" className="whitespace-normal break-all">
      verified domain: {domain}
    </Badge>
  ) : (
    <Badge variant="outline">name not verified</Badge>
  );
}
