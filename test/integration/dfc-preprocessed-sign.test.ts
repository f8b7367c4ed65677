/**
 * The dfc-client's one-round signing over real fragment services (in-process, with their
 * durable nonce stocks): it falls back to two rounds when a replica that handed out commitments
 * dies, and a bad signature share is blamed on its slot, never combined.
 */
import { verifyEd25519 } from "@keyfrag/crypto";
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
const NAME = "/preprocessed/signer";
const enc = new TextEncoder();

beforeAll(async () => {
  cluster = await inProcessKey(NAME, slots, "ed25519");
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

interface State {
  dead: Set<string>;
  /** Replicas whose signature shares are altered (a misbehaving node). */
  corrupt: Set<string>;
  calls: string[];
  prepared: number;
}

/** A ReplicaPort over the in-process services; a `dead` replica refuses every call. */
function port(state: State): ReplicaPort {
  const svc = (r: ReplicaView) => {
    if (state.dead.has(r.nodeId)) throw new UnavailableError("connect ECONNREFUSED");
    return cluster.replicas.get(r.nodeId) as FragmentService;
  };
  return {
    evaluate: () => Promise.reject(new Error("unused")),
    async signCommit(r, req) {
      state.calls.push(`commit ${r.nodeId}`);
      return svc(r).signCommit(req);
    },
    async signPreprocess(r, req) {
      state.calls.push(`preprocess ${r.nodeId}`);
      const got = await svc(r).signPreprocess(req);
      state.prepared += got.length;
      return got;
    },
    async signShare(r, req) {
      state.calls.push(`share ${r.nodeId}`);
      const share = await svc(r).signShare(req);
      if (!state.corrupt.has(r.nodeId)) return share;
      const altered = share.share.slice();
      altered[0] = (altered[0] ?? 0) ^ 1;
      return { ...share, share: altered };
    },
  };
}

async function waitPrepared(state: State, n: number) {
  for (let i = 0; i < 100 && state.prepared < n; i++) await new Promise((r) => setTimeout(r, 20));
  expect(state.prepared).toBeGreaterThanOrEqual(n);
}

describe("dfc-client one-round signing", () => {
  it("signs in one round, and in two when a replica that handed out commitments died", async () => {
    const state: State = { dead: new Set(), corrupt: new Set(), calls: [], prepared: 0 };
    const errors: string[] = [];
    const dfc = createDfcClient({
      keys: async () => view(),
      port: port(state),
      preprocessedNonces: { batch: 4 },
      onReplicaError: (e) => errors.push(e.replica.nodeId),
    });
    const m0 = enc.encode("first: two rounds, fetch starts");
    expect(
      verifyEd25519((await dfc.sign(NAME, m0)).signature, m0, cluster.key.groupPublicKey),
    ).toBe(true);
    await waitPrepared(state, 12);

    state.calls.length = 0;
    const m1 = enc.encode("one round");
    expect(
      verifyEd25519((await dfc.sign(NAME, m1)).signature, m1, cluster.key.groupPublicKey),
    ).toBe(true);
    expect(state.calls.filter((c) => !c.startsWith("preprocess"))).toEqual([
      "share fm-1a",
      "share fm-2a",
      "share fm-3a",
    ]);

    // fm-2a dies holding commitments the client has: the next signature still succeeds, in two
    // rounds over fm-2b, and fm-2a is reported.
    state.dead.add("fm-2a");
    state.calls.length = 0;
    const m2 = enc.encode("after a loss");
    expect(
      verifyEd25519((await dfc.sign(NAME, m2)).signature, m2, cluster.key.groupPublicKey),
    ).toBe(true);
    expect(state.calls).toContain("commit fm-2b");
    expect(errors).toContain("fm-2a");
  });

  it("blames a bad signature share on its slot and never returns a combination with it", async () => {
    const state: State = { dead: new Set(), corrupt: new Set(["fm-3a"]), calls: [], prepared: 0 };
    const errors: string[] = [];
    const dfc = createDfcClient({
      keys: async () => view(),
      port: port(state),
      preprocessedNonces: { batch: 4 },
      onReplicaError: (e) => errors.push(`${e.replica.nodeId}: ${String(e.error)}`),
    });
    const m0 = enc.encode("warm up");
    expect(
      verifyEd25519((await dfc.sign(NAME, m0)).signature, m0, cluster.key.groupPublicKey),
    ).toBe(true);
    await waitPrepared(state, 8);
    const m1 = enc.encode("with a corrupt replica");
    const { signature } = await dfc.sign(NAME, m1);
    expect(verifyEd25519(signature, m1, cluster.key.groupPublicKey)).toBe(true);
    expect(errors.some((e) => e.startsWith("fm-3a") && /slot 3/.test(e))).toBe(true);
  });
});
