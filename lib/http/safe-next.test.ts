import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it.each([
    ["/tokens?page=2", "/tokens?page=2"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
    [null, "/"],
    ["/tokens/é", "/"],
    ["/tokens\u2028x", "/"],
    ["/x\r\nSet-Cookie: a=b", "/"],
    ["/x\ud800", "/"],
    ["/tokens/%C3%A9", "/tokens/%C3%A9"],
  ])("%j → %j", (input, expected) => expect(safeNextPath(input)).toBe(expected));
});
