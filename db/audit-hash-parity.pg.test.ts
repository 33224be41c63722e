/**
 * A golden vector: the same audit row, written into a SQLite and a PostgreSQL database and read
 * back through each driver as it stands (raw SQL, no ORM mapping), hashes to the same value with
 * the chain code, and to the value computed by hand below. An int8 read back as a string, a time
 * stored another way or text altered on the way would change it, and `audit verify` would call
 * every row written on the other dialect edited.
 */
import { createHmac, hash } from "node:crypto";
import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { canonicalize, chainHash, keyedChainHash, type ChainedRow } from "@/lib/audit/chain";
import { keyringOf } from "@/lib/audit/key";
import { usePgTempDb } from "@/test/pg/temp-db";
import { useTempDb } from "@/test/temp-db";
import * as sqlite from "./schema";
import * as pg from "./schema.pg";

const AUDIT_KEY = "golden-vector-audit-key-of-32-characters!";
const PREV_HASH = "5f".repeat(32);

// Past 2^32 (an int4 would not hold it) and exact as a double; a real millisecond time.
const row = {
  seq: 2 ** 40 + 3,
  id: "evt_golden000000001",
  ts: 1_796_400_000_123,
  type: "call.allowed",
  actorType: "server" as const,
  actorId: "srv_golden",
  actorName: 'Notes "prod" \\ server',
  subjectUserId: null,
  tokenId: "tok_golden",
  serverId: "srv_golden",
  method: "tools/call",
  tool: "créer_note 📝",
  toolClass: "write",
  decision: "allow" as const,
  reason: "line one\nline two\ttabbed",
  requestId: "req-ü-1",
  clientIp: "2001:db8::1",
  userAgent: "Müller/1.0 (\u2028 separator)",
  details: '{"b":1,"a":[true,null,"x"],"note":"  spaced  "}',
} satisfies ChainedRow;

/** What canonicalize must produce, written out by hand. */
const CANONICAL =
  '[1099511627779,"evt_golden000000001",1796400000123,"call.allowed","server","srv_golden","Notes \\"prod\\" \\\\ server",null,"tok_golden","srv_golden",' +
  '"tools/call","créer_note 📝","write","allow","line one\\nline two\\ttabbed","req-ü-1","2001:db8::1","Müller/1.0 (\u2028 separator)",' +
  '"{\\"b\\":1,\\"a\\":[true,null,\\"x\\"],\\"note\\":\\"  spaced  \\"}"]';

/** `SELECT col AS "key", …`: the chained fields by their JS names, in the driver's own types. */
function selectList(): string {
  const columns = getTableColumns(sqlite.auditEvents);
  return Object.keys(row)
    .map((key) => `${columns[key as keyof typeof columns].name} AS "${key}"`)
    .join(", ");
}

describe("an audit row hashes the same on SQLite and PostgreSQL", () => {
  const lite = useTempDb();
  const pgDb = usePgTempDb();
  const keys = keyringOf([AUDIT_KEY]);

  it("reads back the same fields and hashes to the golden value on both", async () => {
    const stored = { ...row, prevHash: PREV_HASH, hash: keyedChainHash(keys.current, PREV_HASH, row), keyId: keys.current.id };
    lite.db.insert(sqlite.auditEvents).values(stored).run();
    await pgDb.db.insert(pg.auditEvents).values(stored);

    const fromSqlite = lite.db.$client.prepare(`SELECT ${selectList()} FROM audit_events WHERE id = ?`).get(row.id) as ChainedRow;
    const [fromPg] = await pgDb.db.$client.unsafe<ChainedRow[]>(`SELECT ${selectList()} FROM audit_events WHERE id = $1`, [row.id]);

    expect({ ...fromSqlite }).toStrictEqual(row);
    expect({ ...fromPg }).toStrictEqual(row);
    expect(canonicalize(fromSqlite)).toBe(CANONICAL);
    expect(canonicalize(fromPg!)).toBe(CANONICAL);

    const golden = createHmac("sha256", AUDIT_KEY).update(PREV_HASH + CANONICAL, "utf8").digest("hex");
    expect(keyedChainHash(keys.current, PREV_HASH, fromSqlite)).toBe(golden);
    expect(keyedChainHash(keys.current, PREV_HASH, fromPg!)).toBe(golden);
    // Rows from before the audit key: plain SHA-256, the same on both too.
    const unkeyed = hash("sha256", PREV_HASH + CANONICAL, "hex");
    expect([chainHash(PREV_HASH, fromSqlite), chainHash(PREV_HASH, fromPg!)]).toEqual([unkeyed, unkeyed]);
  });
});
