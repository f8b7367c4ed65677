import { describe, expect, it } from "vitest";
import { createDeniedCounter, sourceBucket } from "./audit-budget.js";

const budget = { perSource: 3, total: 1_000, windowMs: 60_000 };
const admitted = (sources: string[]) => {
  const counter = createDeniedCounter(budget, 0);
  return sources.filter((s) => counter.admit(s, "Gateway.Encrypt")).length;
};

describe("the denied-event budget's sources", () => {
  it("gives one IPv6 /64 one budget, however many addresses it sends from", () => {
    const addresses = Array.from({ length: 50 }, (_, i) => `2001:db8:1:2::${(i + 1).toString(16)}`);
    expect(admitted(addresses)).toBe(3);
  });

  it("gives separate /64s separate budgets", () => {
    expect(
      admitted(["2001:db8:1:2::1", "2001:db8:1:3::1", "2001:db8:1:2::2", "2001:db8:1:3::2"]),
    ).toBe(4);
  });

  it("counts an IPv4-mapped IPv6 address as its IPv4 address", () => {
    expect(admitted(["10.0.0.7", "::ffff:10.0.0.7", "::ffff:a00:7", "10.0.0.7", "10.0.0.8"])).toBe(
      4,
    );
  });

  it("names the bucket in summaries", () => {
    expect(sourceBucket("2001:DB8:0:1:aa:bb:cc:dd%eth0")).toBe("2001:db8:0:1::/64");
    expect(sourceBucket("::1")).toBe("0:0:0:0::/64");
    expect(sourceBucket("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(sourceBucket("192.0.2.1")).toBe("192.0.2.1");
    expect(sourceBucket("unix:/tmp/s")).toBe("unix:/tmp/s");
  });
});
