import { createPublicKey, verify as nodeVerify } from "node:crypto";
import {
  type AuditEvent,
  AuditEventSchema,
  auditMessageEvents,
  auditStreamName,
} from "@keyfrag/bus";
import {
  coordinatorKeySource,
  createDfcClient,
  type DfcClient,
  grpcReplicaPort,
} from "@keyfrag/dfc-client";
import {
  call,
  clientCredentials,
  InvalidArgumentError,
  keyPublicFromProto,
  NotFoundError,
} from "@keyfrag/rpc";
import { type Cluster, startCluster } from "@keyfrag/test-cluster";
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
let dfc: DfcClient;
let closePort = () => {};

const coordinator = () => cluster.coordinator();
const rotate = (name: string) => call(coordinator(), "RotateKey", { name }, { deadlineMs: 60_000 });
const getKey = (name: string, version = 0) => call(coordinator(), "GetKey", { name, version });
/** The group public key of `name` at `version`, as the coordinator reports it. */
const groupKey = async (name: string, version: number) =>
  hex(keyPublicFromProto((await getKey(name, version)).public_data).groupPublicKey);
const derive = async (input: string, version?: number) =>
  hex((await dfc.derive("/rot/aes", [enc.encode(input)], { version })).outputs[0] as Uint8Array);

beforeAll(async () => {
  cluster = await startCluster();
  // A client that asks the coordinator for the version it names (the cluster's shared one
  // always asks for the newest).
  const port = grpcReplicaPort(clientCredentials(await cluster.tls("gateway")));
  closePort = () => port.close();
  dfc = createDfcClient({
    keys: coordinatorKeySource(coordinator(), 0),
    port,
    deadlineMs: 3_000,
    hedgeAfterMs: 500,
  });
  await call(
    coordinator(),
    "CreateKey",
    { name: "/rot/aes", algorithm: "AES256GCM" },
    { deadlineMs: 60_000 },
  );
  await call(
    coordinator(),
    "CreateKey",
    { name: "/rot/signer", algorithm: "ED25519", threshold: 2 },
    { deadlineMs: 60_000 },
  );
}, 120_000);

afterAll(async () => {
  closePort();
  await cluster?.[Symbol.asyncDispose]();
});

describe("key rotation", () => {
  it("makes a new version with a new public key; each version keeps its own outputs", async () => {
    const v1 = await derive("doc-1");
    const info = await rotate("/rot/aes");
    expect(info.ref?.version).toBe(2);
    expect(info.algorithm).toBe("AES256GCM");
    expect(info.public_data?.epoch).toBe(0);
    expect(info.public_data?.slots).toEqual([1, 2, 3]);
    expect(await groupKey("/rot/aes", 2)).not.toBe(await groupKey("/rot/aes", 1));

    expect(await derive("doc-1", 1)).toBe(v1);
    const v2 = await derive("doc-1", 2);
    expect(v2).not.toBe(v1);
    // The newest version is the default, for GetKey and for the client.
    expect((await getKey("/rot/aes")).ref?.version).toBe(2);
    expect(await derive("doc-1")).toBe(v2);
    const { view } = await dfc.derive("/rot/aes", [enc.encode("doc-1")]);
    expect(view.version).toBe(2);
  });

  it("signs with both versions of a rotated Ed25519 key, each under its own public key", async () => {
    const m = enc.encode("signed before and after rotation");
    expect((await rotate("/rot/signer")).ref?.version).toBe(2);
    const first = await dfc.sign("/rot/signer", m, { version: 1 });
    const second = await dfc.sign("/rot/signer", m);
    expect(first.view.version).toBe(1);
    expect(second.view.version).toBe(2);
    const k1 = first.view.key.groupPublicKey;
    const k2 = second.view.key.groupPublicKey;
    expect(hex(k1)).toBe(await groupKey("/rot/signer", 1));
    expect(hex(k2)).toBe(await groupKey("/rot/signer", 2));
    expect(hex(k1)).not.toBe(hex(k2));
    expect(nodeVerify(null, m, spki(k1), first.signature)).toBe(true);
    expect(nodeVerify(null, m, spki(k2), second.signature)).toBe(true);
    expect(nodeVerify(null, m, spki(k2), first.signature)).toBe(false);
  });

  it("refreshes an older version after rotation without changing its outputs", async () => {
    const before = await derive("doc-2", 1);
    const res = await call(
      coordinator(),
      "RefreshKey",
      { name: "/rot/aes", version: 1 },
      { deadlineMs: 60_000 },
    );
    expect(res.epoch).toBe(1);
    expect((await getKey("/rot/aes", 1)).public_data?.epoch).toBe(1);
    expect((await getKey("/rot/aes", 2)).public_data?.epoch).toBe(0);
    expect(await derive("doc-2", 1)).toBe(before);
  });

  it("runs concurrent rotations of one key one after the other, each making its own version", async () => {
    const done = await Promise.all([rotate("/rot/aes"), rotate("/rot/aes")]);
    expect(done.map((i) => i.ref?.version).sort()).toEqual([3, 4]);
    expect((await getKey("/rot/aes")).ref?.version).toBe(4);
    const keys = new Set(await Promise.all([1, 2, 3, 4].map((v) => groupKey("/rot/aes", v))));
    expect(keys.size).toBe(4);
    // The cluster status lists every version.
    const status = await call(coordinator(), "ClusterStatus", {});
    expect(
      status.keys.filter((k) => k.name === "/rot/aes").map((k) => [k.version, k.epoch] as const),
    ).toEqual([
      [1, 1],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
  });

  it("answers NOT_FOUND for a missing key or version and INVALID_ARGUMENT for bad input", async () => {
    await expect(rotate("/rot/missing")).rejects.toThrow(NotFoundError);
    await expect(getKey("/rot/aes", 9)).rejects.toThrow(NotFoundError);
    await expect(getKey("/rot/aes", 9)).rejects.toThrow(/v9/);
    await expect(derive("doc-1", 9)).rejects.toThrow(NotFoundError);
    await expect(rotate("")).rejects.toThrow(InvalidArgumentError);
    await expect(rotate("bad name!")).rejects.toThrow(InvalidArgumentError);
    await expect(derive("doc-1", -1)).rejects.toThrow(InvalidArgumentError);
    await expect(derive("doc-1", 1.5)).rejects.toThrow(InvalidArgumentError);
  });

  it("records every rotation in the audit stream", async () => {
    const stream = auditStreamName(cluster.clusterName);
    const info = await cluster.nats.jsm.streams.info(stream);
    const events: AuditEvent[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await cluster.nats.jsm.streams.getMessage(stream, { seq });
      if (m) events.push(...auditMessageEvents(m.data).map((e) => AuditEventSchema.parse(e)));
    }
    const rotations = (path: string) =>
      events.filter(
        (e) =>
          e.service === "coordinator" && e.action === "coordinator.key.rotate" && e.path === path,
      );
    expect(rotations("/rot/aes").map((e) => [e.result, e.fields.version])).toEqual(
      expect.arrayContaining([
        ["allowed", "2"],
        ["allowed", "3"],
        ["allowed", "4"],
      ]),
    );
    expect(rotations("/rot/signer")).toMatchObject([
      { result: "allowed", fields: { algorithm: "ED25519", version: "2", slots: "1,2,3" } },
    ]);
    expect(rotations("/rot/missing")).toMatchObject([{ result: "error" }]);
  });
});
