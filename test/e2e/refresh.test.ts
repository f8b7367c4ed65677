import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import {
  type AuditEvent,
  AuditEventSchema,
  auditMessageEvents,
  auditStreamName,
} from "@keyfrag/bus";
import { call } from "@keyfrag/rpc";
import { type Cluster, startCluster, waitFor } from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const enc = new TextEncoder();
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
  await call(
    cluster.coordinator(),
    "CreateKey",
    { name: "/r/aes", algorithm: "AES256GCM" },
    { deadlineMs: 60_000 },
  );
  await call(
    cluster.coordinator(),
    "CreateKey",
    { name: "/r/signer", algorithm: "ED25519", threshold: 2 },
    { deadlineMs: 60_000 },
  );
}, 120_000);

afterAll(async () => {
  await cluster?.[Symbol.asyncDispose]();
});

const derive = async (input = "doc-1") =>
  hex((await cluster.dfc.derive("/r/aes", [enc.encode(input)])).outputs[0] as Uint8Array);

/** Epochs of `name` v1 at every node, as the leader sees them in heartbeats. */
async function epochs(name: string): Promise<Map<string, number>> {
  const s = await call(cluster.coordinator(), "ClusterStatus", {});
  return new Map(
    s.nodes
      .filter((n) => n.healthy)
      .map((n) => [n.node_id, n.keys.find((k) => k.name === name)?.epoch ?? -1]),
  );
}

const refresh = async (name: string) =>
  (await call(cluster.coordinator(), "RefreshKey", { name, version: 0 }, { deadlineMs: 60_000 }))
    .epoch;

describe("proactive refresh through the cluster", () => {
  it("refreshes while a client derives in a loop: no failed derive, identical outputs, every replica at the new epoch", async () => {
    const before = await derive();
    let stop = false;
    let ok = 0;
    const failures: unknown[] = [];
    const outputs = new Set<string>();
    const loop = (async () => {
      while (!stop && failures.length < 10) {
        try {
          outputs.add(await derive());
          ok++;
        } catch (err) {
          failures.push(err);
        }
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(await refresh("/r/aes")).toBe(1);
      await new Promise((r) => setTimeout(r, 800));
    } finally {
      stop = true;
      await loop;
    }
    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(5);
    expect([...outputs]).toEqual([before]);
    await waitFor(
      async () => [...(await epochs("/r/aes")).values()].every((e) => e === 1),
      10_000,
      "every replica at epoch 1",
    );
    const info = await call(cluster.coordinator(), "GetKey", { name: "/r/aes", version: 0 });
    expect(info.public_data?.epoch).toBe(1);
  });

  it("a refreshed signing key keeps its public key, and its signatures verify", async () => {
    const m = enc.encode("sign after refresh");
    const first = await cluster.dfc.sign("/r/signer", m);
    expect(await refresh("/r/signer")).toBe(1);
    const second = await cluster.dfc.sign("/r/signer", m);
    expect(hex(second.view.key.groupPublicKey)).toBe(hex(first.view.key.groupPublicKey));
    const spki = Buffer.concat([
      Buffer.from("302a300506032b6570032100", "hex"),
      second.view.key.groupPublicKey,
    ]);
    expect(
      nodeVerify(
        null,
        m,
        createPublicKey({ key: spki, format: "der", type: "spki" }),
        second.signature,
      ),
    ).toBe(true);
  });

  it("a replica that was down during a refresh catches up from a same-slot peer when it returns", async () => {
    const before = await derive();
    const node = (id: string) =>
      cluster.nodes.find((n) => n.nodeId === id) as Cluster["nodes"][number];
    await node("fm-3b").stop("SIGKILL");
    await waitFor(
      async () => !(await epochs("/r/aes")).has("fm-3b"),
      10_000,
      "fm-3b marked unhealthy",
    );
    expect(await refresh("/r/aes")).toBe(2);
    await node("fm-3b").start();
    await waitFor(
      async () => (await epochs("/r/aes")).get("fm-3b") === 2,
      15_000,
      "fm-3b caught up to epoch 2",
    );
    // Prove it holds the right fragment: make it the only replica of slot 3.
    await Promise.all([node("fm-3a").stop("SIGKILL"), node("fm-3c").stop("SIGKILL")]);
    expect(await derive()).toBe(before);
    await Promise.all([node("fm-3a").start(), node("fm-3c").start()]);
    await cluster.waitForTopology();
    // A fragment manager stops cleanly on SIGTERM.
    expect(await node("fm-1c").process.stop("SIGTERM")).toBe(0);
    await node("fm-1c").start();
    await cluster.waitForTopology();
  });

  it("a replica whose fragments were lost is repaired from a same-slot peer", async () => {
    const before = await derive();
    const node = (id: string) =>
      cluster.nodes.find((n) => n.nodeId === id) as Cluster["nodes"][number];
    const fm = node("fm-2c");
    await fm.stop("SIGKILL");
    // Its disk is replaced: the fragments are gone (its keys and certificate are kept elsewhere).
    await rm(join(fm.dataDir, "fragments"), { recursive: true, force: true });
    await fm.start();
    // Its heartbeats announce nothing; the leader's repair pass catches it up from fm-2a or fm-2b.
    await waitFor(
      async () => {
        const e = await epochs("/r/aes");
        return e.get("fm-2c") === e.get("fm-2a") && (e.get("fm-2c") ?? -1) >= 0;
      },
      20_000,
      "fm-2c repaired",
    );
    // Prove it holds the right fragment: make it the only replica of slot 2.
    await Promise.all([node("fm-2a").stop("SIGKILL"), node("fm-2b").stop("SIGKILL")]);
    expect(await derive()).toBe(before);
    await Promise.all([node("fm-2a").start(), node("fm-2b").start()]);
    await cluster.waitForTopology();
  });

  it("records every key creation and refresh in the audit stream", async () => {
    const stream = auditStreamName(cluster.clusterName);
    const info = await cluster.nats.jsm.streams.info(stream);
    const events: AuditEvent[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await cluster.nats.jsm.streams.getMessage(stream, { seq });
      if (m) events.push(...auditMessageEvents(m.data).map((e) => AuditEventSchema.parse(e)));
    }
    const by = (action: string, path: string) =>
      events.filter((e) => e.service === "coordinator" && e.action === action && e.path === path);
    expect(by("coordinator.key.create", "/r/aes")).toMatchObject([
      { result: "allowed", fields: { algorithm: "AES256GCM", version: "1" } },
    ]);
    expect(by("coordinator.key.create", "/r/signer")).toHaveLength(1);
    // Refreshed twice above (epochs 1 and 2), each recorded with the epoch it reached.
    expect(by("coordinator.key.refresh", "/r/aes").map((e) => e.fields.epoch)).toEqual(
      expect.arrayContaining(["1", "2"]),
    );
  });
});
