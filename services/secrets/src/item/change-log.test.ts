import { type TestRedis, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChangeLog } from "./change-log.js";

// Against the real Redis: what a gateway polling the log is told.
describe("the item change log", () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await testRedis();
  });
  afterAll(async () => {
    await redis?.[Symbol.asyncDispose]();
  });

  it("tells a poller every item changed since it last asked, each once", async () => {
    const log = createChangeLog(redis.client, redis.key("a"));
    const start = await log.after(0, 100);
    expect(start).toEqual({ last: 1, names: [], truncated: false });
    await log.record("/x");
    await log.record("/y");
    await log.record("/x");
    const first = await log.after(start.last, 100);
    expect(first).toEqual({ last: 4, names: ["/y", "/x"], truncated: false });
    expect(await log.after(first.last, 100)).toEqual({ last: 4, names: [], truncated: false });
  });

  it("pages: the next page starts after the last name given", async () => {
    const log = createChangeLog(redis.client, redis.key("b"));
    const start = await log.after(0, 2);
    for (const n of ["/a", "/b", "/c"]) await log.record(n);
    const one = await log.after(start.last, 2);
    expect(one.names).toEqual(["/a", "/b"]);
    const two = await log.after(one.last, 2);
    expect(two).toEqual({ last: 4, names: ["/c"], truncated: false });
  });

  it("tells a poller that fell behind the kept part to drop everything", async () => {
    const log = createChangeLog(redis.client, redis.key("c"), 2);
    await log.record("/1");
    await log.record("/2");
    await log.record("/3");
    await log.record("/4");
    expect((await log.after(1, 100)).truncated).toBe(true);
    expect(await log.after(2, 100)).toEqual({ last: 4, names: ["/3", "/4"], truncated: false });
    // A position the log never reached (Redis was emptied): also drop everything.
    expect((await log.after(99, 100)).truncated).toBe(true);
  });
});
