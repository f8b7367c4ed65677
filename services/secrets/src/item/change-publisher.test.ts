import { UnavailableError } from "@keyfrag/rpc";
import { type TestRedis, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChangeLog } from "./change-log.js";
import { createChangePublisher } from "./change-publisher.js";
import type { SecretsChange } from "./item-types.js";

const change = (name: string): SecretsChange => ({ name, kind: "version", version: 2 });
const until = async (ok: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 20));
};

// The real change log on the real Redis; `down` makes its writes fail as a lost connection does.
describe("publishing an item change", () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await testRedis();
  });
  afterAll(async () => {
    await redis?.[Symbol.asyncDispose]();
  });

  function setup(prefix: string, maxPending?: number) {
    const log = createChangeLog(redis.client, redis.key(prefix));
    const state = { down: false, announced: [] as string[] };
    const lost = () => Promise.reject(new Error("connection lost"));
    const publisher = createChangePublisher({
      changes: {
        record: (name) => (state.down ? lost() : log.record(name)),
        truncate: () => (state.down ? lost() : log.truncate()),
      },
      announce: (c) => state.announced.push(c.name),
      log: { error() {} },
      retryMs: 20,
      ...(maxPending ? { maxPending } : {}),
    });
    return { log, state, publisher };
  }

  it("fails the write UNAVAILABLE when the change log did not take it", async () => {
    const { state, publisher } = setup("a");
    state.down = true;
    await expect(publisher.publish(change("/x"))).rejects.toBeInstanceOf(UnavailableError);
    // The event still goes out, for the gateways that hear it.
    expect(state.announced).toEqual(["/x"]);
    publisher.close();
  });

  it("records the change once the log is back, so polling gateways still learn it", async () => {
    const { log, state, publisher } = setup("b");
    const start = await log.after(0, 100);
    state.down = true;
    await publisher.publish(change("/x")).catch(() => {});
    state.down = false;
    await until(async () => publisher.pending === 0);
    expect((await log.after(start.last, 100)).names).toEqual(["/x"]);
    publisher.close();
  });

  it("tells every gateway to drop its cache when too many changes went unrecorded", async () => {
    const { log, state, publisher } = setup("c", 2);
    const start = await log.after(0, 100);
    state.down = true;
    for (const n of ["/1", "/2", "/3"]) await publisher.publish(change(n)).catch(() => {});
    state.down = false;
    await until(async () => publisher.pending === 0);
    expect((await log.after(start.last, 100)).truncated).toBe(true);
    publisher.close();
  });

  it("records and announces a change when all is well", async () => {
    const { log, state, publisher } = setup("d");
    const start = await log.after(0, 100);
    await publisher.publish(change("/ok"));
    expect((await log.after(start.last, 100)).names).toEqual(["/ok"]);
    expect(state.announced).toEqual(["/ok"]);
  });
});
