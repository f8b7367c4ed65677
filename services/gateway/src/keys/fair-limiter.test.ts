import { describe, expect, it } from "vitest";
import { asCaller, createFairLimiter } from "./fair-limiter.js";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the key-operation limit", () => {
  it("one caller's backlog delays another caller by about one operation, not the whole backlog", async () => {
    const limiter = createFairLimiter({ limit: 2, maxQueued: 1_000, what: "key operations" });
    const started: string[] = [];
    const op = (who: string) => async () => {
      started.push(who);
      await pause(5);
    };
    // 40 queued behind the 2 that run, before the other caller asks (no timing involved: the
    // order in which operations start is the limiter's choice alone).
    const flood = Array.from({ length: 40 }, () =>
      asCaller("p-flood", () => limiter.run(op("flood"))),
    );
    await asCaller("p-other", () => limiter.run(op("other")));
    // Freed permits go round the callers (the flood's turn came first): the other caller's one
    // operation starts after at most one more of the flood's, not after the 40.
    expect(started.slice(0, 2)).toEqual(["flood", "flood"]);
    expect(started.indexOf("other")).toBeLessThanOrEqual(3);
    await Promise.all(flood);
  });

  it("one caller cannot fill the shared queue and get every other caller refused", async () => {
    const limiter = createFairLimiter({ limit: 1, maxQueued: 20, what: "key operations" });
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const results = Array.from({ length: 25 }, () =>
      asCaller("p-flood", () => limiter.run(() => gate)).then(
        () => "ok",
        (err: Error) => err.message,
      ),
    );
    const other = asCaller("p-other", () => limiter.run(async () => "ran"));
    release();
    expect(await other).toBe("ran");
    const refused = (await Promise.all(results)).filter((r) => r !== "ok");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toBe("too many key operations in progress; try again later");
  });

  it("runs everything when there is room, and counts nothing afterwards", async () => {
    const limiter = createFairLimiter({ limit: 3, maxQueued: 100, what: "key operations" });
    const values = await Promise.all(
      Array.from({ length: 10 }, (_, i) => limiter.run(async () => i, `p-${i % 2}`)),
    );
    expect(values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(limiter.waiting).toBe(0);
  });
});
