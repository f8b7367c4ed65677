import { connectBus, type NatsConnection } from "@keyfrag/bus";
import { testNats } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSecretCache } from "./secret-cache.js";
import { secretsChangedSubject, watchSecretChanges } from "./secret-changes.js";

describe("watchSecretChanges (real NATS)", () => {
  let nats: Awaited<ReturnType<typeof testNats>>;
  let nc: NatsConnection;
  let cluster: string;

  beforeAll(async () => {
    nats = await testNats();
    nc = await connectBus(nats.url, "gateway-cache-test");
    cluster = nats.name("kf");
  });
  afterAll(async () => {
    await nc?.drain();
    await nats?.[Symbol.asyncDispose]();
  });

  const filled = () => {
    const cache = createSecretCache({ ttlMs: 60_000, maxStaleMs: 60_000, maxEntries: 10 });
    for (const name of ["/a", "/b"]) {
      cache.put(cache.ticket(), 0, [{ name, version: 1, value: Buffer.from(name) }]);
    }
    return cache;
  };

  it("drops an item at once when a change event names it; bad events change nothing", async () => {
    const cache = filled();
    const invalid: unknown[] = [];
    const watch = watchSecretChanges({ nc, cluster, cache, onInvalid: (e) => invalid.push(e) });
    await watch.flush();
    nats.nc.publish(secretsChangedSubject(cluster), "not json");
    nats.nc.publish(secretsChangedSubject(cluster), JSON.stringify({ name: "/b" }));
    nats.nc.publish(
      secretsChangedSubject(cluster),
      JSON.stringify({ name: "/a", kind: "version", version: 2 }),
    );
    await nats.nc.flush();
    await expect.poll(() => cache.fresh(["/a"], 0)).toBeUndefined();
    expect(cache.fresh(["/b"], 0)).toBeDefined();
    expect(invalid).toHaveLength(2);
    watch.close();
  });

  it("drops everything after a NATS reconnect, since events may have been missed", async () => {
    const cache = filled();
    let resets = 0;
    const watch = watchSecretChanges({ nc, cluster, cache, onReset: () => resets++ });
    await nc.reconnect();
    await expect.poll(() => resets).toBe(1);
    expect(cache.size).toBe(0);
    watch.close();
  });
});
