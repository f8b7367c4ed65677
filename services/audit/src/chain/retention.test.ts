import { randomUUID } from "node:crypto";
import type { AuditEvent } from "@keyfrag/bus";
import { testRedis } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import { createChainStore } from "./chain-store.js";
import { createRetention, PRUNE_ACTION } from "./retention.js";

const auditKey = new Uint8Array(32).fill(4);
const DAY = 86_400_000;

function eventAt(time: number): AuditEvent {
  return {
    id: randomUUID(),
    time,
    service: "gateway",
    actor: { authMethod: "", accessId: "", subClaims: {}, sourceAddress: "198.51.100.7" },
    action: "gateway.get-secret-value",
    path: "/prod/db/password",
    result: "denied",
    requestId: "",
    leaseId: "",
    reason: "unauthenticated: token malformed",
    fields: {},
  };
}

describe("audit retention", () => {
  it("keeps the retention's worth of records, records each prune, and the chain verifies", async () => {
    await using redis = await testRedis();
    const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
    const now = Date.now();
    // 40 days of one event a day, oldest first.
    await chain.append(Array.from({ length: 40 }, (_, i) => eventAt(now - (40 - i) * DAY)));
    const recorded: { action: string; fields: Record<string, string> }[] = [];
    const retention = createRetention({
      chain,
      audit: { emit: async (e) => recorded.push(e) },
      logger: { error: () => {} },
      retentionMs: 30 * DAY,
      intervalMs: 3_600_000,
    });
    const first = await retention.pruneNow(now);
    // Days 40..31 ago are older than 30 days; day 30 is kept (a few ms younger than the cutoff).
    expect(first.pruned).toBe(10);
    expect(await redis.client.hlen(chain.keys.records)).toBe(30);
    expect(recorded).toEqual([
      {
        action: PRUNE_ACTION,
        result: "allowed",
        fields: {
          pruned: "10",
          prunedThroughSeq: "10",
          prunedThroughHash: first.checkpoint.hash,
          retentionMs: String(30 * DAY),
        },
      },
    ]);
    expect(await chain.verify()).toMatchObject({ ok: true, records: 30, prunedThroughSeq: 10 });
    // Nothing more to prune: no event.
    expect((await retention.pruneNow(now)).pruned).toBe(0);
    expect(recorded).toHaveLength(1);
    await retention.stop();
  });
});
