import {
  type AuditEvent,
  AuditEventSchema,
  auditMessageEvents,
  auditStreamName,
  createAuditEmitter,
} from "@keyfrag/bus";
import { parseEnvelope } from "@keyfrag/crypto";
import { createDfcClient, type DfcClient, grpcReplicaPort } from "@keyfrag/dfc-client";
import {
  type CallOptions,
  call,
  clientCredentials,
  type GatewayClient,
  loadKeyfragProto,
  type SecretsClient,
} from "@keyfrag/rpc";
import { adminLogin, type FullCluster, startFullCluster } from "@keyfrag/test-cluster";
import { Queue, QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemContext, sealValue } from "../keys/envelope.js";
import { createKeyService } from "../keys/key-service.js";
import { createCoordinatorPool } from "../upstream/coordinators.js";
import { DAY_MS, rotateKeyItem } from "./auto-rotation.js";
import { dfcDerive, type RewrapCounts } from "./rewrap.js";
import { createRotationJobs, type RotationJobs } from "./rotation-jobs.js";

const KEY = "/rot/k1";
const quiet = { info: () => {}, warn: () => {} };

// The whole platform as processes (the gateway serves users); the rotation jobs run in-process
// with a gateway certificate, built the way the gateway's main.ts builds its parts.
describe("rotation jobs", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;
  let secrets: SecretsClient;
  let keys: ReturnType<typeof createKeyService>;
  let dfc: DfcClient;
  let jobs: RotationJobs;
  let events: QueueEvents;
  let prefix: string;
  let clockOffsetMs = 0;
  /** Runs once during the rewrap, after it read `name`'s ciphertext and before it writes. */
  const duringRewrap = new Map<string, () => Promise<void>>();
  const closers: (() => unknown)[] = [];

  const value = async (name: string, version = 0) => {
    const res = await call(gw, "GetSecretValue", { names: [name], version }, admin);
    return Buffer.from(res.values[0]?.value ?? []).toString();
  };
  /** Every kept version of the secrets under KEY: name → version → envelope key version. */
  const stored = async (names: string[]) => {
    const out: Record<string, Record<number, { keyVersion: number; bytes: string }>> = {};
    for (const name of names) {
      const item = await call(secrets, "DescribeItem", { name });
      out[name] = {};
      for (const v of item.versions) {
        const res = await call(secrets, "GetVersions", { names: [name], version: v.version });
        const ct = new Uint8Array(res.versions[0]?.ciphertext ?? []);
        expect(res.versions[0]?.key_version).toBe(parseEnvelope(ct).keyVersion);
        (out[name] as Record<number, unknown>)[v.version] = {
          keyVersion: parseEnvelope(ct).keyVersion,
          bytes: Buffer.from(ct).toString("hex"),
        };
      }
    }
    return out;
  };
  const auditEvents = async () => {
    const stream = auditStreamName(full.env.clusterName);
    const { jsm } = full.env.nats;
    const info = await jsm.streams.info(stream);
    const events: AuditEvent[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (m) events.push(...auditMessageEvents(m.data).map((e) => AuditEventSchema.parse(e)));
    }
    return events;
  };
  const rewrap = async (keyName: string, toVersion: number): Promise<RewrapCounts> => {
    // No delay: the key was rotated through the gateway serving the reads, which forgot its cache.
    const id = await jobs.enqueueRewrap(keyName, toVersion, { delayMs: 0 });
    return new Promise((resolve, reject) => {
      const done = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
        if (jobId !== id) return;
        events.off("completed", done);
        resolve(returnvalue as RewrapCounts);
      };
      events.on("completed", done);
      events.on("failed", ({ jobId, failedReason }) => {
        if (jobId === id) reject(new Error(failedReason));
      });
    });
  };

  beforeAll(async () => {
    full = await startFullCluster();
    gw = full.client();
    admin = await adminLogin(full, gw, 60_000);

    const internal = clientCredentials(await full.env.pki.tls("gateway", "gateway-rotation"));
    const { Secrets } = loadKeyfragProto().grpcObject.keyfrag.v1;
    secrets = new Secrets(full.secrets.address, internal);
    const coordinators = createCoordinatorPool(
      full.fragments.coordinators.map((c) => c.address),
      internal,
    );
    const replicas = grpcReplicaPort(internal);
    keys = createKeyService({ coordinators, dfc: () => dfc });
    dfc = createDfcClient({ keys: keys.keySource, port: replicas });
    closers.push(
      () => secrets.close(),
      () => coordinators.close(),
      () => replicas.close(),
    );
    const audit = createAuditEmitter({
      nc: full.env.nats.nc,
      prefix: full.env.clusterName,
      service: "gateway",
      auditKey: full.env.auditKey,
    });
    prefix = full.env.redis.key("rotation");
    const derive = dfcDerive(dfc);
    jobs = createRotationJobs({
      connection: full.env.redis.client,
      prefix,
      secrets,
      keys,
      derive,
      // The seam for concurrent writes: the rewrap asks for the context right after reading.
      contextOf: async (item) => {
        const hook = duringRewrap.get(item.name);
        duringRewrap.delete(item.name);
        await hook?.();
        return itemContext(item.name);
      },
      rotate: rotateKeyItem({ keys, secrets }),
      audit,
      log: quiet,
      nodeId: "gateway-rotation",
      checkEveryMs: 3_600_000,
      backoffMs: 200,
      // The gateway process caches key versions for 5 s; this rotation happens behind its back.
      rewrapDelayMs: 5_500,
      now: () => Date.now() + clockOffsetMs,
    });
    const eventsConnection = full.env.redis.client.duplicate({ maxRetriesPerRequest: null });
    closers.push(() => eventsConnection.disconnect());
    events = new QueueEvents("rewrap", { connection: eventsConnection, prefix });
    await events.waitUntilReady();
    await jobs.start();
  }, 150_000);

  afterAll(async () => {
    await jobs?.close();
    await events?.close();
    for (const c of closers) c();
    await full?.[Symbol.asyncDispose]();
  });

  it("rewraps every stored version to the new key version; values and concurrent writes survive", async () => {
    await call(gw, "CreateDfcKey", { name: KEY, algorithm: "AES256GCM" }, admin);
    const secret = (name: string, v: string, maxVersions = 0) =>
      call(
        gw,
        "CreateSecret",
        { name, value: Buffer.from(v), key_name: KEY, max_versions: maxVersions },
        admin,
      );
    const update = (name: string, v: string) =>
      call(gw, "UpdateSecretVal", { name, value: Buffer.from(v) }, admin);
    await secret("/rot/app/a", "secret-value-a1");
    await update("/rot/app/a", "secret-value-a2");
    await secret("/rot/app/b", "secret-value-b1");
    // Updated during the rewrap: keeps one version, so the update prunes the one being moved.
    await secret("/rot/app/pruned", "secret-value-p1", 1);
    // Rewrapped by someone else between the rewrap's read and its write.
    await secret("/rot/app/raced", "r-1");
    await call(gw, "CreateSecret", { name: "/rot/other", value: Buffer.from("o") }, admin);
    const names = ["/rot/app/a", "/rot/app/b", "/rot/app/pruned", "/rot/app/raced"];
    expect(Object.values(await stored(names)).flatMap((vs) => Object.values(vs))).toEqual(
      Array(5).fill(expect.objectContaining({ keyVersion: 1 })),
    );

    await call(gw, "RotateKey", { name: KEY }, admin);
    duringRewrap.set("/rot/app/pruned", async () => {
      await update("/rot/app/pruned", "secret-value-p2");
    });
    duringRewrap.set("/rot/app/raced", async () => {
      const ciphertext = await sealValue(
        dfcDerive(dfc),
        { name: KEY, algorithm: "AES256GCM", version: 2 },
        Buffer.from("secret-value-raced"),
        itemContext("/rot/app/raced"),
      );
      const res = await call(secrets, "GetVersions", { names: ["/rot/app/raced"], version: 1 });
      await call(secrets, "ReplaceCiphertext", {
        name: "/rot/app/raced",
        version: 1,
        expected_ciphertext: res.versions[0]?.ciphertext ?? Buffer.alloc(0),
        ciphertext,
        key_name: KEY,
        key_version: 2,
      });
    });

    const counts = await rewrap(KEY, 2);
    expect(counts).toMatchObject({ rewrapped: 3, raced: 2, current: 0, unreadable: 0 });
    const after = await stored(names);
    expect(Object.values(after).flatMap((vs) => Object.values(vs))).toEqual(
      Array(5).fill(expect.objectContaining({ keyVersion: 2 })),
    );
    expect(Object.keys(after["/rot/app/pruned"] ?? {})).toEqual(["2"]);
    expect(await value("/rot/app/a", 1)).toBe("secret-value-a1");
    expect(await value("/rot/app/a")).toBe("secret-value-a2");
    expect(await value("/rot/app/b")).toBe("secret-value-b1");
    expect(await value("/rot/app/pruned")).toBe("secret-value-p2");
    expect(await value("/rot/app/raced")).toBe("secret-value-raced");
    expect(await value("/rot/other")).toBe("o");

    // A re-run (as after a crash) finds nothing to do and leaves every byte as it was.
    const again = await rewrap(KEY, 2);
    expect(again).toMatchObject({ rewrapped: 0, raced: 0, unreadable: 0 });
    expect(await stored(names)).toEqual(after);
  });

  it("rotates a key whose interval has passed, not one whose interval has not", async () => {
    await call(
      gw,
      "CreateDfcKey",
      { name: "/rot/due", algorithm: "AES256GCM", rotation_interval_days: 1 },
      admin,
    );
    await call(
      gw,
      "CreateDfcKey",
      { name: "/rot/later", algorithm: "AES256GCM", rotation_interval_days: 30 },
      admin,
    );
    await call(
      gw,
      "CreateSecret",
      { name: "/rot/due-secret", value: Buffer.from("d"), key_name: "/rot/due" },
      admin,
    );

    expect((await jobs.checkNow()).rotated).toEqual([]);
    clockOffsetMs = 2 * DAY_MS;
    const queued = new Promise<RewrapCounts>((resolve) => {
      events.on("completed", ({ returnvalue }) => resolve(returnvalue as unknown as RewrapCounts));
    });
    const result = await jobs.checkNow();
    expect(result).toEqual({ rotated: [{ name: "/rot/due", version: 2 }], failed: [] });
    const due = await call(secrets, "DescribeItem", { name: "/rot/due" });
    expect(due.dfc_key?.current_version).toBe(2);
    expect(
      (await call(secrets, "DescribeItem", { name: "/rot/later" })).dfc_key?.current_version,
    ).toBe(1);
    // The rotation queued a rewrap of the key's secrets to the new version.
    expect(await queued).toMatchObject({ rewrapped: 1 });
    expect((await stored(["/rot/due-secret"]))["/rot/due-secret"]?.[1]?.keyVersion).toBe(2);
    expect(await value("/rot/due-secret")).toBe("d");

    const mine = (await auditEvents()).filter(
      (e) => e.actor.accessId === "gateway:gateway-rotation",
    );
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "gateway.rotate-key",
          path: "/rot/due",
          result: "allowed",
          fields: expect.objectContaining({ version: "2", automatic: "true" }),
        }),
        expect.objectContaining({
          action: "gateway.rewrap",
          path: "/rot/due",
          fields: expect.objectContaining({ toVersion: "2", rewrapped: "1" }),
        }),
        expect.objectContaining({
          action: "gateway.rewrap",
          path: KEY,
          fields: expect.objectContaining({ rewrapped: "3", raced: "2" }),
        }),
      ]),
    );
    // Counts and names only: no value ever reaches the audit trail.
    // (Distinctive values: short ones like "b-1" also occur inside random event ids.)
    expect(JSON.stringify(mine)).not.toMatch(/secret-value-/);
  });
  it("a signing key's rotation queues no rewrap and audits no error", async () => {
    await call(
      gw,
      "CreateDfcKey",
      { name: "/rot/signer", algorithm: "ED25519", rotation_interval_days: 1 },
      admin,
    );
    clockOffsetMs = 4 * DAY_MS;
    const result = await jobs.checkNow();
    expect(result.rotated).toContainEqual({ name: "/rot/signer", version: 2 });
    expect(
      (await call(secrets, "DescribeItem", { name: "/rot/signer" })).dfc_key?.current_version,
    ).toBe(2);
    // Nothing is encrypted under a signing key: no rewrap was queued (one would wait out
    // rewrapDelayMs, then fail for good and audit an error).
    const queue = new Queue("rewrap", { connection: full.env.redis.client, prefix });
    closers.push(() => queue.close());
    // (Other keys of earlier tests may be due again at this clock: only the signer's jobs count.)
    const jobsOfSigner = (await queue.getJobs(["waiting", "delayed", "active", "failed"])).filter(
      (j) => (j.data as { keyName?: string }).keyName === "/rot/signer",
    );
    expect(jobsOfSigner).toEqual([]);
    const rewraps = (await auditEvents()).filter(
      (e) => e.action === "gateway.rewrap" && e.path === "/rot/signer",
    );
    expect(rewraps).toEqual([]);
  });
});
