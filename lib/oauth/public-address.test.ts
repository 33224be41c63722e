import { describe, expect, it } from "vitest";
import { addressRefusal } from "./public-address";

describe("addresses a client-named fetch may connect to", () => {
  it.each([
    ["93.184.215.14", null],
    ["8.8.8.8", null],
    ["2606:4700:4700::1111", null],
    ["2001:4860:4860::8888", null],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fd00::1", "private"],
    ["fc00::1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["100.64.0.1", "shared address space (CGNAT)"],
    ["100.127.255.255", "shared address space (CGNAT)"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    ["2001:db8::1", "reserved"],
    // IPv4-mapped IPv6 is the IPv4 address it carries, in either spelling.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:100.64.0.1", "shared address space (CGNAT)"],
    ["::ffff:8.8.8.8", null],
    ["64:ff9b::7f00:1", "IPv4 embedded in IPv6"],
    ["2002:7f00:1::1", "IPv4 embedded in IPv6"],
    ["localhost", "not an IP address"],
  ])("%s → %s", (address, refusal) => {
    expect(addressRefusal(address, { allowLoopback: false })).toBe(refusal);
  });

  it("lets loopback through under the test setting, and nothing else", () => {
    expect(addressRefusal("127.0.0.1", { allowLoopback: true })).toBeNull();
    expect(addressRefusal("::1", { allowLoopback: true })).toBeNull();
    expect(addressRefusal("::ffff:127.0.0.1", { allowLoopback: true })).toBeNull();
    expect(addressRefusal("10.0.0.1", { allowLoopback: true })).toBe("private");
    expect(addressRefusal("169.254.169.254", { allowLoopback: true })).toBe("link-local");
  });
});
