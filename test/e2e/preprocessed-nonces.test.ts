/**
 * FROST with preprocessed nonces against real fragment-manager processes: a signature costs one
 * round trip to the slots, and a nonce commitment is never handed out twice nor used twice, also
 * when a fragment manager is killed and started again.
 */
import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { aggregateSignature, type NonceCommitment } from "@keyfrag/crypto";
import {
  coordinatorKeySource,
  createDfcClient,
  grpcReplicaPort,
  type ReplicaPort,
} from "@keyfrag/dfc-client";
import {
  type CoordinatorClient,
  call,
  clientCredentials,
  commitmentFromProto,
  commitmentToProto,
  FailedPreconditionError,
  type FragmentManagerClient,
  InvalidArgumentError,
  keyPublicFromProto,
  keyRefToProto,
  PermissionDeniedError,
  signatureShareFromProto,
} from "@keyfrag/rpc";
import { type Cluster, startCluster, waitFor } from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const enc = new TextEncoder();
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const KEY = "/sign/preprocessed";

let cluster: Cluster;
let coordinator: CoordinatorClient;
let ref: { keyId: Uint8Array; version: number };
let groupPublicKey: Uint8Array;
const fm: Record<string, FragmentManagerClient> = {};

const verifies = (message: Uint8Array, signature: Uint8Array) =>
  nodeVerify(
    null,
    message,
    createPublicKey({
      key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), groupPublicKey]),
      format: "der",
      type: "spki",
    }),
    signature,
  );

async function preprocess(nodeId: string, count: number) {
  const res = await call(fm[nodeId] as FragmentManagerClient, "SignPreprocess", {
    key: keyRefToProto(ref),
    epoch: 0,
    count,
  });
  return res.nonces.map((n) => ({
    nonceId: n.nonce_id,
    commitment: commitmentFromProto(
      n.commitment ?? { slot: 0, hiding: Buffer.alloc(0), binding: Buffer.alloc(0) },
    ),
  }));
}

async function share(
  nodeId: string,
  nonceId: string,
  commitments: NonceCommitment[],
  message: Uint8Array,
) {
  return signatureShareFromProto(
    await call(fm[nodeId] as FragmentManagerClient, "SignShare", {
      key: keyRefToProto(ref),
      epoch: 0,
      nonce_id: nonceId,
      commitments: commitments.map(commitmentToProto),
      message,
    }),
  );
}

beforeAll(async () => {
  // Two slots with one replica each: every signature needs both nodes.
  cluster = await startCluster({ slots: 2, placement: [{ region: "region-a", zone: "az-1" }] });
  coordinator = cluster.coordinator();
  const created = await call(
    coordinator,
    "CreateKey",
    { name: KEY, algorithm: "ED25519" },
    { deadlineMs: 60_000 },
  );
  if (!created.ref || !created.public_data) throw new Error("CreateKey answered without the key");
  ref = { keyId: new Uint8Array(created.ref.key_id), version: created.ref.version };
  groupPublicKey = (await keyOf()).groupPublicKey;
  for (const n of cluster.nodes) fm[n.nodeId] = await cluster.fragmentManager(n.nodeId);
}, 120_000);

afterAll(async () => {
  await cluster?.[Symbol.asyncDispose]();
});

describe("FROST with preprocessed nonces", () => {
  it("signs in one round on commitments handed out ahead, and refuses a nonce's second use", async () => {
    const [a] = await preprocess("fm-1a", 1);
    const [b] = await preprocess("fm-2a", 1);
    if (!a || !b) throw new Error("no nonces");
    const commitments = [a.commitment, b.commitment];
    const message = enc.encode("one round trip");
    const shares = [
      await share("fm-1a", a.nonceId, commitments, message),
      await share("fm-2a", b.nonceId, commitments, message),
    ];
    const signature = aggregateSignature(await keyOf(), commitments, message, shares);
    expect(verifies(message, signature)).toBe(true);
    await expect(share("fm-1a", a.nonceId, commitments, enc.encode("other"))).rejects.toThrow(
      FailedPreconditionError,
    );
  });

  it("never hands out or uses a commitment twice across a crash and restart of a fragment manager", async () => {
    const before = await preprocess("fm-1a", 8);
    const used = before.slice(0, 4);
    const unused = before.slice(4);
    const partner = await preprocess("fm-2a", 8);
    for (const [i, n] of used.entries()) {
      const p = partner[i] as (typeof partner)[number];
      const message = enc.encode(`before the crash ${i}`);
      await share("fm-1a", n.nonceId, [n.commitment, p.commitment], message);
    }

    const node = cluster.nodes.find((n) => n.nodeId === "fm-1a");
    if (!node) throw new Error("no fm-1a");
    await node.stop("SIGKILL");
    await node.start();
    await cluster.waitForTopology();

    // Used before the crash: refused after it.
    for (const [i, n] of used.entries()) {
      const p = partner[i] as (typeof partner)[number];
      await expect(
        share("fm-1a", n.nonceId, [n.commitment, p.commitment], enc.encode("again")),
      ).rejects.toThrow(FailedPreconditionError);
    }
    // Handed out before the crash and not used: good once, with the very same commitment.
    const key = await keyOf();
    for (const [i, n] of unused.entries()) {
      const p = partner[4 + i] as (typeof partner)[number];
      const commitments = [n.commitment, p.commitment];
      const message = enc.encode(`after the crash ${i}`);
      const shares = [
        await share("fm-1a", n.nonceId, commitments, message),
        await share("fm-2a", p.nonceId, commitments, message),
      ];
      expect(verifies(message, aggregateSignature(key, commitments, message, shares))).toBe(true);
      await expect(share("fm-1a", n.nonceId, commitments, enc.encode("twice"))).rejects.toThrow(
        FailedPreconditionError,
      );
    }
    // New ones after the restart repeat no id and no commitment handed out before it.
    const after = await preprocess("fm-1a", 16);
    const seen = new Set(before.flatMap((n) => [n.nonceId, hex(n.commitment.hiding)]));
    for (const n of after) {
      expect(seen.has(n.nonceId)).toBe(false);
      expect(seen.has(hex(n.commitment.hiding))).toBe(false);
    }
  });

  it("refuses bad requests for nonces with a clear error, and callers other than the gateway", async () => {
    const fm1 = fm["fm-1a"] as FragmentManagerClient;
    for (const count of [0, 65]) {
      await expect(
        call(fm1, "SignPreprocess", { key: keyRefToProto(ref), epoch: 0, count }),
      ).rejects.toThrow(/count must be a whole number from 1 to 64/);
    }
    await call(
      coordinator,
      "CreateKey",
      { name: "/sign/not-a-signing-key", algorithm: "AES256GCM" },
      { deadlineMs: 60_000 },
    );
    const aes = await call(coordinator, "GetKey", { name: "/sign/not-a-signing-key", version: 0 });
    await expect(call(fm1, "SignPreprocess", { key: aes.ref, epoch: 0, count: 1 })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(
      call(fm1, "SignPreprocess", { key: keyRefToProto(ref), epoch: 7, count: 1 }),
    ).rejects.toThrow(FailedPreconditionError);
    const asCoordinator = await cluster.fragmentManager("fm-1a", "coordinator");
    await expect(
      call(asCoordinator, "SignPreprocess", { key: keyRefToProto(ref), epoch: 0, count: 1 }),
    ).rejects.toThrow(PermissionDeniedError);
  });

  it("the dfc-client fetches commitments ahead and then signs with one SignShare per slot", async () => {
    const counts = { signCommit: 0, signPreprocess: 0, prepared: 0, signShare: 0 };
    const errors: string[] = [];
    const inner = grpcReplicaPort(clientCredentials(await cluster.tls("gateway")));
    const port: ReplicaPort = {
      evaluate: inner.evaluate,
      signCommit: (...a) => {
        counts.signCommit++;
        return inner.signCommit(...a);
      },
      signPreprocess: (...a) => {
        counts.signPreprocess++;
        return (inner.signPreprocess as NonNullable<ReplicaPort["signPreprocess"]>)(...a).then(
          (got) => {
            counts.prepared += got.length;
            return got;
          },
        );
      },
      signShare: (...a) => {
        counts.signShare++;
        return inner.signShare(...a);
      },
    };
    const dfc = createDfcClient({
      keys: coordinatorKeySource(coordinator),
      port,
      deadlineMs: 3_000,
      preprocessedNonces: { batch: 8 },
      onReplicaError: (e) => errors.push(`${e.replica.nodeId}: ${String(e.error)}`),
    });
    try {
      // The first signature takes two rounds and starts the fetch in the background.
      const first = enc.encode("first");
      expect(verifies(first, (await dfc.sign(KEY, first)).signature)).toBe(true);
      await waitFor(() => counts.prepared === 16, 10_000, "commitments fetched ahead");
      expect(counts.signPreprocess).toBe(2);
      const commitsBefore = counts.signCommit;
      const sharesBefore = counts.signShare;
      for (let i = 0; i < 6; i++) {
        const m = enc.encode(`one round ${i}`);
        expect(verifies(m, (await dfc.sign(KEY, m)).signature)).toBe(true);
      }
      expect(errors).toEqual([]);
      expect(counts.signCommit).toBe(commitsBefore);
      expect(counts.signShare - sharesBefore).toBe(12);
    } finally {
      inner.close();
    }
  });
});

async function keyOf() {
  const info = await call(coordinator, "GetKey", { name: KEY, version: 0 });
  return keyPublicFromProto(info.public_data);
}
