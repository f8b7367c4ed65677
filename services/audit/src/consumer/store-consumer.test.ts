import { randomUUID } from "node:crypto";
import {
  AUDIT_MAC_HEADER,
  type AuditEvent,
  auditEventMac,
  auditMacKey,
  createAuditEmitter,
  ensureAuditStream,
} from "@keyfrag/bus";
import { testNats, testRedis } from "@keyfrag/test-support";
import { headers } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createChainStore } from "../chain/chain-store.js";
import { startStoreConsumer } from "./store-consumer.js";

const auditKey = new Uint8Array(32).fill(7);
const quiet = { warn: () => {}, error: () => {} };

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("store consumer", () => {
  it("stores every emitted event once, in a chain that verifies, even when republished", async () => {
    await using redis = await testRedis();
    await using nats = await testNats();
    const cluster = nats.name("audit");
    const stream = await ensureAuditStream(nats.nc, cluster);
    const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
    const worker = await startStoreConsumer({
      nc: nats.nc,
      stream,
      chain,
      logger: quiet,
      auditKey,
    });
    try {
      const emitter = createAuditEmitter({ nc: nats.nc, prefix: cluster, service: "gw", auditKey });
      const events: AuditEvent[] = [];
      for (let i = 0; i < 20; i++) {
        events.push(
          (await emitter.emit({
            action: "read",
            path: `/a/${i}`,
            result: "allowed",
          })) as AuditEvent,
        );
      }
      await waitFor(async () => (await chain.head()).seq === 20);
      // The same event published again (no msg id, so JetStream's dedupe window does not help).
      const again = events[3];
      await nats.js.publish(`${cluster}.audit.events.gw`, JSON.stringify(again));
      await nats.js.publish(`${cluster}.audit.events.gw`, "not json at all");
      const marker = (await emitter.emit({ action: "marker", result: "allowed" })) as AuditEvent;
      await waitFor(async () => (await chain.recordsOfIds([marker.id]))[0] !== null);
      expect((await chain.head()).seq).toBe(21);
      const stored = await chain.records(Array.from({ length: 21 }, (_, i) => i + 1));
      expect(new Set(stored.map((r) => r?.id)).size).toBe(21);
      expect(stored.slice(0, 20).map((r) => r?.path)).toEqual(events.map((e) => e.path));
      expect(await chain.verify(7)).toMatchObject({ ok: true, records: 21, brokenSeq: 0 });
    } finally {
      await worker.stop();
    }
  });

  it("stores each event of a message that holds several, once, in emitted order", async () => {
    await using redis = await testRedis();
    await using nats = await testNats();
    const cluster = nats.name("audit");
    const stream = await ensureAuditStream(nats.nc, cluster);
    const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
    const worker = await startStoreConsumer({
      nc: nats.nc,
      stream,
      chain,
      logger: quiet,
      auditKey,
    });
    try {
      const emitter = createAuditEmitter({
        nc: nats.nc,
        prefix: cluster,
        service: "gw",
        auditKey,
        maxInFlight: 1,
      });
      const events = (await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          emitter.emit({ action: "read", path: `/batch/${i}`, result: "allowed" }),
        ),
      )) as AuditEvent[];
      expect((await nats.jsm.streams.info(stream)).state.messages).toBeLessThan(60);
      await waitFor(async () => (await chain.head()).seq === 60);
      const stored = await chain.records(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(stored.map((r) => r?.id)).toEqual(events.map((e) => e.id));
      expect(await chain.verify(7)).toMatchObject({ ok: true, records: 60, brokenSeq: 0 });
    } finally {
      await worker.stop();
    }
  });

  it("a store stopped under load loses nothing and writes nothing twice", async () => {
    await using redis = await testRedis();
    await using nats = await testNats();
    const cluster = nats.name("audit");
    const stream = await ensureAuditStream(nats.nc, cluster);
    const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
    const emitter = createAuditEmitter({ nc: nats.nc, prefix: cluster, service: "gw", auditKey });
    const ids = new Set<string>();
    const emitting = (async () => {
      for (let round = 0; round < 15; round++) {
        const burst = await Promise.all(
          Array.from({ length: 20 }, () => emitter.emit({ action: "a", result: "allowed" })),
        );
        for (const e of burst) if (e) ids.add(e.id);
      }
    })();
    const first = await startStoreConsumer({ nc: nats.nc, stream, chain, logger: quiet, auditKey });
    await waitFor(async () => (await chain.head()).seq >= 50);
    await first.stop();
    const second = await startStoreConsumer({
      nc: nats.nc,
      stream,
      chain,
      logger: quiet,
      auditKey,
    });
    try {
      await emitting;
      await waitFor(async () => (await chain.head()).seq >= 300);
      await new Promise((r) => setTimeout(r, 200));
      expect((await chain.head()).seq).toBe(300);
      const stored = await chain.records(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(new Set(stored.map((r) => r?.id))).toEqual(ids);
      expect((await chain.verify()).ok).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it("two store instances consuming at once build one consistent chain", async () => {
    await using redis = await testRedis();
    await using nats = await testNats();
    // The second replica has its own Redis and NATS connections, as another process would.
    const otherRedis = new Redis(redis.url);
    await using otherNats = await testNats();
    const cluster = nats.name("audit");
    const stream = await ensureAuditStream(nats.nc, cluster);
    const chains = [redis.client, otherRedis].map((client) =>
      createChainStore({ redis: client, prefix: redis.prefix, auditKey }),
    );
    // Records each replica wrote: both must have taken part.
    const written = [0, 0];
    const counting = chains.map((chain, i) => ({
      append: async (events: Parameters<typeof chain.append>[0]) => {
        const records = await chain.append(events);
        written[i] = (written[i] ?? 0) + records.length;
        return records;
      },
    }));
    const workers = await Promise.all(
      counting.map((chain, i) =>
        startStoreConsumer({
          nc: (i ? otherNats : nats).nc,
          stream,
          chain,
          logger: quiet,
          auditKey,
        }),
      ),
    );
    try {
      const emitter = createAuditEmitter({ nc: nats.nc, prefix: cluster, service: "gw", auditKey });
      const ids = new Set<string>();
      // Emit in parallel bursts so both replicas get work at the same time.
      for (let round = 0; round < 10; round++) {
        const burst = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            emitter.emit({ action: "write", path: `/r${round}/${i}`, result: "allowed" }),
          ),
        );
        for (const e of burst) if (e) ids.add(e.id);
      }
      const chain = chains[0];
      if (!chain) throw new Error("no chain");
      await waitFor(async () => (await chain.head()).seq >= 200);
      await new Promise((r) => setTimeout(r, 200));
      expect((await chain.head()).seq).toBe(200);
      const stored = await chain.records(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(new Set(stored.map((r) => r?.id))).toEqual(ids);
      expect((await chain.verify()).ok).toBe(true);
      expect(written[0]).toBeGreaterThan(0);
      expect(written[1]).toBeGreaterThan(0);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      otherRedis.disconnect();
    }
  });

  it("refuses events published straight to NATS without the audit key, and counts them", async () => {
    await using redis = await testRedis();
    await using nats = await testNats();
    const cluster = nats.name("audit");
    const stream = await ensureAuditStream(nats.nc, cluster);
    const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
    const refused: string[] = [];
    const worker = await startStoreConsumer({
      nc: nats.nc,
      stream,
      chain,
      logger: quiet,
      auditKey,
      onRefused: (why) => refused.push(why),
    });
    try {
      const forged = (over: Partial<AuditEvent> = {}): AuditEvent => ({
        id: randomUUID(),
        time: Date.now(),
        service: "gateway",
        actor: { authMethod: "admin", accessId: "p-admin", subClaims: {}, sourceAddress: "" },
        action: "gateway.delete-secret",
        path: "/prod/db/password",
        result: "allowed",
        requestId: "",
        leaseId: "",
        reason: "",
        fields: {},
        ...over,
      });
      const subject = `${cluster}.audit.events.gateway`;
      const publishWith = async (
        event: AuditEvent,
        key: Uint8Array | undefined,
        as = "gateway",
      ) => {
        const payload = JSON.stringify(event);
        const h = headers();
        if (key) h.set(AUDIT_MAC_HEADER, auditEventMac(auditMacKey(key, as), payload));
        await nats.js.publish(subject, payload, { headers: h });
        return event.id;
      };
      const forgedIds = [
        await publishWith(forged(), undefined), // no MAC at all
        await publishWith(forged(), new Uint8Array(32).fill(8)), // MAC'd under another key
        await publishWith(forged({ service: "auth" }), auditKey, "auth"), // genuine auth MAC, gateway subject
        await publishWith(forged(), auditKey, "auth"), // the auth service's key for a gateway event
      ];
      const emitter = createAuditEmitter({
        nc: nats.nc,
        prefix: cluster,
        service: "gateway",
        auditKey,
      });
      const genuine = (await emitter.emit({ action: "read", result: "allowed" })) as AuditEvent;
      await waitFor(async () => (await chain.recordsOfIds([genuine.id]))[0] !== null);
      expect(await chain.recordsOfIds(forgedIds)).toEqual([null, null, null, null]);
      expect((await chain.head()).seq).toBe(1);
      expect(refused.sort()).toEqual([
        "no valid MAC",
        "no valid MAC",
        "no valid MAC",
        "service does not match its subject",
      ]);
    } finally {
      await worker.stop();
    }
  });
});
