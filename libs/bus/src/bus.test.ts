import { testNats } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import {
  connectBus,
  type Heartbeat,
  HeartbeatSchema,
  publishJson,
  subjects,
  subscribeJson,
} from "./index.js";

describe("bus", () => {
  it("delivers valid heartbeats and skips malformed ones without stopping", async () => {
    await using nats = await testNats();
    const prefix = nats.name("bus");
    const nc = await connectBus(nats.url, "bus-test");
    try {
      const got: Heartbeat[] = [];
      const invalid: unknown[] = [];
      const sub = subscribeJson(
        nc,
        subjects(prefix).heartbeat,
        HeartbeatSchema,
        (h) => got.push(h),
        (e) => invalid.push(e),
      );
      const hb: Heartbeat = {
        nodeId: "fm-1",
        region: "region-a",
        zone: "az-1",
        slot: 1,
        address: "127.0.0.1:1234",
        identityPublicKey: "ab".repeat(32),
        certificate: "MIIB",
        keys: [{ keyId: "cd".repeat(16), version: 1, epoch: 2, digest: "ef".repeat(32) }],
        sentAt: Date.now(),
      };
      publishJson(nc, subjects(prefix).heartbeat, { ...hb, slot: 0 });
      nc.publish(subjects(prefix).heartbeat, "not json");
      publishJson(nc, subjects(prefix).heartbeat, hb);
      await nc.flush();
      for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(got).toEqual([hb]);
      expect(invalid).toHaveLength(2);
      sub.unsubscribe();
    } finally {
      await nc.drain();
    }
  });
});
