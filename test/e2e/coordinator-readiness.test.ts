import { call, isRetryable } from "@keyfrag/rpc";
import { type Cluster, startCluster } from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const STALE_AFTER_MS = 10_000;

describe("a coordinator started while the fragment managers are still starting", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    // A long staleness period, so the restarted coordinator's bounded wait usually outlasts the
    // nodes' start; answers after it (a loaded machine) are not what this test is about.
    cluster = await startCluster({ coordinators: 2, staleAfterMs: STALE_AFTER_MS });
    const leader = await cluster.leaderIndex();
    await call(
      cluster.coordinator(leader),
      "CreateKey",
      { name: "/ready/aes", algorithm: "AES256GCM" },
      { deadlineMs: 60_000 },
    );
  }, 120_000);
  afterAll(async () => {
    await cluster?.[Symbol.asyncDispose]();
  });

  it("answers key lookups only once it knows a replica of every slot, and says not ready (retryable) before", async () => {
    const fresh = cluster.coordinators[1] as Cluster["coordinators"][number];
    await fresh.stop("SIGKILL");
    await Promise.all(cluster.nodes.map((n) => n.stop("SIGKILL")));
    // The coordinator's own start time is later than this, so until settledBy it has not settled.
    const settledBy = Date.now() + STALE_AFTER_MS;
    await fresh.start();
    // The nodes come up while the new coordinator already serves.
    const nodesUp = Promise.all(cluster.nodes.map((n) => n.start()));

    const lookup = { name: "/ready/aes", version: 0 };
    let notReady = 0;
    const incomplete: string[] = [];
    let complete = false;
    const end = Date.now() + 60_000;
    while (!complete && Date.now() < end) {
      try {
        const info = await call(cluster.coordinator(1), "GetKey", lookup, { deadlineMs: 2_000 });
        const empty = info.placement.filter((p) => p.replicas.length === 0).map((p) => p.slot);
        if (empty.length === 0) complete = true;
        else if (Date.now() < settledBy)
          incomplete.push(`slots ${empty.join(",")} without replicas`);
      } catch (err) {
        // Not ready is UNAVAILABLE, so a gateway's pool asks the other coordinator, which serves it.
        expect(isRetryable(err)).toBe(true);
        expect(String(err)).toMatch(/not ready/);
        notReady++;
        const other = await call(cluster.coordinator(0), "GetKey", lookup);
        expect(other.placement.every((p) => p.replicas.length > 0)).toBe(true);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await nodesUp;
    expect(incomplete).toEqual([]);
    expect(notReady).toBeGreaterThan(0);
    expect(complete).toBe(true);
    // And keys work again through it once the nodes are back.
    await cluster.waitForTopology();
  }, 120_000);
});
