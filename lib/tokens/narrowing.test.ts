import { describe, expect, it } from "vitest";
import { widening, type Reach } from "./narrowing";

const reach = (scope: "read" | "write", servers: string[] | "all"): Reach =>
  servers === "all" ? { scope, allServers: true, serverIds: [] } : { scope, allServers: false, serverIds: servers };

describe("widening", () => {
  it.each([
    ["write → read", reach("write", "all"), reach("read", "all")],
    ["all servers → some", reach("read", "all"), reach("read", ["a"])],
    ["some → fewer", reach("read", ["a", "b"]), reach("read", ["b"])],
    ["unchanged", reach("write", ["a"]), reach("write", ["a"])],
  ])("allows %s", (_name, current, next) => {
    expect(widening(current, next)).toBeNull();
  });

  it.each([
    ["read → write", reach("read", "all"), reach("write", "all"), /cannot become write/],
    ["some → all servers", reach("read", ["a"]), reach("read", "all"), /cannot be opened to all/],
    ["adding a server", reach("read", ["a"]), reach("read", ["a", "b"]), /only be removed/],
    ["swapping a server", reach("read", ["a"]), reach("read", ["b"]), /only be removed/],
    ["removing every server", reach("read", ["a"]), reach("read", []), /at least one server/],
  ])("refuses %s", (_name, current, next, message) => {
    expect(widening(current, next)).toMatch(message);
  });
});
