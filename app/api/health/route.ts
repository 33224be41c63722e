import { checkDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

export function GET() {
  const ok = checkDatabase();
  return Response.json(ok ? { status: "ok" } : { status: "unavailable", error: { code: "database_unavailable", message: "The database is not reachable." } }, {
    status: ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
