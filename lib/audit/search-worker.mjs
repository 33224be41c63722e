/*
 * The audit search thread (started by lib/audit/search-thread.ts): runs the audit page's and the
 * export's queries on a read-only connection of its own, so a scan of a large log never holds up
 * the event loop that answers verifications. Plain JavaScript with no imports of the app: it
 * runs the same in the server, in Next's bundle, in the CLI and in tests. It receives SQL built
 * by lib/audit/filter-sql.ts and search.ts (values only as parameters) and answers rows.
 */
import Database from "better-sqlite3";
import { parentPort } from "node:worker_threads";

let sqlite;
let statements = new Map();

/** The connection for `file`, with the search index attached as `index` names it. */
function connection(file, index) {
  if (sqlite && sqlite.name === file && sqlite.open) return sqlite;
  if (sqlite && sqlite.open) sqlite.close();
  statements = new Map();
  sqlite = new Database(file, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -16384");
  sqlite.prepare(`ATTACH DATABASE ? AS ${index.name}`).run(index.file);
  // Nothing on this connection may ever write.
  sqlite.pragma("query_only = ON");
  return sqlite;
}

function statement(db, query) {
  const key = `${query.raw ? "raw" : query.pluck ? "pluck" : "rows"} ${query.sql}`;
  let stmt = statements.get(key);
  if (!stmt) {
    stmt = db.prepare(query.sql);
    if (query.raw) stmt.raw(true);
    else if (query.pluck) stmt.pluck(true);
    statements.set(key, stmt);
  }
  return stmt;
}

parentPort.on("message", (message) => {
  if (message === "stop") {
    if (sqlite && sqlite.open) sqlite.close();
    process.exit(0);
  }
  const { id, file, index, query } = message;
  try {
    const stmt = statement(connection(file, index), query);
    parentPort.postMessage({ id, rows: query.one ? [stmt.get(...query.params)] : stmt.all(...query.params) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
