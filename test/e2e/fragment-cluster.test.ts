import { createPublicKey, verify as nodeVerify, X509Certificate } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { generateIdentityKeyPair, openFromIdentity } from "@keyfrag/crypto";
import {
  coordinatorKeySource,
  createDfcClient,
  grpcReplicaPort,
  type ReplicaView,
} from "@keyfrag/dfc-client";
import { createFragmentStore } from "@keyfrag/fragment-node";
import {
  ConflictError,
  call,
  clientCredentials,
  createCoordinatorClient,
  createDevCa,
  createFragmentManagerClient,
  InvalidArgumentError,
  issueCertificate,
  loadTlsFiles,
  NotFoundError,
  PermissionDeniedError,
  slotIdentityUris,
  UnavailableError,
} from "@keyfrag/rpc";
import { type Cluster, startCluster, waitFor } from "@keyfrag/test-cluster";
import { redisValues } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const enc = new TextEncoder();
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const spki = (raw: Uint8Array) =>
  createPublicKey({
    key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]),
    format: "der",
    type: "spki",
  });

let cluster: Cluster;
const seenOnNats: Uint8Array[] = [];
const replicaErrors: { slot: number; replica: ReplicaView; error: unknown }[] = [];
let dfc: ReturnType<typeof createDfcClient>;

beforeAll(async () => {
  // fm-2a, the primary of slot 2, answers every evaluation with a corrupted proof.
  cluster = await startCluster({
    fragmentManagerEnv: (id): Record<string, string> =>
      id === "fm-2a" ? { KF_FAULT_CORRUPT_EVALUATIONS: "true" } : {},
  });
  cluster.nats.nc.subscribe(`${cluster.clusterName}.>`, {
    callback: (_e, m) => {
      seenOnNats.push(m.data);
    },
  });
  dfc = createDfcClient({
    keys: coordinatorKeySource(cluster.coordinator(), 0),
    port: grpcReplicaPort(clientCredentials(await cluster.tls("gateway"))),
    deadlineMs: 3_000,
    hedgeAfterMs: 500,
    onReplicaError: (e) => replicaErrors.push(e),
  });
  await call(
    cluster.coordinator(),
    "CreateKey",
    { name: "/prod/aes", algorithm: "AES256GCM" },
    { deadlineMs: 60_000 },
  );
  await call(
    cluster.coordinator(),
    "CreateKey",
    { name: "/prod/signer", algorithm: "ED25519" },
    { deadlineMs: 60_000 },
  );
}, 120_000);

afterAll(async () => {
  await cluster?.[Symbol.asyncDispose]();
});

async function derive(input = "item-42") {
  const { outputs } = await dfc.derive("/prod/aes", [enc.encode(input)]);
  return hex(outputs[0] as Uint8Array);
}

async function signAndVerify(message = "release v1.2.3") {
  const m = enc.encode(message);
  const { signature, view } = await dfc.sign("/prod/signer", m);
  return nodeVerify(null, m, spki(view.key.groupPublicKey), signature);
}

describe("a 9-node cluster over 2 regions and 3 zones", () => {
  it("places every slot on a primary, another zone of its region and another region", async () => {
    const info = await call(cluster.coordinator(), "GetKey", { name: "/prod/aes", version: 0 });
    expect(info.placement.map((p) => p.replicas.map((r) => `${r.region}/${r.zone}`))).toEqual([
      ["region-a/az-1", "region-a/az-2", "region-b/az-1"],
      ["region-a/az-1", "region-a/az-2", "region-b/az-1"],
      ["region-a/az-1", "region-a/az-2", "region-b/az-1"],
    ]);
    expect(info.public_data?.threshold).toBe(3);
    // Every replica holds the key (DKG among primaries, then same-slot catch-up).
    await waitFor(async () => {
      const s = await call(cluster.coordinator(), "ClusterStatus", {});
      return s.nodes.every((n) => n.keys.length === 2);
    });
  });

  it("heartbeats carry a digest per held-key set, not every key; the coordinator fetches the sets that changed", async () => {
    const heartbeats = seenOnNats
      .map((m) => JSON.parse(Buffer.from(m).toString()) as Record<string, unknown>)
      .filter((m) => typeof m.heartbeat === "string")
      .map((m) => JSON.parse(m.heartbeat as string) as Record<string, unknown>);
    const latest = heartbeats.filter((h) => h.nodeId === "fm-3c").at(-1);
    expect(latest?.keys).toBeUndefined();
    const sets = latest?.keySets as { set: number; count: number; digest: string }[];
    expect(sets.reduce((n, s) => n + s.count, 0)).toBe(2);
    // What each node holds reached the coordinator through HeldKeys (the heartbeat has no list).
    const s = await call(cluster.coordinator(), "ClusterStatus", {});
    for (const n of s.nodes) {
      expect(n.key_versions_held).toBe(2);
      expect(n.keys.map((k) => `${k.name} v${k.version} e${k.epoch}`).sort()).toEqual([
        "/prod/aes v1 e0",
        "/prod/signer v1 e0",
      ]);
    }
  });

  it("pages ClusterStatus by key: each page lists its keys and what every node holds of them", async () => {
    const coordinator = cluster.coordinator();
    const first = await call(coordinator, "ClusterStatus", { page_size: 1 });
    expect(first.key_count).toBe(2);
    expect(first.keys.map((k) => k.name)).toEqual(["/prod/aes"]);
    expect(first.nodes.every((n) => n.keys.map((k) => k.name).join() === "/prod/aes")).toBe(true);
    expect(first.next_page_token).not.toBe("");
    // The token names no key (a gateway's caller may not be allowed to list the keys passed).
    expect(Buffer.from(first.next_page_token, "base64url").toString()).not.toMatch(/prod/);
    const second = await call(coordinator, "ClusterStatus", {
      page_size: 1,
      page_token: first.next_page_token,
    });
    expect(second.keys.map((k) => k.name)).toEqual(["/prod/signer"]);
    expect(second.next_page_token).toBe("");
    await expect(
      call(coordinator, "ClusterStatus", { page_token: "bm90LWEtdG9rZW4" }),
    ).rejects.toThrow(/page_token is not one ClusterStatus issued/);
    await expect(call(coordinator, "ClusterStatus", { page_size: 1_001 })).rejects.toThrow(
      /page_size must be at most 1000/,
    );
    // The coordinator still answers after refusing them.
    expect((await call(coordinator, "ClusterStatus", {})).keys).toHaveLength(2);
  });

  it("derives the same output for the same input, and different outputs for different inputs", async () => {
    const a = await derive("item-42");
    expect(await derive("item-42")).toBe(a);
    expect(await derive("item-43")).not.toBe(a);
    const { outputs } = await dfc.derive(
      "/prod/aes",
      ["x", "y", "item-42"].map((s) => enc.encode(s)),
    );
    expect(hex(outputs[2] as Uint8Array)).toBe(a);
  });

  it("signs with FROST; the signature verifies with node:crypto", async () => {
    expect(await signAndVerify()).toBe(true);
  });

  it("detects the replica returning corrupted partials and routes around it", async () => {
    // The first derive that asked fm-2a caught it (this one, or an earlier test's); since then
    // the client asks it last, so the errors are not cleared here.
    await derive();
    const blamed = replicaErrors.find((e) => e.replica.nodeId === "fm-2a");
    expect(blamed?.slot).toBe(2);
    expect(String(blamed?.error)).toMatch(/slot 2: evaluation rejected: DLEQ proof did not verify/);
  });

  it("answers bad requests with clear errors and keeps running", async () => {
    const coord = cluster.coordinator();
    await expect(
      call(coord, "CreateKey", { name: "/prod/aes", algorithm: "AES256GCM" }),
    ).rejects.toThrow(ConflictError);
    await expect(
      call(coord, "CreateKey", { name: "/x", algorithm: "KEY_ALGORITHM_UNSPECIFIED" }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(
      call(coord, "CreateKey", { name: "bad name!", algorithm: "AES256GCM" }),
    ).rejects.toThrow(/key name/);
    await expect(
      call(
        coord,
        "CreateKey",
        { name: "/t1", algorithm: "AES256GCM", threshold: 1 },
        { deadlineMs: 30_000 },
      ),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(call(coord, "GetKey", { name: "/nope", version: 0 })).rejects.toThrow(
      NotFoundError,
    );
    const fm = await cluster.fragmentManager("fm-1a");
    const info = await call(coord, "GetKey", { name: "/prod/aes", version: 0 });
    await expect(
      call(fm, "Evaluate", { key: info.ref, epoch: 0, blinded: [Buffer.alloc(32, 0xff)] }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(
      call(fm, "Evaluate", { key: { key_id: Buffer.alloc(3), version: 1 }, epoch: 0, blinded: [] }),
    ).rejects.toThrow(/key_id must be 16 bytes/);
    await expect(
      call(fm, "SignShare", {
        key: info.ref,
        epoch: 0,
        nonce_id: "nope",
        commitments: [],
        message: Buffer.alloc(1),
      }),
    ).rejects.toThrow(/nonce nope unknown/);
    // Still serving.
    expect(await derive()).toHaveLength(128);
  });

  it("refuses callers without a certificate of the cluster CA, or with the wrong role", async () => {
    const other = join(cluster.dir, "other-ca");
    await createDevCa(other);
    const f = await issueCertificate({
      caDir: other,
      dir: other,
      name: "intruder",
      role: "gateway",
    });
    const foreign = await loadTlsFiles({
      caFile: cluster.paths.ca,
      certFile: f.certFile,
      keyFile: f.keyFile,
    });
    const intruder = createCoordinatorClient(
      cluster.coordinators[0]?.address as string,
      clientCredentials(foreign),
    );
    await expect(call(intruder, "ClusterStatus", {}, { deadlineMs: 3_000 })).rejects.toThrow(
      UnavailableError,
    );
    intruder.close();
    // A valid certificate of role "client" may talk to the coordinator, never to a fragment manager.
    const asClient = await cluster.fragmentManager("fm-1b", "client");
    await expect(call(asClient, "NodeStatus", {})).rejects.toThrow(PermissionDeniedError);
    // The gateway uses keys but cannot move fragments; only the gateway changes keys.
    const asGateway = await cluster.fragmentManager("fm-1b", "gateway");
    const info = await call(cluster.coordinator(), "GetKey", { name: "/prod/aes", version: 0 });
    await expect(
      call(asGateway, "ExportFragment", { key: info.ref, epoch: 0, pending: false }),
    ).rejects.toThrow(PermissionDeniedError);
    const clientTls = await cluster.tls("client");
    const operator = createCoordinatorClient(
      cluster.coordinators[0]?.address as string,
      clientCredentials(clientTls),
    );
    await expect(
      call(operator, "CreateKey", { name: "/op/key", algorithm: "AES256GCM" }),
    ).rejects.toThrow(PermissionDeniedError);
    await expect(call(operator, "ClusterStatus", {})).resolves.toMatchObject({ leader: true });
    operator.close();
  });

  it("fragments go only to the pinned replicas of the same slot; identity keys cannot be substituted", async () => {
    const info = await call(cluster.coordinator(), "GetKey", { name: "/prod/aes", version: 0 });
    const exportAs = async (tls: Awaited<ReturnType<Cluster["tls"]>>) => {
      const c = createFragmentManagerClient(
        cluster.nodes[3]?.address as string,
        clientCredentials(tls),
      ); // fm-2a
      try {
        return await call(c, "ExportFragment", { key: info.ref, epoch: 0, pending: false });
      } finally {
        c.close();
      }
    };
    // Not the coordinator that orchestrates everything…
    await expect(exportAs(await cluster.tls("coordinator", "coord-x"))).rejects.toThrow(
      PermissionDeniedError,
    );
    // …nor a fragment manager certified for another slot.
    const attacker = generateIdentityKeyPair();
    const otherSlot = await cluster.tls(
      "fragment-manager",
      "fm-x1",
      slotIdentityUris(1, attacker.publicKey),
    );
    await expect(exportAs(otherSlot)).rejects.toThrow(
      /go only to other fragment managers of slot 2/,
    );
    // Nor a fragment manager the CA certified for slot 2 with a key of its own choosing: the CA
    // alone cannot make a replica, only the keys pinned when the slot's replicas were made can.
    const peer = generateIdentityKeyPair();
    const slotTwo = await cluster.tls(
      "fragment-manager",
      "fm-x2",
      slotIdentityUris(2, peer.publicKey),
    );
    await expect(exportAs(slotTwo)).rejects.toThrow(PermissionDeniedError);
    await expect(exportAs(slotTwo)).rejects.toThrow(/replicas pinned for slot 2/);
    // A CA-made certificate naming a pinned replica's key gets the fragment sealed to that
    // replica's key, which only the replica can open.
    const fm2b = await call(
      await cluster.fragmentManager("fm-2b", "coordinator"),
      "NodeStatus",
      {},
    );
    const posing = await cluster.tls(
      "fragment-manager",
      "fm-x3",
      slotIdentityUris(2, fm2b.identity_public_key),
    );
    const out = await exportAs(posing);
    expect(out.sealed_fragment.length).toBeGreaterThan(32);
    expect(() =>
      openFromIdentity({
        recipient: peer,
        senderPublicKey: out.sender_identity_public_key,
        sealed: out.sealed_fragment,
        context: [
          "keyfrag/catch-up/v1",
          hex(info.ref?.key_id ?? new Uint8Array()),
          1,
          2,
          0,
          "current",
        ],
      }),
    ).toThrow();

    // A DKG whose participant list swaps in another identity key for slot 2 is refused.
    const asCoordinator = createFragmentManagerClient(
      cluster.nodes[0]?.address as string,
      clientCredentials(await cluster.tls("coordinator", "coord-y")),
    );
    const primaries = [0, 3, 6].map((i) => cluster.nodes[i] as Cluster["nodes"][number]);
    const participants = await Promise.all(
      primaries.map(async (node) => {
        const status = await call(
          await cluster.fragmentManager(node.nodeId, "coordinator"),
          "NodeStatus",
          {},
        );
        const pem = await readFile(cluster.paths.cert(node.nodeId));
        return {
          slot: status.slot,
          identity_public_key:
            status.slot === 2 ? Buffer.from(attacker.publicKey) : status.identity_public_key,
          certificate: new X509Certificate(pem).raw,
        };
      }),
    );
    await expect(
      call(asCoordinator, "DkgRound1", {
        fencing_token: (await call(cluster.coordinator(), "ClusterStatus", {})).fencing_token,
        session_id: "swap",
        key: { key_id: Buffer.alloc(16, 7), version: 1 },
        suite: "RISTRETTO255",
        threshold: 3,
        participants,
      }),
    ).rejects.toThrow(
      /participant of slot 2: its certificate certifies another slot or identity key/,
    );
    asCoordinator.close();
  });

  it("believes only heartbeats a node signed: forged ones on NATS move no node and make no customer slot", async () => {
    const leader = cluster.coordinator(await cluster.leaderIndex());
    const address = (await call(leader, "ClusterStatus", {})).nodes.find(
      (n) => n.node_id === "fm-1a",
    )?.address;
    expect(address).toBeTruthy();
    // A real heartbeat of fm-1a as it went over NATS: signed, with its certificate.
    const real = seenOnNats
      .map((m) => JSON.parse(Buffer.from(m).toString()) as Record<string, unknown>)
      .map((m) =>
        typeof m.heartbeat === "string" ? (JSON.parse(m.heartbeat) as Record<string, unknown>) : m,
      )
      .findLast((h) => h.nodeId === "fm-1a");
    expect(real).toBeDefined();
    const subject = `${cluster.clusterName}.topology.heartbeat`;
    const moved = { ...real, address: "127.0.0.1:9", sentAt: Date.now() + 5_000 };
    // A node of slot 1 that does not exist, calling slot 1 a customer slot.
    const customer = { ...moved, nodeId: "fm-1z", customer: true };
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      // As any NATS client could: unsigned, and with a signature that is not over these words.
      for (const hb of [moved, customer]) {
        cluster.nats.nc.publish(subject, JSON.stringify(hb));
        const signature = `MEUCIQ${"A".repeat(90)}`;
        cluster.nats.nc.publish(
          subject,
          JSON.stringify({ heartbeat: JSON.stringify(hb), signature }),
        );
      }
      await new Promise((r) => setTimeout(r, 50));
      const nodes = (await call(leader, "ClusterStatus", {})).nodes;
      for (const n of nodes)
        if (n.node_id === "fm-1a" || n.node_id === "fm-1z") seen.add(`${n.node_id} ${n.address}`);
    }
    expect([...seen]).toEqual([`fm-1a ${address}`]);
  });

  it("no raw fragment is on disk, in Redis or on NATS", async () => {
    const secrets: string[] = [];
    for (const node of cluster.nodes) {
      const nodeKey = new Uint8Array(
        Buffer.from((await readFile(node.nodeKeyFile, "utf8")).trim(), "hex"),
      );
      const store = await createFragmentStore({ dir: node.dataDir, nodeKey });
      for (const held of await store.list()) {
        const rec = await store.get(held.keyId, held.version, held.epoch);
        if (rec) secrets.push(hex(rec.share.secret));
      }
      store.close();
    }
    expect(secrets).toHaveLength(18); // 9 nodes × 2 keys
    const haystacks: Buffer[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (!p.endsWith(".key")) haystacks.push(await readFile(p));
      }
    };
    await walk(cluster.dir);
    // The values as stored (not DUMP output, which compresses long strings).
    const inRedis = await redisValues(cluster.redis.client, `${cluster.redis.prefix}*`);
    // The scan did read the coordinator's key records: a key's public data is there in clear.
    expect(inRedis.some((v) => v.includes("/prod/aes"))).toBe(true);
    haystacks.push(...inRedis);
    haystacks.push(...seenOnNats.map((m) => Buffer.from(m)));
    expect(haystacks.length).toBeGreaterThan(20);
    for (const s of secrets) {
      const raw = Buffer.from(s, "hex");
      for (const h of haystacks) {
        expect(h.includes(raw)).toBe(false);
        expect(h.includes(Buffer.from(s))).toBe(false);
        expect(h.includes(Buffer.from(raw.toString("base64")))).toBe(false);
      }
    }
  });

  it("keeps working after losing a primary, then a zone, then a region; a lost slot is a clear UNAVAILABLE", async () => {
    const before = await derive();
    const stop = (ids: string[]) =>
      Promise.all(
        cluster.nodes.filter((n) => ids.includes(n.nodeId)).map((n) => n.stop("SIGKILL")),
      );

    await stop(["fm-1a"]); // a primary
    expect(await derive()).toBe(before);
    expect(await signAndVerify("after primary loss")).toBe(true);

    await stop(["fm-2a", "fm-3a"]); // the rest of region-a/az-1
    expect(await derive()).toBe(before);
    expect(await signAndVerify("after zone loss")).toBe(true);

    await stop(["fm-1b", "fm-2b", "fm-3b"]); // region-a entirely
    expect(await derive()).toBe(before);
    expect(await signAndVerify("after region loss")).toBe(true);

    await stop(["fm-2c"]); // every replica of slot 2
    await expect(dfc.derive("/prod/aes", [enc.encode("item-42")])).rejects.toThrow(
      /slot 2: no replica gave a valid answer/,
    );
    await expect(dfc.sign("/prod/signer", enc.encode("m"))).rejects.toThrow(UnavailableError);

    // Everything comes back; the cluster serves again.
    await Promise.all(cluster.nodes.filter((n) => !n.process.running).map((n) => n.start()));
    await cluster.waitForTopology();
    expect(await derive()).toBe(before);
  });
});
