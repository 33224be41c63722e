import { describe, expect, it } from "vitest";
import { canonicalize, chainHash, ChainWalker, GENESIS_HASH, keyedChainHash, parseChainPoint, verifyChain, type ChainedRow, type StoredChainRow } from "./chain";
import { keyringOf } from "./key";

const KEYS = keyringOf(["the audit key of these tests, 32+ chars"]);
const OTHER = keyringOf(["a key the attacker made up, 32+ chars"]);

/** Signs rows[from..] again in order, the way someone rewriting the log would. */
function rehashFrom(rows: StoredChainRow[], from: number, sign: (prev: string, row: StoredChainRow) => { hash: string; keyId: string | null }) {
  let prev = from === 0 ? GENESIS_HASH : rows[from - 1]!.hash;
  for (const row of rows.slice(from)) {
    row.prevHash = prev;
    Object.assign(row, sign(prev, row));
    prev = row.hash;
  }
}

function makeKeyedChain(n: number): StoredChainRow[] {
  const rows = makeChain(n);
  rehashFrom(rows, 0, (prev, row) => ({ hash: keyedChainHash(KEYS.current, prev, row), keyId: KEYS.current.id }));
  return rows;
}

function makeChain(n: number, start = { seq: 0, hash: GENESIS_HASH }): StoredChainRow[] {
  const rows: StoredChainRow[] = [];
  let prev = start.hash;
  for (let i = 1; i <= n; i++) {
    const row: ChainedRow = {
      seq: start.seq + i, id: `evt_${i}`, ts: 1_700_000_000_000 + i, type: "call.allowed", actorType: "server",
      actorId: "srv_1", actorName: "Files", subjectUserId: "usr_1", tokenId: "tok_1", serverId: "srv_1",
      method: "tools/call", tool: "read_file", toolClass: "read", decision: "allow", reason: null,
      requestId: `req_${i}`, clientIp: "10.0.0.1", userAgent: "agent/1", details: '{"n":1}',
    };
    const hash = chainHash(prev, row);
    rows.push({ ...row, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const FIELDS = [
  "id", "ts", "type", "actorType", "actorId", "actorName", "subjectUserId", "tokenId", "serverId", "method",
  "tool", "toolClass", "decision", "reason", "requestId", "clientIp", "userAgent", "details", "prevHash", "hash",
] as const;

describe("audit chain", () => {
  it("accepts an untouched chain and reports its head", () => {
    const rows = makeChain(5);
    expect(verifyChain(rows)).toEqual({ ok: true, count: 5, head: { seq: 5, hash: rows[4]!.hash } });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: null });
  });

  it.each(FIELDS)("detects an edit of %s and names that event", (field) => {
    const rows = makeChain(5);
    const row = rows[2] as Record<string, unknown>;
    row[field] = typeof row[field] === "number" ? (row[field] as number) + 1 : `${String(row[field])}x`;
    expect(verifyChain(rows)).toMatchObject({ ok: false, badSeq: 3 });
  });

  it("detects a null field filled in (and a filled one cleared)", () => {
    const rows = makeChain(3);
    rows[1]!.reason = "";
    expect(verifyChain(rows)).toMatchObject({ ok: false, badSeq: 2 });
    const again = makeChain(3);
    again[1]!.details = null;
    expect(verifyChain(again)).toMatchObject({ ok: false, badSeq: 2 });
  });

  it.each([
    ["a deleted event", (r: StoredChainRow[]) => r.splice(2, 1), 3],
    ["a deleted first event", (r: StoredChainRow[]) => r.splice(0, 1), 1],
    ["two swapped events", (r: StoredChainRow[]) => r.splice(1, 2, r[2]!, r[1]!), 2],
    ["an inserted event", (r: StoredChainRow[]) => r.splice(2, 0, { ...r[2]!, id: "evt_forged" }), 3],
    // The forged row follows; the real event 3 after it is the one out of order.
    ["an inserted event with a fresh hash", (r: StoredChainRow[]) => {
      const forged = { ...r[2]!, id: "evt_forged" };
      r.splice(2, 0, { ...forged, hash: chainHash(forged.prevHash, forged) });
    }, 3],
  ])("detects %s and locates it", (_name, tamper, badSeq) => {
    const rows = makeChain(5);
    tamper(rows);
    expect(verifyChain(rows)).toMatchObject({ ok: false, badSeq });
  });

  it("a rewritten tail with recomputed hashes passes alone but fails against a checkpoint", () => {
    const rows = makeChain(5);
    const checkpoint = { seq: 4, hash: rows[3]!.hash };
    // The attacker edits event 2 and recomputes every hash after it.
    rows[1]!.reason = "rewritten";
    let prev = rows[0]!.hash;
    for (const row of rows.slice(1)) {
      row.prevHash = prev;
      row.hash = chainHash(prev, row);
      prev = row.hash;
    }
    expect(verifyChain(rows).ok).toBe(true);
    expect(verifyChain(rows, undefined, checkpoint)).toMatchObject({ ok: false, badSeq: 4 });
  });

  it("a checkpoint beyond the end means events were cut off", () => {
    const rows = makeChain(5);
    const checkpoint = { seq: 5, hash: rows[4]!.hash };
    expect(verifyChain(rows.slice(0, 3), undefined, checkpoint)).toMatchObject({ ok: false, badSeq: 4 });
    expect(verifyChain(rows, undefined, checkpoint).ok).toBe(true);
  });

  it("verifies from an anchor (after archiving), not only from genesis", () => {
    const all = makeChain(6);
    const anchor = { seq: 3, hash: all[2]!.hash };
    expect(verifyChain(all.slice(3), anchor)).toMatchObject({ ok: true, count: 3 });
    expect(verifyChain(all.slice(3))).toMatchObject({ ok: false, badSeq: 1 });
  });

  it("reports every break with its sequence number and kind, not only the first", () => {
    const rows = makeKeyedChain(8);
    rows[1]!.reason = "edited";
    rows.splice(4, 1);
    rows[5]!.prevHash = "f".repeat(64);
    const check = verifyChain(rows, undefined, undefined, KEYS);
    expect(check).toMatchObject({ ok: false, badSeq: 2, breakCount: 4 });
    // Event 7's link was changed, and with it what its hash covers.
    expect(check.ok ? [] : check.breaks.map((b) => [b.seq, b.kind])).toEqual([[2, "edited"], [5, "missing"], [7, "bad-link"], [7, "edited"]]);
  });

  it.each([
    ["unkeyed", (prev: string, row: StoredChainRow) => ({ hash: chainHash(prev, row), keyId: null })],
    ["with another key under the real key's id", (prev: string, row: StoredChainRow) => ({ hash: keyedChainHash(OTHER.current, prev, row), keyId: KEYS.current.id })],
    ["with another key under its own id", (prev: string, row: StoredChainRow) => ({ hash: keyedChainHash(OTHER.current, prev, row), keyId: OTHER.current.id })],
  ])("finds an edit re-hashed forward %s, with no checkpoint", (_name, sign) => {
    const rows = makeKeyedChain(5);
    rows[2]!.reason = "nothing happened";
    rehashFrom(rows, 2, sign);
    const check = verifyChain(rows, undefined, undefined, KEYS);
    expect(check).toMatchObject({ ok: false, badSeq: 3 });
    // Every re-hashed row is named: the edit cannot hide behind the first one.
    expect(check.ok ? 0 : check.breakCount).toBe(3);
  });

  it("verifies unkeyed rows written before the key, then keyed ones, but no unkeyed row after a keyed one", () => {
    const rows = makeChain(4);
    rehashFrom(rows, 2, (prev, row) => ({ hash: keyedChainHash(KEYS.current, prev, row), keyId: KEYS.current.id }));
    expect(verifyChain(rows, undefined, undefined, KEYS)).toMatchObject({ ok: true, count: 4 });
    // A rotated-out key still verifies the rows it signed.
    expect(verifyChain(rows, undefined, undefined, keyringOf(["a newer key, also 32 characters long", "the audit key of these tests, 32+ chars"])).ok).toBe(true);
    expect(verifyChain(rows, undefined, undefined, OTHER)).toMatchObject({ ok: false, badSeq: 3, breaks: [{ kind: "unknown-key" }, { kind: "unknown-key" }] });
  });

  it("accepts an archive anchor only with the audit.archived event that names it", () => {
    const all = makeKeyedChain(6);
    const anchor = { seq: 3, hash: all[2]!.hash };
    const walk = (rows: StoredChainRow[]) => {
      const w = new ChainWalker(anchor, { keys: KEYS, requireAnchorEvent: true });
      for (const r of rows) w.step(r);
      return w.result();
    };
    expect(walk(all.slice(3))).toMatchObject({ ok: false, badSeq: 3, breaks: [{ kind: "bad-anchor" }] });
    const withEvent = all.slice(3);
    withEvent[1]!.type = "audit.archived";
    withEvent[1]!.details = JSON.stringify({ throughSeq: 3, headHash: anchor.hash });
    rehashFrom(all, 4, (prev, row) => ({ hash: keyedChainHash(KEYS.current, prev, row), keyId: KEYS.current.id }));
    expect(walk(withEvent)).toMatchObject({ ok: true, count: 3 });
  });

  it("serializes canonically: fixed field order, one JSON array", () => {
    const [row] = makeChain(1);
    const text = canonicalize(row!);
    expect(JSON.parse(text)).toEqual([1, "evt_1", 1_700_000_000_001, "call.allowed", "server", "srv_1", "Files", "usr_1", "tok_1", "srv_1", "tools/call", "read_file", "read", "allow", null, "req_1", "10.0.0.1", "agent/1", '{"n":1}']);
    // Extra properties (hashes, joined names) are not part of the serialization.
    expect(canonicalize({ ...row!, extra: 1 } as never)).toBe(text);
  });

  it.each([
    ["CR/LF", "a\r\nb"],
    ["quotes", 'say "hi"'],
    ["JSON", '","tool":"forged'],
    ["commas", "a,b,,c"],
    ["a field boundary", 'x",null,"y'],
  ])("keeps %s inside its field", (_name, value) => {
    const [row] = makeChain(1);
    const tampered = { ...row!, reason: value };
    const parsed = JSON.parse(canonicalize(tampered)) as unknown[];
    expect(parsed).toHaveLength(19);
    expect(parsed[14]).toBe(value);
    // Moving text between neighbouring fields changes the serialization.
    expect(canonicalize({ ...row!, reason: "ab", requestId: "c" })).not.toBe(canonicalize({ ...row!, reason: "a", requestId: "bc" }));
  });

  it.each([
    ["12:" + "a".repeat(64), { seq: 12, hash: "a".repeat(64) }],
    ["0:" + GENESIS_HASH, { seq: 0, hash: GENESIS_HASH }],
    ["12:" + "A".repeat(64), null],
    ["12:abc", null],
    ["x:" + "a".repeat(64), null],
    ["-1:" + "a".repeat(64), null],
  ])("parses the checkpoint %s", (text, expected) => {
    expect(parseChainPoint(text)).toEqual(expected);
  });
});
