import type { KeyPublic } from "@keyfrag/crypto";
import {
  createDeriveCoalescer,
  createDfcClient,
  type KeyView,
  type ReplicaPort,
  type ReplicaView,
} from "@keyfrag/dfc-client";
import type { FragmentService } from "@keyfrag/fragment-node";
import { InvalidArgumentError, UnavailableError } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InProcessKey, inProcessKey } from "./in-process-key.js";

let cluster: InProcessKey;
let key: KeyPublic;
const slots = [1, 2, 3];

beforeAll(async () => {
  cluster = await inProcessKey("/batch/aes", slots);
  key = cluster.key;
});

afterAll(async () => {
  await cluster[Symbol.asyncDispose]();
});

const view = (): KeyView => ({
  name: "/batch/aes",
  ...cluster.ref,
  key,
  placement: new Map(
    slots.map((s) => [
      s,
      ["a", "b"].map((r) => ({ nodeId: `fm-${s}${r}`, address: `${s}${r}`, healthy: true })),
    ]),
  ),
});

/** Evaluation requests seen by the replicas: which replica, how many elements. */
type Asked = { nodeId: string; elements: number }[];

/** A ReplicaPort over the in-process services; `corrupt` replicas flip a bit of their proof. */
function port(asked: Asked, corrupt: ReadonlySet<string> = new Set()): ReplicaPort {
  const svc = (r: ReplicaView) => cluster.replicas.get(r.nodeId) as FragmentService;
  return {
    async evaluate(r, req) {
      asked.push({ nodeId: r.nodeId, elements: req.blinded.length });
      const partial = await svc(r).evaluate({ ...req, blinded: [...req.blinded] });
      if (!corrupt.has(r.nodeId)) return partial;
      const proof = partial.proof.slice();
      proof[3] = (proof[3] as number) ^ 0x10;
      return { ...partial, proof };
    },
    signCommit: () => Promise.reject(new Error("unused")),
    signShare: () => Promise.reject(new Error("unused")),
  };
}

const inputs = (n: number, tag: number) =>
  Array.from({ length: n }, (_, i) => new Uint8Array([tag, i, i >> 8]));
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** The outputs of `xs` derived one at a time (the reference). */
async function oneByOne(xs: Uint8Array[]): Promise<string[]> {
  const dfc = createDfcClient({ keys: async () => view(), port: port([]) });
  const out: string[] = [];
  for (const x of xs) out.push(hex((await dfc.derive("/batch/aes", [x])).outputs[0] as Uint8Array));
  return out;
}

describe("batched derivation", () => {
  it("20 concurrent derivations of one key version cost one evaluation per slot, with the outputs of 20 separate ones", async () => {
    const asked: Asked = [];
    const dfc = createDfcClient({ keys: async () => view(), port: port(asked) });
    const coalescer = createDeriveCoalescer({ derive: dfc.derive });
    const xs = inputs(20, 1);
    const outputs = await Promise.all(xs.map((x) => coalescer.derive("/batch/aes", x)));
    expect(asked).toHaveLength(3);
    expect(asked.every((a) => a.elements === 20)).toBe(true);
    expect(outputs.map((o) => hex(o.output))).toEqual(await oneByOne(xs));
  });

  it("a batch never exceeds maxBatch; requests that arrive while one is in flight form the next", async () => {
    const asked: Asked = [];
    const dfc = createDfcClient({ keys: async () => view(), port: port(asked) });
    const coalescer = createDeriveCoalescer({ derive: dfc.derive, maxBatch: 8, windowMs: 50 });
    const xs = inputs(20, 2);
    const first = xs.slice(0, 12).map((x) => coalescer.derive("/batch/aes", x));
    await new Promise((r) => setTimeout(r, 1));
    const later = xs.slice(12).map((x) => coalescer.derive("/batch/aes", x));
    const outputs = await Promise.all([...first, ...later]);
    const sizes = asked.map((a) => a.elements);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20 * 3);
    expect(outputs.map((o) => hex(o.output))).toEqual(await oneByOne(xs));
  });

  it("one caller's bad input or version is refused to that caller alone; the rest of its batch succeeds", async () => {
    const asked: Asked = [];
    const dfc = createDfcClient({ keys: async () => view(), port: port(asked) });
    const coalescer = createDeriveCoalescer({ derive: dfc.derive });
    const xs = inputs(6, 3);
    const results = await Promise.allSettled([
      ...xs.slice(0, 3).map((x) => coalescer.derive("/batch/aes", x)),
      coalescer.derive("/batch/aes", new Uint8Array(0x10000)),
      coalescer.derive("/batch/aes", xs[3] as Uint8Array, -1),
      ...xs.slice(3).map((x) => coalescer.derive("/batch/aes", x)),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    const refused = results.filter((r) => r.status === "rejected").map((r) => r.reason);
    expect(refused.every((e) => e instanceof InvalidArgumentError)).toBe(true);
    expect(String(refused[0])).toMatch(/at most 65535 bytes/);
    expect(asked.every((a) => a.elements === 6)).toBe(true);
    const ok = results.flatMap((r) => (r.status === "fulfilled" ? [hex(r.value.output)] : []));
    expect(ok).toEqual(await oneByOne(xs));
  });

  it("a replica whose batch proof fails is named, and its slot's other replica serves the whole batch", async () => {
    const asked: Asked = [];
    const errors: { slot: number; node: string; message: string }[] = [];
    const dfc = createDfcClient({
      keys: async () => view(),
      port: port(asked, new Set(["fm-2a"])),
      onReplicaError: ({ slot, replica, error }) =>
        errors.push({ slot, node: replica.nodeId, message: String(error) }),
    });
    const coalescer = createDeriveCoalescer({ derive: dfc.derive });
    const xs = inputs(10, 4);
    const outputs = await Promise.all(xs.map((x) => coalescer.derive("/batch/aes", x)));
    expect(outputs.map((o) => hex(o.output))).toEqual(await oneByOne(xs));
    expect(errors).toEqual([
      {
        slot: 2,
        node: "fm-2a",
        message: expect.stringMatching(/slot 2: evaluation rejected: DLEQ proof did not verify/),
      },
    ]);
    expect(asked.map((a) => a.nodeId).sort()).toEqual(["fm-1a", "fm-2a", "fm-2b", "fm-3a"]);
  });

  it("when every replica of a slot answers with a bad proof, the batch fails UNAVAILABLE naming that slot", async () => {
    const dfc = createDfcClient({
      keys: async () => view(),
      port: port([], new Set(["fm-3a", "fm-3b"])),
    });
    const coalescer = createDeriveCoalescer({ derive: dfc.derive });
    const results = await Promise.allSettled(
      inputs(3, 5).map((x) => coalescer.derive("/batch/aes", x)),
    );
    for (const r of results) {
      expect(r.status).toBe("rejected");
      const reason = (r as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(UnavailableError);
      expect(String(reason)).toMatch(/slot 3/);
    }
  });

  it("a derivation that throws at once rejects its batch's callers instead of leaving them waiting", async () => {
    const coalescer = createDeriveCoalescer({
      derive: () => {
        throw new Error("no fragment cluster");
      },
    });
    const results = await Promise.allSettled([
      coalescer.derive("/batch/aes", new Uint8Array([1])),
      coalescer.derive("/batch/aes", new Uint8Array([2])),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/no fragment cluster/);
  });

  it("different key versions never share a batch", async () => {
    const seen: number[] = [];
    const coalescer = createDeriveCoalescer({
      derive: async (_name, xs, use) => {
        seen.push(use?.version ?? 0);
        return { outputs: xs.map(() => new Uint8Array(64)), view: view() };
      },
    });
    await Promise.all([
      coalescer.derive("/batch/aes", new Uint8Array([1]), 1),
      coalescer.derive("/batch/aes", new Uint8Array([2]), 2),
      coalescer.derive("/batch/aes", new Uint8Array([3]), 1),
      coalescer.derive("/batch/other", new Uint8Array([4]), 1),
    ]);
    expect(seen.sort()).toEqual([1, 1, 2]);
  });
});
