import "server-only";
import { and, eq, notInArray } from "drizzle-orm";
import { tools } from "@/db/schema";
import { transact } from "@/db/transaction";
import type { AuditActor } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";
import { actorRef, auditActor, requireAdminActor } from "@/lib/auth/actor";
import { newId } from "@/lib/ids";
import type { ReportedTool } from "@/lib/validation/servers";
import { ServerChangeError, type ServerCtx } from "./mutations";
import { findServerById } from "./queries";

/** MCP's annotations are hints; only an explicit readOnlyHint: true makes a tool read. */
export function classFromAnnotations(annotations: ReportedTool["annotations"]): "read" | "write" {
  return annotations?.readOnlyHint === true ? "read" : "write";
}

export type ReportSummary = { added: string[]; changed: string[]; removed: string[]; tools: { name: string; accessClass: "read" | "write"; source: "annotation" | "admin" }[] };

/**
 * Replaces a server's reported catalogue. An admin's override survives re-reports (only the
 * reported class is refreshed); annotation-classed tools missing from the report are dropped,
 * which makes them unclassified, i.e. write: the safe direction.
 */
export function reportTools(server: { id: string; slug: string }, reported: ReportedTool[], ctx: { clientIp: string | null; userAgent: string | null }): ReportSummary {
  const actor: AuditActor = { type: "server", id: server.id, name: server.slug };
  return transact((tx) => {
    const now = new Date();
    const existing = new Map(tx.select().from(tools).where(eq(tools.serverId, server.id)).all().map((t) => [t.name, t]));
    const summary: ReportSummary = { added: [], changed: [], removed: [], tools: [] };
    const names = [...new Set(reported.map((t) => t.name))];
    for (const t of reported) {
      const cls = classFromAnnotations(t.annotations);
      const prev = existing.get(t.name);
      const annotations = t.annotations ? JSON.stringify(t.annotations) : null;
      const title = t.title ?? t.annotations?.title ?? null;
      if (!prev) {
        tx.insert(tools).values({ id: newId("tool"), serverId: server.id, name: t.name, title, accessClass: cls, classSource: "annotation", reportedClass: cls, annotations, reportedAt: now, updatedAt: now, updatedBy: server.id }).run();
        summary.added.push(t.name);
        summary.tools.push({ name: t.name, accessClass: cls, source: "annotation" });
        continue;
      }
      const accessClass = prev.classSource === "admin" ? prev.accessClass : cls;
      if (prev.reportedClass !== cls) summary.changed.push(t.name);
      tx.update(tools).set({ title, accessClass, reportedClass: cls, annotations, reportedAt: now, updatedAt: now, updatedBy: server.id }).where(eq(tools.id, prev.id)).run();
      summary.tools.push({ name: t.name, accessClass, source: prev.classSource });
    }
    const gone = tx
      .delete(tools)
      .where(and(eq(tools.serverId, server.id), eq(tools.classSource, "annotation"), names.length ? notInArray(tools.name, names) : undefined))
      .returning({ name: tools.name })
      .all();
    summary.removed = gone.map((g) => g.name);
    recordAudit(tx, {
      type: "tool.reported",
      actor,
      serverId: server.id,
      decision: "success",
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
      details: { count: reported.length, added: summary.added.slice(0, 50), changed: summary.changed.slice(0, 50), removed: summary.removed.slice(0, 50) },
    });
    return summary;
  });
}

/**
 * An admin sets a tool's class, which wins over what the server reports; "reported" hands
 * the decision back to the annotations. Works for tools never reported too.
 */
export function overrideToolClass(serverId: string, name: string, accessClass: "read" | "write" | "reported", ctx: ServerCtx): void {
  requireAdminActor(ctx.actor);
  transact((tx) => {
    if (!findServerById(ctx.actor, serverId)) throw new ServerChangeError("No such server.");
    const prev = tx.select().from(tools).where(and(eq(tools.serverId, serverId), eq(tools.name, name))).get();
    const now = new Date();
    const by = actorRef(ctx.actor);
    let from: string = prev?.accessClass ?? "unclassified";
    let to: string;
    if (accessClass === "reported") {
      if (!prev || prev.classSource !== "admin") throw new ServerChangeError("This tool has no override to remove.");
      if (prev.reportedClass) {
        tx.update(tools).set({ accessClass: prev.reportedClass, classSource: "annotation", updatedAt: now, updatedBy: by }).where(eq(tools.id, prev.id)).run();
        to = prev.reportedClass;
      } else {
        // Never reported: without the override it is unclassified again.
        tx.delete(tools).where(eq(tools.id, prev.id)).run();
        to = "unclassified";
      }
    } else if (prev) {
      tx.update(tools).set({ accessClass, classSource: "admin", updatedAt: now, updatedBy: by }).where(eq(tools.id, prev.id)).run();
      to = accessClass;
    } else {
      tx.insert(tools).values({ id: newId("tool"), serverId, name, accessClass, classSource: "admin", updatedAt: now, updatedBy: by }).run();
      from = "unclassified";
      to = accessClass;
    }
    recordAudit(tx, {
      type: "tool.class_overridden",
      actor: auditActor(ctx.actor),
      serverId,
      tool: name,
      toolClass: to,
      decision: "success",
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
      details: { from, to },
    });
  });
}
