import { describe, expect, it } from "vitest";
import { filterBounded } from "./bounded-filter.js";

describe("a filter that asks policy once per name", () => {
  it("never has more than its bound of checks in flight, however many names", async () => {
    let inFlight = 0;
    let most = 0;
    const names = Array.from({ length: 500 }, (_, i) => `/k/${i}`);
    const kept = await filterBounded(names, 16, async (name) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return name.endsWith("0");
    });
    expect(most).toBeLessThanOrEqual(16);
    expect(kept).toEqual(names.filter((n) => n.endsWith("0")));
  });

  it("fails as the first failing check fails", async () => {
    await expect(
      filterBounded(["a", "b"], 16, async (n) => {
        if (n === "b") throw new Error("policy unavailable");
        return true;
      }),
    ).rejects.toThrow("policy unavailable");
  });

  it("answers nothing for no names", async () => {
    expect(await filterBounded([], 16, async () => true)).toEqual([]);
  });
});
