import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectBus, type NatsConnection, publishJson, subjects } from "@keyfrag/bus";
import {
  createPolicyService,
  createPolicyStore,
  type PolicyService,
  policyHandlers,
} from "@keyfrag/policy";
import {
  clientCredentials,
  createDevCa,
  createPolicyClient,
  type Identity,
  issueCertificate,
  loadKeyfragProto,
  loadTlsFiles,
  type NodeRole,
  type RunningServer,
  serverCredentials,
  startServer,
} from "@keyfrag/rpc";
import { type TestNats, type TestRedis, testNats, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPolicyDecisionCache } from "./decision-cache.js";

let dir: string;
let redis: TestRedis;
let nats: TestNats;
let cluster: string;
let server: RunningServer;
let client: ReturnType<typeof createPolicyClient>;
let authorizeCalls = 0;
/** A second policy replica, on its own Redis and NATS connections: "another connection". */
let other: PolicyService;
const connections: NatsConnection[] = [];

const identity: Identity = {
  access_id: "p-gw",
  sub_claims: { groups: { values: ["b", "a"] }, team: { values: ["x"] } },
};

async function replica(): Promise<PolicyService> {
  const nc = await connectBus(nats.url, "policy-test");
  connections.push(nc);
  return createPolicyService({
    store: createPolicyStore(redis.client.duplicate(), redis.prefix),
    publish: (change) => publishJson(nc, subjects(cluster).policyChanged, change),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-policy-client-"));
  const ca = await createDevCa(join(dir, "ca"));
  const tls = async (role: NodeRole) =>
    loadTlsFiles({
      caFile: ca.certFile,
      ...(await issueCertificate({ caDir: join(dir, "ca"), dir, name: role, role })),
    });
  redis = await testRedis();
  nats = await testNats();
  cluster = nats.name("policy");

  const served = await replica();
  // Counts the decisions the server really makes, to tell cache hits from RPCs.
  const counted: PolicyService = {
    ...served,
    authorize: (...args) => {
      authorizeCalls++;
      return served.authorize(...args);
    },
  };
  server = await startServer({
    address: "127.0.0.1:0",
    credentials: serverCredentials(await tls("policy")),
    services: [
      {
        definition: loadKeyfragProto().policy,
        implementation: policyHandlers({ policy: counted, logger: console }),
      },
    ],
  });
  client = createPolicyClient(`localhost:${server.port}`, clientCredentials(await tls("gateway")));
  other = await replica();

  await other.createRole({ name: "gw" });
  await other.setRoleRule("gw", { ruleType: "item", path: "/prod/*", capabilities: ["read"] });
  await other.assocRoleAuthMethod({ roleName: "gw", accessId: "p-gw" });
});

afterAll(async () => {
  client?.close();
  await server?.shutdown(0);
  for (const nc of connections) await nc.close();
  await nats?.[Symbol.asyncDispose]();
  await redis?.[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the policy decision cache", () => {
  it("answers a repeated decision from the cache, whatever the order of sub-claims", async () => {
    await using cache = disposable(
      createPolicyDecisionCache({ policy: client, nc: nats.nc, cluster, ttlMs: 60_000 }),
    );
    const before = authorizeCalls;
    const first = await cache.authorize(identity, "item", "/prod/a", "read");
    expect(first).toMatchObject({ allowed: true, role: "gw", rule: { path: "/prod/*" } });
    const reordered: Identity = {
      access_id: "p-gw",
      sub_claims: { team: { values: ["x"] }, groups: { values: ["a", "b"] } },
    };
    for (let i = 0; i < 5; i++) {
      expect(await cache.authorize(reordered, "item", "/prod/a", "read")).toEqual(first);
    }
    expect(authorizeCalls - before).toBe(1);
    // A different question is a different entry.
    expect((await cache.authorize(identity, "item", "/prod/a", "update")).allowed).toBe(false);
    expect(authorizeCalls - before).toBe(2);
  });

  it("decides again for an identity object changed in place, and shares entries with a frozen equal one", async () => {
    await using cache = disposable(
      createPolicyDecisionCache({ policy: client, nc: nats.nc, cluster, ttlMs: 60_000 }),
    );
    const before = authorizeCalls;
    const mutable: Identity = { access_id: "p-gw", sub_claims: {} };
    expect((await cache.authorize(mutable, "item", "/prod/m", "read")).allowed).toBe(true);
    // The same object, now someone else: never the first one's answer.
    mutable.access_id = "p-nobody";
    expect((await cache.authorize(mutable, "item", "/prod/m", "read")).allowed).toBe(false);
    expect(authorizeCalls - before).toBe(2);
    const frozen: Identity = Object.freeze({
      access_id: "p-gw",
      sub_claims: Object.freeze({}),
    });
    for (let i = 0; i < 3; i++) {
      expect((await cache.authorize(frozen, "item", "/prod/m", "read")).allowed).toBe(true);
    }
    expect(authorizeCalls - before).toBe(2);
  });

  it("turns a cached allow into a deny within a second of a change made elsewhere", async () => {
    await using cache = disposable(
      createPolicyDecisionCache({ policy: client, nc: nats.nc, cluster, ttlMs: 60_000 }),
    );
    expect((await cache.authorize(identity, "item", "/prod/b", "read")).allowed).toBe(true);
    const calls = authorizeCalls;
    expect((await cache.authorize(identity, "item", "/prod/b", "read")).allowed).toBe(true);
    expect(authorizeCalls).toBe(calls);

    const changedAt = Date.now();
    await other.setRoleRule("gw", { ruleType: "item", path: "/prod/b", capabilities: ["deny"] });
    let decision = await cache.authorize(identity, "item", "/prod/b", "read");
    while (decision.allowed && Date.now() - changedAt < 2_000) {
      await new Promise((r) => setTimeout(r, 10));
      decision = await cache.authorize(identity, "item", "/prod/b", "read");
    }
    expect(Date.now() - changedAt).toBeLessThan(1_000);
    expect(decision).toMatchObject({ allowed: false, role: "gw", rule: { path: "/prod/b" } });
    await other.deleteRoleRule("gw", "item", "/prod/b");
  });

  it("expires decisions after ttlMs", async () => {
    await using cache = disposable(
      createPolicyDecisionCache({ policy: client, nc: nats.nc, cluster, ttlMs: 50 }),
    );
    const before = authorizeCalls;
    await cache.authorize(identity, "item", "/prod/c", "read");
    await new Promise((r) => setTimeout(r, 80));
    await cache.authorize(identity, "item", "/prod/c", "read");
    expect(authorizeCalls - before).toBe(2);
  });

  it("drops everything after a NATS reconnect, since change events may have been missed", async () => {
    const nc = await connectBus(nats.url, "cache-test");
    connections.push(nc);
    await using cache = disposable(
      createPolicyDecisionCache({ policy: client, nc, cluster, ttlMs: 60_000 }),
    );
    await cache.authorize(identity, "item", "/prod/d", "read");
    expect(cache.size).toBe(1);
    const reconnected = waitForStatus(nc, "reconnect");
    await nc.reconnect();
    await reconnected;
    expect(cache.size).toBe(0);
    // Caching resumes once connected again.
    const before = authorizeCalls;
    await cache.authorize(identity, "item", "/prod/d", "read");
    await cache.authorize(identity, "item", "/prod/d", "read");
    expect(authorizeCalls - before).toBe(1);
  });

  it("never caches a failure", async () => {
    await using cache = disposable(
      createPolicyDecisionCache({ policy: client, nc: nats.nc, cluster, ttlMs: 60_000 }),
    );
    const bad: Identity = { access_id: "" };
    await expect(cache.authorize(bad, "item", "/prod/e", "read")).rejects.toThrow(
      "identity.access_id is required",
    );
    expect(cache.size).toBe(0);
  });
});

function disposable<T extends { close(): Promise<void> }>(value: T): T & AsyncDisposable {
  return Object.assign(value, { [Symbol.asyncDispose]: () => value.close() });
}

async function waitForStatus(nc: NatsConnection, type: string): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === type) {
      // Let the cache's own status listener see the same event first.
      await new Promise((r) => setTimeout(r, 20));
      return;
    }
  }
}
