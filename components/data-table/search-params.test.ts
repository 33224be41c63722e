import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nextSearch, parseFilters, parseTableQuery } from "./search-params";

const options = { sortable: ["name", "createdAt"] as const, defaultSort: { id: "createdAt" as const, desc: true } };

describe("table state from the URL", () => {
  it("reads page, size and a whitelisted sort", () => {
    expect(parseTableQuery({ page: "3", size: "50", sort: "name", dir: "asc" }, options)).toEqual({ page: 3, pageSize: 50, sort: { id: "name", desc: false } });
  });

  it.each([
    ["a column not on the whitelist", { sort: "secret_hash", dir: "asc" }],
    ["SQL in the sort", { sort: "name; DROP TABLE tokens", dir: "asc" }],
    ["a page below one", { page: "0" }],
    ["a page that is not a number", { page: "two" }],
    ["a page size not offered", { size: "100000" }],
  ])("falls back to the defaults for %s", (_name, params) => {
    expect(parseTableQuery(params, options)).toEqual({ page: 1, pageSize: 25, sort: { id: "createdAt", desc: true } });
  });

  it("takes the first of repeated parameters and parses filters with the table's schema", () => {
    const schema = z.object({ scope: z.enum(["read", "write"]).optional().catch(undefined) });
    expect(parseFilters({ scope: ["write", "read"], other: "x" }, schema)).toEqual({ scope: "write" });
    expect(parseFilters({ scope: "admin" }, schema)).toEqual({ scope: undefined });
  });

  it("a filter change returns to page one; paging keeps the filters", () => {
    const current = new URLSearchParams("owner=a%40x.com&page=4");
    expect(nextSearch(current, { scope: "write" }, true)).toBe("?owner=a%40x.com&scope=write");
    expect(nextSearch(current, { page: "5" }, false)).toBe("?owner=a%40x.com&page=5");
    expect(nextSearch(current, { owner: null }, true)).toBe("");
  });
});
