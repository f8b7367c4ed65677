import {
  createDfcClient,
  type KeyView,
  type ReplicaPort,
  type ReplicaView,
} from "@keyfrag/dfc-client";
import type { FragmentService } from "@keyfrag/fragment-node";
import { UnavailableError } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InProcessKey, inProcessKey } from "./in-process-key.js";

let cluster: InProcessKey;
const slots = [1, 2, 3];
const NAME = "/health/aes";

beforeAll(async () => {
  cluster = await inProcessKey(NAME, slots);
});

afterAll(async () => {
  await cluster[Symbol.asyncDispose]();
});

const view = (): KeyView => ({
  name: NAME,
  ...cluster.ref,
  key: cluster.key,
  placement: new Map(
    slots.map((s) => [
      s,
      ["a", "b"].map((r) => ({ nodeId: `fm-${s}${r}`, address: `${s}${r}`, healthy: true })),
    ]),
  ),
});

/**
 * A ReplicaPort over the in-process services. A `dead` replica refuses the connection, as a
 * killed process does; every replica answers after `delayMs`. Each call is recorded per
 * derive as `[nodeId, ok]`.
 */
function port(state: { dead: Set<string>; delayMs: number; asked: [string, boolean][] }) {
  const svc = (r: ReplicaView) => cluster.replicas.get(r.nodeId) as FragmentService;
  const p: ReplicaPort = {
    async evaluate(r, req) {
      const dead = state.dead.has(r.nodeId);
      state.asked.push([r.nodeId, !dead]);
      if (state.delayMs) await new Promise((res) => setTimeout(res, state.delayMs));
      if (dead) throw new UnavailableError("connect ECONNREFUSED");
      return svc(r).evaluate({ ...req, blinded: [...req.blinded] });
    },
    signCommit: (r, req) => Promise.resolve(svc(r).signCommit(req)),
    signShare: (r, req) => Promise.resolve(svc(r).signShare(req)),
  };
  return p;
}

describe("dfc-client replica health", () => {
  it("stops asking a killed primary first after its first failure, and takes it back once it returns", async () => {
    const state = { dead: new Set(["fm-2a"]), delayMs: 0, asked: [] as [string, boolean][] };
    const dfc = createDfcClient({
      keys: async () => view(),
      port: port(state),
      replicaRetryAfterMs: 1_000,
    });
    const asked2 = () => state.asked.filter(([id]) => id.startsWith("fm-2"));

    // 20 calls while the primary of slot 2 is dead: all succeed, and only the first asks it first.
    const started = Date.now();
    let attempts = 0;
    for (let i = 0; i < 20; i++) {
      state.asked.length = 0;
      await dfc.derive(NAME, [new Uint8Array([i])]);
      const first = asked2()[0];
      if (i === 0) expect(first).toEqual(["fm-2a", false]);
      else expect(first?.[0]).toBe("fm-2b");
      attempts += asked2().filter(([id]) => id === "fm-2a").length;
    }
    // Its attempts: the first failure, then at most one probe per retry-after (1 s, 2 s, 4 s…).
    expect(attempts).toBeLessThanOrEqual(1 + Math.ceil((Date.now() - started) / 1_000));

    // Back: within a few retry-afters a probe finds it, and it is asked first again.
    state.dead.clear();
    const deadline = Date.now() + 15_000;
    let firstAgain = false;
    while (!firstAgain && Date.now() < deadline) {
      state.asked.length = 0;
      await dfc.derive(NAME, [new Uint8Array([200])]);
      firstAgain = asked2()[0]?.[0] === "fm-2a";
      if (!firstAgain) await new Promise((r) => setTimeout(r, 100));
    }
    expect(firstAgain).toBe(true);
    // And it stays first: the probe's success cleared it.
    state.asked.length = 0;
    await dfc.derive(NAME, [new Uint8Array([201])]);
    expect(asked2()).toEqual([["fm-2a", true]]);
  }, 30_000);

  it("hedges after the observed latency: replicas that are all slow but steady are not asked twice", async () => {
    // Every replica answers in 300 ms, more than the 250 ms a fixed hedge delay would wait.
    const state = { dead: new Set<string>(), delayMs: 300, asked: [] as [string, boolean][] };
    const dfc = createDfcClient({ keys: async () => view(), port: port(state) });
    // Warm-up: enough answers for a latency estimate (in parallel batches, to keep it short).
    for (let batch = 0; batch < 4; batch++) {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => dfc.derive(NAME, [new Uint8Array([batch, i])])),
      );
    }
    state.asked.length = 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => dfc.derive(NAME, [new Uint8Array([9, i])])),
    );
    // One ask per slot per call: no hedges (a fixed 250 ms delay would have doubled them).
    expect(state.asked.length).toBe(30);
  }, 60_000);
});
