import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConflictError,
  call,
  clientCredentials,
  FailedPreconditionError,
  InvalidArgumentError,
  type KeyfragError,
  loadKeyfragProto,
  type NodeRole,
  NotFoundError,
  PermissionDeniedError,
  type SecretsClient,
} from "@keyfrag/rpc";
import {
  createTestPki,
  requireBuilt,
  ServiceProcess,
  serviceScript,
  type TestPki,
} from "@keyfrag/test-cluster";
import { type TestNats, type TestRedis, testNats, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SecretsChange, secretsChangedSubject } from "./item/item-types.js";

let dir: string;
let pki: TestPki;
let redis: TestRedis;
let nats: TestNats;
let service: ServiceProcess;
let address: string;
const clients = new Map<NodeRole, SecretsClient>();
const events: SecretsChange[] = [];

const as = (role: NodeRole): SecretsClient => {
  const client = clients.get(role);
  if (!client) throw new Error(`no client for ${role}`);
  return client;
};
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as KeyfragError,
  );
const secret = (name: string, ciphertext = Buffer.from(`v1 of ${name}`)) => ({
  name,
  type: "static-secret",
  key_name: "/keys/main",
  key_version: 1,
  ciphertext,
});

beforeAll(async () => {
  requireBuilt(["secrets"]);
  dir = await mkdtemp(join(tmpdir(), "kf-secrets-process-"));
  pki = await createTestPki(dir);
  redis = await testRedis();
  nats = await testNats();
  const cluster = nats.name("secrets");
  nats.nc.subscribe(secretsChangedSubject(cluster), {
    callback: (_err, msg) => {
      events.push(msg.json());
    },
  });
  await nats.nc.flush();

  const own = await pki.certFiles("secrets", "secrets-1");
  service = new ServiceProcess("secrets", serviceScript("secrets"), join(dir, "secrets.log"));
  const ready = await service.start({
    KF_NODE_ID: "secrets-1",
    KF_LISTEN: "127.0.0.1:0",
    KF_TLS_CA: own.ca,
    KF_TLS_CERT: own.cert,
    KF_TLS_KEY: own.key,
    KF_REDIS_URL: redis.url,
    KF_REDIS_PREFIX: `${redis.prefix}secrets`,
    KF_NATS_URL: nats.url,
    KF_CLUSTER: cluster,
    KF_MAX_CIPHERTEXT_BYTES: "1024",
    KF_LOG_LEVEL: "warn",
  });
  expect(ready).toMatchObject({ ready: "secrets" });
  address = `localhost:${ready.port}`;
  const { Secrets } = loadKeyfragProto().grpcObject.keyfrag.v1;
  for (const role of ["gateway", "producers", "client", "policy"] as const) {
    clients.set(role, new Secrets(address, clientCredentials(await pki.tls(role))));
  }
});

afterAll(async () => {
  for (const client of clients.values()) client.close();
  await service?.stop();
  await nats?.[Symbol.asyncDispose]();
  await redis?.[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the secrets service process", () => {
  it("stores and serves items over mTLS for the gateway", async () => {
    const gw = as("gateway");
    const created = await call(gw, "CreateItem", {
      ...secret("/prod/db/password", Buffer.from([0, 1, 2, 255])),
      tags: ["db"],
    });
    expect(created).toMatchObject({
      name: "/prod/db/password",
      type: "static-secret",
      current_version: 1,
      max_versions: 10,
      dfc_key: null,
      sealed_key: null,
    });
    expect(Number(created.created_at_ms)).toBeGreaterThan(0);
    await call(gw, "PutVersion", {
      name: "/prod/db/password",
      ciphertext: Buffer.from("second"),
      key_version: 2,
      check_and_set: true,
      expected_version: 1,
    });
    const stale = await failure(
      call(gw, "PutVersion", {
        name: "/prod/db/password",
        ciphertext: Buffer.from("third"),
        key_version: 2,
        check_and_set: true,
        expected_version: 1,
      }),
    );
    expect(stale).toBeInstanceOf(FailedPreconditionError);
    expect(stale?.message).toContain("is 2, not 1");

    const { versions } = await call(as("producers"), "GetVersions", {
      names: ["/prod/db/password"],
      version: 1,
    });
    expect(versions).toEqual([
      {
        name: "/prod/db/password",
        type: "static-secret",
        version: 1,
        ciphertext: Buffer.from([0, 1, 2, 255]),
        key_name: "/keys/main",
        key_version: 1,
      },
    ]);
    const key = await call(gw, "CreateItem", {
      name: "/prod/keys/k1",
      type: "dfc-key",
      dfc_key: { algorithm: "AES256GCM", slots: 3, last_rotated_at_ms: "1700000000000" },
    });
    expect(key.dfc_key).toMatchObject({
      algorithm: "AES256GCM",
      threshold: 3,
      current_version: 1,
      last_rotated_at_ms: "1700000000000",
    });
    expect(
      (await call(gw, "AddKeyVersion", { name: "/prod/keys/k1", version: 2 })).current_version,
    ).toBe(2);

    const listed = await call(as("producers"), "ListItems", { path: "/prod", page_size: 1 });
    expect(listed.items.map((i) => i.name)).toEqual(["/prod/db/password"]);
    const next = await call(gw, "ListItems", { path: "/prod", page_token: listed.next_page_token });
    expect(next.items.map((i) => i.name)).toEqual(["/prod/keys/k1"]);
    expect(next.next_page_token).toBe("");

    await call(gw, "ReplaceCiphertext", {
      name: "/prod/db/password",
      version: 2,
      expected_ciphertext: Buffer.from("second"),
      ciphertext: Buffer.from("rewrapped"),
      key_version: 3,
    });
    const lost = await failure(
      call(gw, "ReplaceCiphertext", {
        name: "/prod/db/password",
        version: 2,
        expected_ciphertext: Buffer.from("second"),
        ciphertext: Buffer.from("again"),
        key_version: 4,
      }),
    );
    expect(lost).toBeInstanceOf(ConflictError);
    expect((await call(gw, "DeleteItem", { name: "/prod/db/password" })).deleted).toBe(true);
    expect(await failure(call(gw, "DescribeItem", { name: "/prod/db/password" }))).toBeInstanceOf(
      NotFoundError,
    );
    const restored = await call(gw, "RestoreItem", { name: "/prod/db/password" });
    expect(restored.versions.map((v) => [v.version, v.key_version])).toEqual([
      [1, 1],
      [2, 3],
    ]);

    await expect
      .poll(() => events.map((e) => `${e.kind} ${e.name} ${e.version}`))
      .toEqual([
        "created /prod/db/password 1",
        "version /prod/db/password 2",
        "created /prod/keys/k1 1",
        "version /prod/keys/k1 2",
        "replaced /prod/db/password 2",
        "deleted /prod/db/password 2",
        "restored /prod/db/password 2",
      ]);
  });

  it.each([
    ["client", "GetVersions"],
    ["client", "CreateItem"],
    ["producers", "CreateItem"],
    ["producers", "DeleteItem"],
    ["policy", "DescribeItem"],
  ] as const)("refuses %s calling %s", async (role, method) => {
    const request = {
      ...secret("/intruder/item"),
      ...(method === "GetVersions" ? { names: ["/prod/db/password"] } : {}),
    };
    const error = await failure(call(as(role), method as "CreateItem", request));
    expect(error).toBeInstanceOf(PermissionDeniedError);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["CreateItem", secret(""), "name is required"],
    ["CreateItem", secret("/a/../b"), 'name must not contain a ".." segment'],
    ["CreateItem", secret("/a/b/"), 'name must not end with "/"'],
    ["CreateItem", secret("/a/*"), 'name must not contain "*"'],
    ["CreateItem", secret("/a/\ud800"), "name is not valid UTF-8"],
    ["CreateItem", secret("/a/b", Buffer.alloc(1025)), "ciphertext is 1025 bytes"],
    ["CreateItem", { ...secret("/a/b"), type: "password" }, "type must be one of"],
    [
      "CreateItem",
      { name: "/a/k", type: "dfc-key", dfc_key: { algorithm: "RSA", slots: 3 } },
      "dfc_key.algorithm",
    ],
    [
      "CreateItem",
      { ...secret("/a/s"), type: "sealed-key", sealed_key: { algorithm: "RSA1024" } },
      "sealed_key.algorithm",
    ],
    ["PutVersion", { name: "/a//b", ciphertext: Buffer.from("x"), key_version: 1 }, "name"],
    ["PutVersion", { name: "/a/b", ciphertext: Buffer.alloc(2000), key_version: 1 }, "ciphertext"],
    ["GetVersions", { names: [] }, "names is required"],
    ["GetVersions", { names: ["/ok", "x"] }, "names[1]"],
    ["DescribeItem", { name: "/a/./b" }, "name"],
    ["ListItems", { path: "" }, "path is required"],
    ["ListItems", { path: "/", type: "nope" }, "type must be one of"],
    ["ListItems", { path: "/", page_size: 5000 }, "page_size"],
    ["ListItems", { path: "/", page_token: "%%%" }, "page_token"],
    ["DeleteItem", { name: "" }, "name is required"],
    ["RestoreItem", { name: "/a\u0001" }, "name must not contain control"],
    ["AddKeyVersion", { name: "/prod/keys/k1", version: 0 }, "version"],
    [
      "ReplaceCiphertext",
      { name: "/a/b", version: 1, ciphertext: Buffer.from("x"), key_version: 1 },
      "expected_ciphertext is required",
    ],
  ];
  it.each(bad)(
    "answers bad input to %s (%j) with INVALID_ARGUMENT",
    async (method, request, message) => {
      const error = await failure(
        call(as("gateway"), method as "DescribeItem", request as { name: string }),
      );
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error?.message).toContain(message);
    },
  );

  it("refuses a name whose bytes are not UTF-8", async () => {
    // DescribeItemRequest { name = 1 } hand-encoded, so the bytes reach the server unrepaired.
    const raw = Buffer.from([0x2f, 0x61, 0x2f, 0xc3, 0x28, 0xff]);
    const request = Buffer.concat([Buffer.from([0x0a, raw.length]), raw]);
    const error = await new Promise<{ code?: number; details?: string } | null>((resolve) => {
      as("gateway").makeUnaryRequest(
        "/keyfrag.v1.Secrets/DescribeItem",
        (b: Buffer) => b,
        (b: Buffer) => b,
        request,
        (err) => resolve(err),
      );
    });
    expect(error?.code).toBe(3);
    expect(error?.details).toContain("name is not valid UTF-8");
  });

  it("stored nothing from bad input and keeps serving", async () => {
    expect(service.running).toBe(true);
    const all = await call(as("gateway"), "ListItems", { path: "/", include_deleted: true });
    expect(all.items.map((i) => i.name)).toEqual(["/prod/db/password", "/prod/keys/k1"]);
  });

  it("exits 0 on SIGTERM", async () => {
    expect(await service.stop("SIGTERM")).toBe(0);
  });
});
