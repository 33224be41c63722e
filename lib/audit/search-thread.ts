/*
 * The audit page's and the export's queries run on a thread of their own (search-worker.mjs):
 * a free-text search or a chart over years of events scans the log, and better-sqlite3 is
 * synchronous, so on the main thread every verification waited for the scan to finish.
 * Same SQL, same database file: the answers are the ones the main connection would give.
 * One thread: concurrent searches queue there rather than take a second core from verification.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AUDIT_INDEX, auditIndexPath, auditReader } from "@/db/audit-index";
import { db } from "@/db/client";
import type { SqlPart } from "./filter-sql";

/** How the thread hands rows back: objects, arrays in column order (raw), or the first column (pluck). */
export type RowShape = "rows" | "raw" | "pluck";

type Pending = { resolve: (rows: unknown[]) => void; reject: (err: Error) => void };

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function thread(): Worker {
  if (worker) return worker;
  // A path, not a bundled module: the thread's file is plain JavaScript next to this one.
  const started = new Worker(path.join(process.cwd(), "lib", "audit", "search-worker.mjs"));
  started.on("message", (m: { id: number; rows?: unknown[]; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(`audit search: ${m.error}`));
    else p.resolve(m.rows ?? []);
    // An idle thread must not keep a CLI command or a test run alive.
    if (pending.size === 0) started.unref();
  });
  // A dead thread fails its queries; the next query starts a new one.
  started.on("error", (err) => failAll(err));
  started.on("exit", () => {
    if (worker === started) worker = undefined;
    failAll(new Error("audit search: the search thread stopped"));
  });
  started.unref();
  return (worker = started);
}

function ask(query: SqlPart, shape: RowShape, one: boolean): Promise<unknown[]> {
  const main = db().$client;
  // Creates the index file and its schema if this process has not yet, so the thread can read it.
  auditReader(main);
  const w = thread();
  const id = nextId++;
  return new Promise<unknown[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({
      id,
      file: main.name,
      index: { name: AUDIT_INDEX, file: auditIndexPath(main.name) },
      query: { sql: query.clause, params: query.params, raw: shape === "raw", pluck: shape === "pluck", one },
    });
  });
}

/** Every row a query returns, computed on the search thread. */
export function searchAll<T>(query: SqlPart, shape: RowShape = "rows"): Promise<T[]> {
  return ask(query, shape, false) as Promise<T[]>;
}

/** The first row a query returns (undefined when none), computed on the search thread. */
export async function searchOne<T>(query: SqlPart, shape: RowShape = "rows"): Promise<T | undefined> {
  return (await ask(query, shape, true))[0] as T | undefined;
}

/** Stops the thread (tests and tools that want a clean exit at once; it is unref'd otherwise). */
export async function stopSearchThread(): Promise<void> {
  const w = worker;
  if (!w) return;
  worker = undefined;
  const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
  w.postMessage("stop");
  await exited;
}
