import "server-only";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/session";
import { findServerById, findServerBySlug } from "@/lib/servers/queries";
import { serverIdSchema, slugSchema } from "@/lib/validation/servers";

export type ServerPageProps = { params: Promise<{ slug: string }> };

/** The signed-in admin and the server the URL names: by slug (the canonical address) or by id (links from the audit log). */
export async function adminServer({ params }: ServerPageProps) {
  const admin = await requireAdmin();
  const key = (await params).slug;
  const slug = slugSchema.safeParse(key);
  const id = serverIdSchema.safeParse(key);
  const server = (slug.success ? findServerBySlug(admin, slug.data) : undefined) ?? (id.success ? findServerById(admin, id.data) : undefined);
  if (!server) notFound();
  return { admin, server };
}
