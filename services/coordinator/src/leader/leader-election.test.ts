import { testRedis } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import { createLeaderElection } from "./leader-election.js";

const until = async (cond: () => boolean | Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("leader election", () => {
  it("elects one leader, fences the deposed one, and fails over when the leader stops", async () => {
    await using r = await testRedis();
    const namespace = r.key("coord");
    // a renews every second; b campaigns every 200 ms.
    const a = createLeaderElection({ redis: r.client, namespace, id: "coord-a", ttlMs: 3000 });
    const b = createLeaderElection({ redis: r.client, namespace, id: "coord-b", ttlMs: 600 });
    await a.start();
    expect(a.isLeader()).toBe(true);
    expect(await a.fencedWrite({ [r.key("decision")]: "from-a" })).toBe(true);
    expect(await b.fencedWrite({ [r.key("decision")]: "from-b" })).toBe(false);
    const firstToken = a.token();

    // a's lock vanishes behind its back (as if a had paused past its TTL) and b takes it:
    // a's writes are refused from then on, and a steps down at its next renewal.
    await r.client.del(`${namespace}:leader`);
    await b.start();
    expect(b.isLeader()).toBe(true);
    expect(b.token()).toBeGreaterThan(firstToken);
    expect(await a.fencedWrite({ [r.key("decision")]: "late-a" })).toBe(false);
    expect(await b.fencedWrite({ [r.key("decision")]: "from-b" }, [r.key("gone")])).toBe(true);
    expect(await r.client.get(r.key("decision"))).toBe("from-b");
    await until(() => !a.isLeader());
    expect(b.isLeader()).toBe(true);

    // The leader stops: the other one takes over.
    await b.stop();
    await until(() => a.isLeader());
    await a.stop();
  });
});
