import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectBus, createAuditEmitter, publishJson, subjects } from "@keyfrag/bus";
import { createPolicyService, createPolicyStore, policyHandlers } from "@keyfrag/policy";
import {
  call,
  clientCredentials,
  createDevCa,
  createPolicyClient,
  issueCertificate,
  loadKeyfragProto,
  loadTlsFiles,
  type NodeRole,
  type PolicyClient,
  type RunningServer,
  serverCredentials,
  startServer,
} from "@keyfrag/rpc";
import { type TestNats, type TestRedis, testNats, testRedis } from "@keyfrag/test-support";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMethodService } from "../methods/method-service.js";
import { createMethodStore } from "../methods/method-store.js";
import { bootstrapAdmin } from "./admin-bootstrap.js";

// The bootstrap against a real policy service (in process, over mTLS) and real Redis and NATS,
// including the crashes and leftovers a first start can meet.
let dir: string;
let redis: TestRedis;
let nats: TestNats;
let server: RunningServer;
let policy: PolicyClient;
let run = 0;
let prefix: string;
let credentialsFile: string;

const quiet = { info: () => {}, warn: () => {} };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-bootstrap-"));
  const ca = await createDevCa(join(dir, "ca"));
  const tls = async (role: NodeRole) =>
    loadTlsFiles({
      caFile: ca.certFile,
      ...(await issueCertificate({ caDir: join(dir, "ca"), dir, name: role, role })),
    });
  redis = await testRedis();
  nats = await testNats();
  const nc = await connectBus(nats.url, "bootstrap-test-policy");
  const cluster = nats.name("boot");
  server = await startServer({
    address: "127.0.0.1:0",
    credentials: serverCredentials(await tls("policy")),
    services: [
      {
        definition: loadKeyfragProto().policy,
        implementation: policyHandlers({
          policy: createPolicyService({
            // One policy namespace for the file; each test starts without the admin role.
            store: createPolicyStore(redis.client, redis.key("policy")),
            publish: (change) => publishJson(nc, subjects(cluster).policyChanged, change),
          }),
          logger: console,
        }),
      },
    ],
  });
  policy = createPolicyClient(`127.0.0.1:${server.port}`, clientCredentials(await tls("auth")));
});

afterAll(async () => {
  policy?.close();
  await server?.shutdown(1_000);
  await nats?.[Symbol.asyncDispose]();
  await redis?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  run++;
  prefix = redis.key(`auth-${run}`);
  credentialsFile = join(dir, `credentials-${run}.json`);
  await call(policy, "DeleteRole", { name: "admin" }).catch(() => undefined);
});

afterEach(async () => {
  await rm(credentialsFile, { force: true });
});

function deps() {
  const audit = createAuditEmitter({
    nc: nats.nc,
    prefix: nats.name("audit"),
    service: "auth",
    auditKey: new Uint8Array(32).fill(1),
  });
  const store = createMethodStore(redis.client, prefix);
  // Token revocation and JWKS caches are not what is under test here.
  const methods = createMethodService({
    store,
    audit,
    tokens: { revokeAccessId: async () => {} },
    jwt: { evict: () => {} },
    maxTtlSeconds: 86_400,
  });
  return {
    store,
    methods,
    run: () =>
      bootstrapAdmin({
        redis: redis.client,
        prefix,
        methods,
        policy,
        audit,
        credentialsFile,
        nodeId: "auth-test",
        log: quiet,
        retryMs: 50,
      }),
  };
}

async function credentials(): Promise<{ access_id: string; access_key: string }> {
  return JSON.parse(await readFile(credentialsFile, "utf8"));
}

async function adminMembers(): Promise<string[]> {
  const list = await call(policy, "ListAssociations", { role_name: "admin", access_id: "" });
  return list.associations.map((a) => a.access_id);
}

describe("admin bootstrap", () => {
  it("runs once: a 0600 file, an admin role granted everything, one association", async () => {
    const d = deps();
    expect(await d.run()).toBe("bootstrapped");
    const created = await credentials();
    expect(created.access_id).toMatch(/^p-/);
    expect(created.access_key.length).toBeGreaterThan(20);
    const role = await call(policy, "GetRole", { name: "admin" });
    expect(role.rules.map((r) => r.rule_type).sort()).toEqual([
      "audit",
      "auth-method",
      "item",
      "role",
    ]);
    // Everything includes signing, which read does not grant.
    expect(role.rules.find((r) => r.rule_type === "item")?.capabilities).toEqual([
      "create",
      "read",
      "update",
      "delete",
      "list",
      "sign",
    ]);
    expect(await adminMembers()).toEqual([created.access_id]);

    expect(await d.run()).toBe("already-done");
    expect((await credentials()).access_id).toBe(created.access_id);
  });

  it("after a crash before the file was written, replaces the never-shown key", async () => {
    const d = deps();
    await writeFile(credentialsFile, "stale"); // makes the first attempt stop before "done"
    await expect(d.run()).rejects.toThrow(/exists .*move it away/);
    const [half] = await adminMembers();
    expect(half).toBeDefined();
    await rm(credentialsFile);

    expect(await d.run()).toBe("bootstrapped");
    const created = await credentials();
    expect(created.access_id).not.toBe(half);
    // The half-made method and its association are gone.
    expect(await d.store.byAccessId(half as string)).toBeUndefined();
    expect(await adminMembers()).toEqual([created.access_id]);
  });

  it("after a crash between writing the file and marking done, keeps the key in the file", async () => {
    const d = deps();
    expect(await d.run()).toBe("bootstrapped");
    const created = await credentials();
    // Roll the marker back to where such a crash would leave it.
    await redis.client.set(
      `${prefix}:bootstrap`,
      JSON.stringify({ state: "pending", accessId: created.access_id, roleCreated: true, at: 0 }),
    );
    expect(await d.run()).toBe("bootstrapped");
    expect(await credentials()).toEqual(created);
    expect(await d.store.byAccessId(created.access_id)).toBeDefined();
  });

  it("never takes over an admin role it did not create", async () => {
    await call(policy, "CreateRole", { name: "admin" });
    const d = deps();
    await expect(d.run()).rejects.toThrow(/role named admin exists/);
    expect(existsSync(credentialsFile)).toBe(false);
    // Once the operator removed it, the next start finishes the job.
    await call(policy, "DeleteRole", { name: "admin" });
    expect(await d.run()).toBe("bootstrapped");
    expect(await adminMembers()).toEqual([(await credentials()).access_id]);
  });

  it("never takes over an admin auth method it did not create", async () => {
    const d = deps();
    const theirs = await d.methods.create(
      {
        name: "admin",
        description: "",
        token_ttl_seconds: 0,
        access_key: { bound_cidrs: [] },
        method: "access_key",
      },
      { caller: "test" },
    );
    await expect(d.run()).rejects.toThrow(/auth method named admin exists/);
    // Still theirs on the next attempt.
    await expect(d.run()).rejects.toThrow(/auth method named admin exists/);
    expect(await d.store.byName("admin")).toMatchObject({ accessId: theirs.method.accessId });
  });

  it("lets only one of two racing replicas bootstrap", async () => {
    const [a, b] = [deps(), deps()];
    const outcomes = await Promise.all([a.run(), b.run()]);
    expect(outcomes.sort()).toEqual(["bootstrapped", "in-progress-elsewhere"]);
    expect(await adminMembers()).toHaveLength(1);
  });
});
