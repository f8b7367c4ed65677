import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AuthClient,
  call,
  clientCredentials,
  createAuthClient,
  createDevCa,
  issueCertificate,
  loadTlsFiles,
  type NodeRole,
} from "@keyfrag/rpc";
import { ServiceProcess } from "@keyfrag/test-cluster";
import { type TestNats, type TestRedis, testNats, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "../dist/main.js");
let dir: string;
let redis: TestRedis;
let nats: TestNats;
let service: ServiceProcess;
let port: number;
let rogueTls: Awaited<ReturnType<typeof loadTlsFiles>>;
const clients = new Map<NodeRole, AuthClient>();

const as = (role: NodeRole): AuthClient => {
  const client = clients.get(role);
  if (!client) throw new Error(`no client for ${role}`);
  return client;
};

beforeAll(async () => {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npx tsc --build\` first`);
  dir = await mkdtemp(join(tmpdir(), "kf-auth-process-"));
  const caDir = join(dir, "ca");
  const ca = await createDevCa(caDir);
  const issue = (role: NodeRole) =>
    issueCertificate({ caDir, dir: join(dir, "nodes"), name: role, role, nodeId: `${role}-1` });
  redis = await testRedis();
  nats = await testNats();
  const auditKeyFile = join(dir, "audit.key");
  await writeFile(auditKeyFile, "ab".repeat(32));
  const own = await issue("auth");
  service = new ServiceProcess("auth", script, join(dir, "auth.log"));
  const ready = await service.start({
    KF_NODE_ID: "auth-1",
    KF_LISTEN: "127.0.0.1:0",
    KF_TLS_CA: ca.certFile,
    KF_TLS_CERT: own.certFile,
    KF_TLS_KEY: own.keyFile,
    KF_REDIS_URL: redis.url,
    KF_REDIS_PREFIX: redis.prefix.replace(/:$/, ""),
    KF_NATS_URL: nats.url,
    KF_CLUSTER: nats.name("authproc"),
    KF_AUDIT_KEY_FILE: auditKeyFile,
    KF_LOG_LEVEL: "warn",
  });
  expect(ready).toMatchObject({ ready: "auth" });
  port = Number(ready.port);
  // A gateway certificate from a CA the cluster does not trust.
  const rogueCa = await createDevCa(join(dir, "rogue-ca"));
  const rogue = await issueCertificate({
    caDir: join(dir, "rogue-ca"),
    dir: join(dir, "rogue"),
    name: "gateway",
    role: "gateway",
  });
  rogueTls = {
    ...(await loadTlsFiles({ caFile: rogueCa.certFile, ...rogue })),
    ca: await readFile(ca.certFile),
  };
  for (const role of ["gateway", "client", "policy"] as const) {
    const tls = await loadTlsFiles({ caFile: ca.certFile, ...(await issue(role)) });
    clients.set(role, createAuthClient(`localhost:${port}`, clientCredentials(tls)));
  }
});

afterAll(async () => {
  for (const client of clients.values()) client.close();
  if (service) expect(await service.stop()).toBe(0);
  await nats?.[Symbol.asyncDispose]();
  await redis?.[Symbol.asyncDispose]();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("auth process", () => {
  it("creates a method and logs in for a gateway, and refuses other callers", async () => {
    const created = await call(as("gateway"), "CreateAuthMethod", {
      name: "apps/web",
      access_key: { bound_cidrs: [] },
    });
    expect(created.access_key).toBeTruthy();
    const login = await call(as("gateway"), "Authenticate", {
      access_id: created.method?.access_id,
      access_key: created.access_key,
      source_address: "203.0.113.7",
    });
    expect(login.token.split(".")).toHaveLength(3);
    expect(login.identity?.auth_method).toBe("apps/web");
    await expect(
      call(as("client"), "Authenticate", {
        access_id: created.method?.access_id,
        access_key: created.access_key,
      }),
    ).rejects.toMatchObject({ code: "permission-denied" });
    // Without a certificate of the cluster CA the TLS handshake itself fails.
    const anonymous = createAuthClient(`localhost:${port}`, clientCredentials(rogueTls));
    await expect(call(anonymous, "GetTokenKeys", {}, { deadlineMs: 2_000 })).rejects.toMatchObject({
      code: expect.stringMatching(/unavailable|deadline-exceeded|unauthenticated/),
    });
    anonymous.close();
    const keys = await call(as("policy"), "GetTokenKeys", {});
    expect(JSON.parse(keys.jwks).keys.length).toBeGreaterThan(0);
  });

  it("answers bad input to every RPC with INVALID_ARGUMENT and keeps serving", async () => {
    const gw = as("gateway");
    const bad: [() => Promise<unknown>, RegExp][] = [
      [() => call(gw, "CreateAuthMethod", { name: "" }), /name is required/],
      [() => call(gw, "CreateAuthMethod", { name: "x" }), /one of access_key, jwt/],
      [
        () =>
          call(gw, "CreateAuthMethod", {
            name: "j",
            jwt: { issuer: "i", jwks_url: "nope", audiences: ["a"] },
          }),
        /jwt\.jwks_url/,
      ],
      [() => call(gw, "GetAuthMethod", {}), /name or access_id is required/],
      [() => call(gw, "GetAuthMethod", { access_id: "nope" }), /access_id must be/],
      [() => call(gw, "ListAuthMethods", { page_size: 5000 }), /page_size/],
      [() => call(gw, "ListAuthMethods", { page_token: "!!" }), /page_token/],
      [() => call(gw, "DeleteAuthMethod", {}), /name or access_id is required/],
      [() => call(gw, "Authenticate", {}), /access_id is required/],
      [
        () => call(gw, "Authenticate", { access_id: "p-abcdefghijkl" }),
        /one of access_key, jwt or client_certificate/,
      ],
      [
        () =>
          call(gw, "Authenticate", {
            access_id: "p-abcdefghijkl",
            access_key: "k",
            source_address: "not-an-ip",
          }),
        /source_address/,
      ],
      [() => call(gw, "RevokeToken", {}), /token or access_id is required/],
      [() => call(gw, "RevokeToken", { token: "abc" }), /not a keyfrag token/],
      [() => call(gw, "RevokeToken", { access_id: "x" }), /access_id must be/],
    ];
    for (const [attempt, message] of bad) {
      await expect(attempt()).rejects.toMatchObject({
        code: "invalid-argument",
        message: expect.stringMatching(message),
      });
    }
    const list = await call(gw, "ListAuthMethods", { page_size: 10 });
    expect(list.methods.map((m) => m.name)).toContain("apps/web");
    expect(service.running).toBe(true);
  });
});
