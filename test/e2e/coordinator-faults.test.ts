import { call, UnavailableError } from "@keyfrag/rpc";
import { type Cluster, startCluster, waitFor } from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const enc = new TextEncoder();
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("a coordinator crashing at each step of the two-phase refresh", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
    await call(
      cluster.coordinator(),
      "CreateKey",
      { name: "/f/aes", algorithm: "AES256GCM" },
      { deadlineMs: 60_000 },
    );
  }, 120_000);
  afterAll(async () => {
    await cluster?.[Symbol.asyncDispose]();
  });

  const derive = async () =>
    hex((await cluster.dfc.derive("/f/aes", [enc.encode("payload")])).outputs[0] as Uint8Array);
  const keyEpoch = async () =>
    (await call(cluster.coordinator(), "GetKey", { name: "/f/aes", version: 0 })).public_data
      ?.epoch;
  const nodeEpochs = async () => {
    const s = await call(cluster.coordinator(), "ClusterStatus", {});
    return s.nodes.map((n) => n.keys.find((k) => k.name === "/f/aes")?.epoch);
  };

  // Before the commit record the refresh is undecided and recovery aborts it; from the commit
  // record on it is decided and recovery completes it.
  it.each([
    ["refresh:after-begin", 0],
    ["refresh:after-prepare-leaders", 0],
    ["refresh:after-prepare", 0],
    ["refresh:after-commit-record", 1],
    ["refresh:after-first-commit", 1],
  ] as const)(
    "crash at %s: the key keeps working and every replica converges (epoch +%i)",
    async (step, advance) => {
      const before = await derive();
      const from = (await keyEpoch()) as number;
      const coordinator = cluster.coordinators[0] as Cluster["coordinators"][number];
      await coordinator.stop();
      await coordinator.start({ KF_FAULT_STEP: step });
      await cluster.waitForTopology();
      await expect(
        call(
          cluster.coordinator(),
          "RefreshKey",
          { name: "/f/aes", version: 0 },
          { deadlineMs: 30_000 },
        ),
      ).rejects.toThrow(UnavailableError);
      expect(await coordinator.process.exited()).toBe(86);

      // The fragment managers still serve the key, at the epoch they hold.
      await coordinator.start();
      await cluster.waitForTopology();
      await waitFor(
        async () => (await keyEpoch()) === from + advance,
        10_000,
        `key at epoch ${from + advance}`,
      );
      await waitFor(
        async () => (await nodeEpochs()).every((e) => e === from + advance),
        15_000,
        `all 9 replicas at epoch ${from + advance}`,
      );
      expect(await derive()).toBe(before);
      // And the next refresh works normally.
      const next = await call(
        cluster.coordinator(),
        "RefreshKey",
        { name: "/f/aes", version: 0 },
        { deadlineMs: 30_000 },
      );
      expect(next.epoch).toBe(from + advance + 1);
      expect(await derive()).toBe(before);
    },
  );
});

describe("two coordinators", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      coordinators: 2,
      coordinatorEnv: { KF_REFRESH_INTERVAL_MS: "2000" },
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.[Symbol.asyncDispose]();
  });

  it("elect one leader; only it changes keys; the scheduled refresh runs; the other takes over when the leader dies", async () => {
    const leader = await cluster.leaderIndex();
    const follower = 1 - leader;
    const [s0, s1] = await Promise.all(
      [0, 1].map((i) => call(cluster.coordinator(i), "ClusterStatus", {})),
    );
    expect([s0?.leader, s1?.leader].filter(Boolean)).toHaveLength(1);

    await expect(
      call(cluster.coordinator(follower), "CreateKey", { name: "/l/aes", algorithm: "AES256GCM" }),
    ).rejects.toThrow(/not the leader/);
    await call(
      cluster.coordinator(leader),
      "CreateKey",
      { name: "/l/aes", algorithm: "AES256GCM" },
      { deadlineMs: 60_000 },
    );
    const before = hex(
      (await cluster.dfc.derive("/l/aes", [enc.encode("x")])).outputs[0] as Uint8Array,
    );

    // The BullMQ schedule refreshes the key every 2 s, run by the leader.
    const epochAt = async (i: number) =>
      (await call(cluster.coordinator(i), "GetKey", { name: "/l/aes", version: 0 })).public_data
        ?.epoch ?? 0;
    await waitFor(async () => (await epochAt(leader)) >= 1, 15_000, "a scheduled refresh");

    const oldToken = (await call(cluster.coordinator(leader), "ClusterStatus", {})).fencing_token;
    await cluster.coordinators[leader]?.stop("SIGKILL");
    await waitFor(
      async () => (await call(cluster.coordinator(follower), "ClusterStatus", {})).leader,
      15_000,
      "the follower to lead",
    );
    const reached = await epochAt(follower);
    await waitFor(
      async () => (await epochAt(follower)) > reached,
      15_000,
      "the new leader's scheduled refresh",
    );
    expect(
      hex((await cluster.dfc.derive("/l/aes", [enc.encode("x")])).outputs[0] as Uint8Array),
    ).toBe(before);

    // The deposed leader's token is now refused by fragment managers the new leader has used.
    const info = await call(cluster.coordinator(follower), "GetKey", {
      name: "/l/aes",
      version: 0,
    });
    const fm = await cluster.fragmentManager("fm-1a", "coordinator");
    await expect(
      call(fm, "RefreshAbort", {
        key: info.ref,
        epoch: (info.public_data?.epoch ?? 0) + 1,
        fencing_token: oldToken,
      }),
    ).rejects.toThrow(/another coordinator leads now/);
  });
});
