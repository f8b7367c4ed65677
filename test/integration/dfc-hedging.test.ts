import type { KeyPublic } from "@keyfrag/crypto";
import {
  createDfcClient,
  type KeyView,
  type ReplicaPort,
  type ReplicaView,
} from "@keyfrag/dfc-client";
import type { FragmentService } from "@keyfrag/fragment-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InProcessKey, inProcessKey } from "./in-process-key.js";

let cluster: InProcessKey;
let replicas: InProcessKey["replicas"];
let key: KeyPublic;
const slots = [1, 2, 3];

beforeAll(async () => {
  cluster = await inProcessKey("/hedge/aes", slots);
  replicas = cluster.replicas;
  key = cluster.key;
});

afterAll(async () => {
  await cluster[Symbol.asyncDispose]();
});

const view = (): KeyView => ({
  name: "/hedge/aes",
  ...cluster.ref,
  key,
  placement: new Map(
    slots.map((s) => [
      s,
      ["a", "b"].map((r) => ({ nodeId: `fm-${s}${r}`, address: `${s}${r}`, healthy: true })),
    ]),
  ),
});

/** A ReplicaPort over the in-process services; `slow` replicas answer after `delayMs`. */
function port(slow: Set<string>, delayMs: number, asked: string[]): ReplicaPort {
  const pause = (r: ReplicaView) =>
    slow.has(r.nodeId) ? new Promise((res) => setTimeout(res, delayMs)) : Promise.resolve();
  const svc = (r: ReplicaView) => replicas.get(r.nodeId) as FragmentService;
  return {
    async evaluate(r, req) {
      asked.push(r.nodeId);
      await pause(r);
      return svc(r).evaluate({ ...req, blinded: [...req.blinded] });
    },
    async signCommit(r, req) {
      await pause(r);
      return svc(r).signCommit(req);
    },
    async signShare(r, req) {
      await pause(r);
      return svc(r).signShare(req);
    },
  };
}

describe("dfc-client hedging", () => {
  it("asks the next replica when one is slow, and answers without waiting for the slow one", async () => {
    const asked: string[] = [];
    const dfc = createDfcClient({
      keys: async () => view(),
      port: port(new Set(["fm-2a"]), 3_000, asked),
      hedgeAfterMs: 100,
      deadlineMs: 5_000,
    });
    const started = Date.now();
    const fast = await dfc.derive("/hedge/aes", [new Uint8Array([1])]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(asked).toContain("fm-2b");
    // Same output as without any slow replica.
    const plain = createDfcClient({ keys: async () => view(), port: port(new Set(), 0, []) });
    const reference = await plain.derive("/hedge/aes", [new Uint8Array([1])]);
    expect(
      Buffer.from(fast.outputs[0] as Uint8Array).equals(
        Buffer.from(reference.outputs[0] as Uint8Array),
      ),
    ).toBe(true);
  });

  it("does not hedge when every replica answers in time", async () => {
    const asked: string[] = [];
    const dfc = createDfcClient({
      keys: async () => view(),
      port: port(new Set(), 0, asked),
      hedgeAfterMs: 1_000,
    });
    await dfc.derive("/hedge/aes", [new Uint8Array([2])]);
    expect(asked.sort()).toEqual(["fm-1a", "fm-2a", "fm-3a"]);
  });
});
