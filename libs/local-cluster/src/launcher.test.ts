import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestRedis, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimClusterState, LaunchError } from "./launcher.js";
import { localPaths } from "./topology.js";

let redis: TestRedis;
let scratch: string;

beforeAll(async () => {
  redis = await testRedis();
  scratch = await mkdtemp(join(tmpdir(), "kf-claim-"));
});
afterAll(async () => {
  await redis?.[Symbol.asyncDispose]();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function newHome(name: string): Promise<string> {
  const home = join(scratch, name);
  await mkdir(home, { recursive: true });
  return home;
}

describe("the cluster's Redis state belongs to one state folder", () => {
  it("a second folder on the same cluster name is stopped at once, told what to do", async () => {
    // Keys under the test's prefix: the cluster name is the Redis namespace.
    const cluster = redis.key("cl1");
    const first = await newHome("clone-1");
    await claimClusterState({ home: first, redisUrl: redis.url, cluster }, true);
    const id = (await readFile(localPaths(first).clusterId, "utf8")).trim();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    // The same folder again (a resumed cluster) is fine.
    await claimClusterState({ home: first, redisUrl: redis.url, cluster }, false);

    const second = await newHome("clone-2");
    const err = await claimClusterState({ home: second, redisUrl: redis.url, cluster }, true).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(LaunchError);
    const message = (err as Error).message;
    expect(message).toContain(`already holds a keyfrag cluster named "${cluster}"`);
    expect(message).toContain(`made by the state folder ${first} (another clone?)`);
    expect(message).toContain("pnpm start --fresh");
    expect(message).toContain(`KEYFRAG_CLUSTER=${cluster}2 pnpm start`);
  });

  it("a deleted state folder is told apart from a running cluster's", async () => {
    const cluster = redis.key("cl2");
    const home = await newHome("deleted");
    await claimClusterState({ home, redisUrl: redis.url, cluster }, true);
    await rm(home, { recursive: true });
    await mkdir(home);
    const err = await claimClusterState({ home, redisUrl: redis.url, cluster }, true).catch(
      (e) => e,
    );
    expect((err as Error).message).toContain(`a state folder that is gone (was ${home} deleted?)`);
  });

  it("state from before cluster ids is adopted by an older folder, refused for a new one", async () => {
    const cluster = redis.key("cl3");
    await redis.client.set(`${cluster}:auth:bootstrap`, "done");
    const fresh = await newHome("new");
    await expect(
      claimClusterState({ home: fresh, redisUrl: redis.url, cluster }, true),
    ).rejects.toThrow(/already holds a keyfrag cluster/);
    const older = await newHome("older");
    await claimClusterState({ home: older, redisUrl: redis.url, cluster }, false);
    await claimClusterState({ home: older, redisUrl: redis.url, cluster }, false);
  });
});
