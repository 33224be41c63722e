/*
 * The audit search index: the columns the audit page filters on, with one index each, in a
 * database file of its own next to the main one. It is derived data, rebuilt from the log
 * whenever it is missing, stale or from another log, so it is never backed up.
 *
 * Why a separate file: those indexes, maintained row by row on the verification hot path,
 * were most of each call's cost (random B-tree leaves dirtied and written to the WAL on every
 * commit). A background worker fills this table in batches instead (lib/audit/search-index.ts),
 * and because SQLite's write lock is per file, the worker never holds up a verification.
 * Queries read the index up to its watermark and scan the few events after it in the log
 * itself (lib/audit/search.ts), so what they return is exact, never "eventually" right.
 */
import Database from "better-sqlite3";

/** Bump when the table or its indexes change: a different version is dropped and rebuilt. */
export const AUDIT_INDEX_VERSION = 1;

/** The name the index database is attached under. */
export const AUDIT_INDEX = "audit_index";

/** The columns copied from audit_events (same names, so one WHERE clause fits both tables). */
export const INDEXED_COLUMNS = [
  "seq", "ts", "type", "decision", "actor_id", "subject_user_id", "token_id", "server_id", "tool", "tool_class", "client_ip", "request_id",
] as const;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ${AUDIT_INDEX}.audit_search (
  seq INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  type TEXT NOT NULL,
  decision TEXT NOT NULL,
  actor_id TEXT,
  subject_user_id TEXT,
  token_id TEXT,
  server_id TEXT,
  tool TEXT,
  tool_class TEXT,
  client_ip TEXT,
  request_id TEXT
);
CREATE INDEX IF NOT EXISTS ${AUDIT_INDEX}.audit_search_type ON audit_search (type, seq);
CREATE INDEX IF NOT EXISTS ${AUDIT_INDEX}.audit_search_decision ON audit_search (decision, seq);
CREATE INDEX IF NOT EXISTS ${AUDIT_INDEX}.audit_search_actor ON audit_search (actor_id, seq);
CREATE INDEX IF NOT EXISTS ${AUDIT_INDEX}.audit_search_subject ON audit_search (subject_user_id, seq);
CREATE INDEX IF NOT EXISTS ${AUDIT_INDEX}.audit_search_token ON audit_search (token_id, seq);
CREATE INDEX IF NOT EXISTS ${AUDIT_INDEX}.audit_search_server ON audit_search (server_id, seq);
CREATE INDEX IF NOT EXISTS ${AUDIT_INDEX}.audit_search_tool ON audit_search (tool, seq);
CREATE INDEX IF NOT EXISTS ${AUDIT_INDEX}.audit_search_client_ip ON audit_search (client_ip, seq);
CREATE INDEX IF NOT EXISTS ${AUDIT_INDEX}.audit_search_request ON audit_search (request_id);
-- One row: the last event indexed (seq and hash, so an index built from another log is noticed).
CREATE TABLE IF NOT EXISTS ${AUDIT_INDEX}.audit_search_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT OR IGNORE INTO ${AUDIT_INDEX}.audit_search_state (id, seq, hash) VALUES (1, 0, '');
`;

/** Where the index of a database file lives. */
export function auditIndexPath(mainFile: string): string {
  return `${mainFile}.audit-index`;
}

/**
 * Attaches the index database to a connection, creating (or, at another version, recreating)
 * its schema. Only ever in autocommit mode: statements touching the index alone lock the index
 * file alone.
 */
export function attachAuditIndex(sqlite: Database.Database): void {
  sqlite.prepare(`ATTACH DATABASE ? AS ${AUDIT_INDEX}`).run(auditIndexPath(sqlite.name));
  sqlite.pragma(`${AUDIT_INDEX}.journal_mode = WAL`);
  sqlite.pragma(`${AUDIT_INDEX}.synchronous = NORMAL`);
  const version = sqlite.pragma(`${AUDIT_INDEX}.user_version`, { simple: true }) as number;
  if (version !== AUDIT_INDEX_VERSION) {
    sqlite.exec(`DROP TABLE IF EXISTS ${AUDIT_INDEX}.audit_search; DROP TABLE IF EXISTS ${AUDIT_INDEX}.audit_search_state;`);
    sqlite.pragma(`${AUDIT_INDEX}.user_version = ${AUDIT_INDEX_VERSION}`);
  }
  sqlite.exec(SCHEMA);
}

const readers = new WeakMap<Database.Database, Database.Database>();

/**
 * A read-only companion of a main connection, with the index attached: the audit browsing
 * queries run on it. It is a separate connection because a write transaction on a connection
 * takes the write lock of every database attached to it, and the main connection's writes
 * (every verification) must not contend with the indexer for the index file.
 */
export function auditReader(main: Database.Database): Database.Database {
  let reader = readers.get(main);
  if (!reader || !reader.open) {
    // Not fileMustExist: ATTACH inherits the open flags, and the index file may not exist yet.
    reader = new Database(main.name);
    reader.pragma("busy_timeout = 5000");
    reader.pragma("cache_size = -16384");
    attachAuditIndex(reader);
    // Belt and braces: nothing on this connection may ever write.
    reader.pragma("query_only = ON");
    readers.set(main, reader);
  }
  return reader;
}

/** Closes the reader of a main connection (tests that close and delete their database). */
export function closeAuditReader(main: Database.Database): void {
  const reader = readers.get(main);
  if (reader?.open) reader.close();
  readers.delete(main);
}
