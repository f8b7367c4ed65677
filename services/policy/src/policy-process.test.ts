import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { subjects } from "@keyfrag/bus";
import {
  call,
  clientCredentials,
  createDevCa,
  createPolicyClient,
  InvalidArgumentError,
  issueCertificate,
  type KeyfragError,
  loadTlsFiles,
  type NodeRole,
  NotFoundError,
  PermissionDeniedError,
  type PolicyClient,
} from "@keyfrag/rpc";
import { ServiceProcess } from "@keyfrag/test-cluster";
import { type TestNats, type TestRedis, testNats, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "../dist/main.js");
let dir: string;
let redis: TestRedis;
let nats: TestNats;
let service: ServiceProcess;
const clients = new Map<NodeRole, PolicyClient>();
const events: { kind: string }[] = [];

const as = (role: NodeRole): PolicyClient => {
  const client = clients.get(role);
  if (!client) throw new Error(`no client for ${role}`);
  return client;
};
const identity = { access_id: "p-app", sub_claims: { env: { values: ["PROD"] } } };

beforeAll(async () => {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npx tsc --build\` first`);
  dir = await mkdtemp(join(tmpdir(), "kf-policy-process-"));
  const caDir = join(dir, "ca");
  const ca = await createDevCa(caDir);
  const issue = (role: NodeRole) =>
    issueCertificate({ caDir, dir: join(dir, "nodes"), name: role, role, nodeId: `${role}-1` });
  redis = await testRedis();
  nats = await testNats();
  const cluster = nats.name("policy");
  nats.nc.subscribe(subjects(cluster).policyChanged, {
    callback: (_err, msg) => {
      events.push(msg.json());
    },
  });

  const own = await issue("policy");
  service = new ServiceProcess("policy", script, join(dir, "policy.log"));
  const ready = await service.start({
    KF_NODE_ID: "policy-1",
    KF_LISTEN: "127.0.0.1:0",
    KF_TLS_CA: ca.certFile,
    KF_TLS_CERT: own.certFile,
    KF_TLS_KEY: own.keyFile,
    KF_REDIS_URL: redis.url,
    KF_REDIS_PREFIX: redis.prefix.replace(/:$/, ""),
    KF_NATS_URL: nats.url,
    KF_CLUSTER: cluster,
    KF_LOG_LEVEL: "warn",
  });
  expect(ready).toMatchObject({ ready: "policy" });
  for (const role of ["gateway", "auth", "secrets", "fragment-manager", "client"] as const) {
    const tls = await loadTlsFiles({ caFile: ca.certFile, ...(await issue(role)) });
    clients.set(role, createPolicyClient(`localhost:${ready.port}`, clientCredentials(tls)));
  }
});

afterAll(async () => {
  for (const client of clients.values()) client.close();
  if (service) expect(await service.stop()).toBe(0);
  await nats?.[Symbol.asyncDispose]();
  await redis?.[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the policy service process", () => {
  it("manages roles over mTLS and decides for a gateway", async () => {
    const gw = as("gateway");
    // The auth service bootstraps roles too.
    const role = await call(as("auth"), "CreateRole", { name: "app", description: "the app" });
    expect(role).toMatchObject({ name: "app", description: "the app", rules: [] });
    await call(gw, "SetRoleRule", {
      role_name: "app",
      rule: { rule_type: "item", path: "/prod/*", capabilities: ["read", "list"] },
    });
    const withDeny = await call(gw, "SetRoleRule", {
      role_name: "app",
      rule: { rule_type: "item", path: "/prod/keys/*", capabilities: ["deny"] },
    });
    expect(withDeny.rules.map((r) => r.path)).toEqual(["/prod/*", "/prod/keys/*"]);
    const association = await call(gw, "AssocRoleAuthMethod", {
      role_name: "app",
      access_id: "p-app",
      sub_claims: { env: { values: ["prod"] } },
    });
    expect(association).toMatchObject({ role_name: "app", access_id: "p-app" });
    expect(association.id).toMatch(/^ac-/);

    const allowed = await call(gw, "Authorize", {
      identity,
      rule_type: "item",
      path: "/prod/db/url",
      capability: "read",
    });
    expect(allowed).toMatchObject({ allowed: true, role_name: "app", rule: { path: "/prod/*" } });
    const denied = await call(as("secrets"), "Authorize", {
      identity,
      rule_type: "item",
      path: "/prod/keys/k1",
      capability: "read",
    });
    expect(denied).toMatchObject({
      allowed: false,
      role_name: "app",
      rule: { path: "/prod/keys/*" },
    });
    const byDefault = await call(gw, "Authorize", {
      identity,
      rule_type: "item",
      path: "/prod/db/url",
      capability: "update",
    });
    expect(byDefault).toMatchObject({ allowed: false, role_name: "", rule: null });
    expect(byDefault.reason).toContain("no rule of any role grants update on item /prod/db/url");

    const described = await call(gw, "DescribePermissions", { identity });
    expect(described.roles).toEqual([
      expect.objectContaining({ role_name: "app", association_id: association.id }),
    ]);
    expect((await call(gw, "ListRoles", {})).roles.map((r) => r.name)).toEqual(["app"]);
    expect((await call(gw, "GetRole", { name: "app" })).rules).toHaveLength(2);
    expect((await call(gw, "ListAssociations", { access_id: "p-app" })).associations).toHaveLength(
      1,
    );

    await call(gw, "DeleteRoleRule", { role_name: "app", rule_type: "item", path: "/prod/keys/*" });
    await call(gw, "DeleteAssociation", { id: association.id });
    await call(gw, "DeleteRole", { name: "app" });
    await expect
      .poll(() => events.map((e) => e.kind))
      .toEqual([
        "role-created",
        "rule-set",
        "rule-set",
        "association-created",
        "rule-deleted",
        "association-deleted",
        "role-deleted",
      ]);
  });

  it.each([
    ["fragment-manager", "Authorize"],
    ["client", "Authorize"],
    ["client", "CreateRole"],
    ["secrets", "CreateRole"],
    ["secrets", "DeleteRole"],
  ] as const)("refuses %s calling %s", async (role, method) => {
    const request =
      method === "Authorize"
        ? { identity, rule_type: "item", path: "/x", capability: "read" }
        : { name: "intruder" };
    await expect(call(as(role), method, request)).rejects.toThrow(PermissionDeniedError);
  });

  const bad: [string, Record<string, unknown>, new (m: string) => KeyfragError, string][] = [
    ["CreateRole", { name: "" }, InvalidArgumentError, "name"],
    ["GetRole", { name: "missing" }, NotFoundError, '"missing" does not exist'],
    ["ListRoles", { page_size: 100_000 }, InvalidArgumentError, "page_size"],
    ["DeleteRole", { name: "missing" }, NotFoundError, "does not exist"],
    ["SetRoleRule", { role_name: "x" }, InvalidArgumentError, "rule is required"],
    [
      "SetRoleRule",
      { role_name: "x", rule: { rule_type: "item", path: "/x", capabilities: ["own"] } },
      InvalidArgumentError,
      'unknown capability "own"',
    ],
    [
      "SetRoleRule",
      { role_name: "x", rule: { rule_type: "item", path: "/x//y", capabilities: ["read"] } },
      InvalidArgumentError,
      "rule.path",
    ],
    [
      "SetRoleRule",
      { role_name: "missing", rule: { rule_type: "item", path: "/x", capabilities: ["read"] } },
      NotFoundError,
      "does not exist",
    ],
    [
      "DeleteRoleRule",
      { role_name: "x", rule_type: "nope", path: "/x" },
      InvalidArgumentError,
      "rule_type",
    ],
    ["AssocRoleAuthMethod", { role_name: "x", access_id: "" }, InvalidArgumentError, "access_id"],
    [
      "AssocRoleAuthMethod",
      { role_name: "missing", access_id: "p-1" },
      NotFoundError,
      "does not exist",
    ],
    ["DeleteAssociation", { id: "" }, InvalidArgumentError, "id"],
    ["ListAssociations", { role_name: "bad name" }, InvalidArgumentError, "role_name"],
    [
      "Authorize",
      { rule_type: "item", path: "/x", capability: "read" },
      InvalidArgumentError,
      "identity is required",
    ],
    [
      "Authorize",
      { identity: { access_id: "" }, rule_type: "item", path: "/x", capability: "read" },
      InvalidArgumentError,
      "identity.access_id",
    ],
    [
      "Authorize",
      { identity, rule_type: "item", path: "x", capability: "read" },
      InvalidArgumentError,
      "path",
    ],
    [
      "Authorize",
      { identity, rule_type: "item", path: "/x", capability: "own" },
      InvalidArgumentError,
      "capability",
    ],
    ["DescribePermissions", {}, InvalidArgumentError, "identity is required"],
  ];
  it.each(bad)("answers bad input to %s (%j) clearly", async (method, request, type, message) => {
    const error = await call(as("gateway"), method as "GetRole", request as { name: string }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toContain(message);
  });

  it("keeps serving after all of that", async () => {
    expect(service.running).toBe(true);
    const decision = await call(as("gateway"), "Authorize", {
      identity,
      rule_type: "item",
      path: "/x",
      capability: "read",
    });
    expect(decision.allowed).toBe(false);
  });
});
