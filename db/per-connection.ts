import type Database from "better-sqlite3";

/**
 * The one way to make something once per connection (prepared statements, caches, transaction
 * functions): build(sqlite) runs on a connection's first use, and its result goes with the
 * connection (a WeakMap, so a closed and dropped connection takes it along).
 */
export function perConnection<T>(build: (sqlite: Database.Database) => T): (sqlite: Database.Database) => T {
  const made = new WeakMap<Database.Database, T>();
  return (sqlite) => {
    let value = made.get(sqlite);
    if (value === undefined) made.set(sqlite, (value = build(sqlite)));
    return value;
  };
}

const bySql = perConnection(() => new Map<string, Database.Statement>());

/** A statement prepared once per distinct SQL text and connection (for queries built from filters). */
export function preparedOnce(sqlite: Database.Database, sql: string): Database.Statement {
  const map = bySql(sqlite);
  let stmt = map.get(sql);
  if (!stmt) map.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}
