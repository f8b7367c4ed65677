import { type TestRedis, testRedis } from "@keyfrag/test-support";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLeaseStore, type LeaseRecord } from "./lease-store.js";
import { createRevocations, type Revocations } from "./revocations.js";

const log = pino({ level: "silent" });

function lease(id: string, expiresInMs: number): LeaseRecord {
  const now = Date.now();
  return {
    id,
    dynamicSecret: id.slice(0, id.lastIndexOf("/")),
    target: "/t",
    type: "postgresql",
    externalId: `kf_${id.slice(id.lastIndexOf("/") + 1)}`,
    createdAtMs: now,
    expiresAtMs: now + expiresInMs,
    maxExpiresAtMs: now + 60_000,
    state: "active",
    lastError: "",
    failingSinceMs: 0,
    revokeAttempts: 0,
    accessId: "p-test",
  };
}

const until = async (cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
};

// BullMQ and the lease store against the real Redis; `process` stands for the revocation work.
describe("revocation jobs", () => {
  let redis: TestRedis;
  let connection: Redis;
  let revocations: Revocations | undefined;
  const calls: { id: string; at: number }[] = [];

  beforeEach(async () => {
    redis = await testRedis();
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    calls.length = 0;
  });

  afterEach(async () => {
    await revocations?.close();
    revocations = undefined;
    connection.disconnect();
    await redis[Symbol.asyncDispose]();
  });

  const start = (
    process: (id: string) => Promise<{ notDueUntil?: number } | undefined>,
    reconcileBatch?: number,
  ) => {
    const store = createLeaseStore(redis.client, redis.key("p"));
    revocations = createRevocations({
      connection,
      prefix: redis.key("bull"),
      log,
      baseBackoffMs: 50,
      maxBackoffMs: 200,
      reconcileEveryMs: 100,
      reconcileGraceMs: 0,
      expiredLeases: (before, limit, offset) => store.expiredIds(before, limit, offset),
      ...(reconcileBatch ? { reconcileBatch } : {}),
    });
    revocations.start(async (id) => {
      calls.push({ id, at: Date.now() });
      return process(id);
    });
    return { store, revocations };
  };

  it("runs at expiry, and at the new expiry after a reschedule", async () => {
    const { revocations } = start(async () => undefined);
    const a = lease("/ds/aaaaaaaaaa", 300);
    const b = lease("/ds/bbbbbbbbbb", 300);
    await revocations.schedule(a);
    await revocations.schedule(b);
    const bExpiresAtMs = Date.now() + 1_500;
    await revocations.reschedule({ ...b, expiresAtMs: bExpiresAtMs });
    await until(() => calls.some((c) => c.id === a.id));
    expect(calls.find((c) => c.id === a.id)?.at).toBeGreaterThanOrEqual(a.expiresAtMs - 50);
    // b runs at its new expiry, not at the old one: timed against its own expiry rather than
    // a's run, which a loaded machine can delay past it.
    await until(() => calls.some((c) => c.id === b.id));
    expect(calls.find((c) => c.id === b.id)?.at).toBeGreaterThanOrEqual(bExpiresAtMs - 50);
  });

  it("retries a failing revocation with backoff until it succeeds", async () => {
    let failures = 4;
    const { revocations } = start(async () => {
      if (failures-- > 0) throw new Error("target down");
      return undefined;
    });
    await revocations.schedule(lease("/ds/cccccccccc", 0));
    await until(() => calls.length === 5);
    const gaps = calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0));
    // 50, 100, 200, 200 ms (capped), give or take the worker's polling.
    expect(gaps[0]).toBeGreaterThanOrEqual(40);
    expect(gaps[3]).toBeGreaterThanOrEqual(150);
    expect(gaps[3]).toBeLessThan(2_000);
  });

  it("puts a job back when the lease was renewed past now (notDueUntil)", async () => {
    let first = true;
    const { revocations } = start(async () => {
      if (!first) return undefined;
      first = false;
      return { notDueUntil: Date.now() + 500 };
    });
    await revocations.schedule(lease("/ds/dddddddddd", 0));
    await until(() => calls.length === 2);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(400);
  });

  it("the safety net queues an expired lease that has no job (a crash between lease and job)", async () => {
    const { store } = start(async () => undefined);
    const orphaned = lease("/ds/eeeeeeeeee", -1_000);
    await redis.client.set(`${redis.key("p")}:ds:/ds`, "{}");
    await store.create(orphaned);
    await until(() => calls.some((c) => c.id === orphaned.id));
  });

  it("the safety net reaches every expired lease, however many older ones still wait for a retry", async () => {
    const { store, revocations } = start(async () => {
      throw new Error("target down");
    });
    await redis.client.set(`${redis.key("p")}:ds:/ds`, "{}");
    // More older expired leases than one pass looks at (200), each with a job waiting for a
    // retry far off; then one with no job at all.
    await Promise.all(
      Array.from({ length: 205 }, async (_, i) => {
        const old = lease(`/ds/old${String(i).padStart(7, "0")}`, -60_000 - i);
        await store.create(old);
        await revocations.schedule({ ...old, expiresAtMs: Date.now() + 600_000 });
      }),
    );
    const orphaned = lease("/ds/zzzzzzzzzz", -1_000);
    await store.create(orphaned);
    await until(() => calls.some((c) => c.id === orphaned.id), 5_000);
  });

  it("makes a delayed job due now (revoke by prefix)", async () => {
    const { revocations } = start(async () => undefined);
    const later = lease("/ds/ffffffffff", 60_000);
    await revocations.schedule(later);
    await revocations.dueNow(later.id);
    await until(() => calls.some((c) => c.id === later.id), 3_000);
  });
});
