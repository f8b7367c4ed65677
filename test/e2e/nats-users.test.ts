import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { natsPermissions, natsUsersConf } from "@keyfrag/local-cluster";
import { type CallOptions, call, type GatewayClient } from "@keyfrag/rpc";
import {
  adminLogin,
  type FullCluster,
  type ServiceKind,
  startFullCluster,
  waitFor,
} from "@keyfrag/test-cluster";
import { freePort, PrivateNats } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Every service as the NATS user the deploy files give it, on a NATS server that allows each
// user only its service's subjects (libs/local-cluster/src/nats-auth.ts): the whole platform
// works, and the server never had to refuse a service anything.
describe("every service as its own NATS user", () => {
  let dir: string;
  let server: PrivateNats;
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;
  const log = () => readFile(join(dir, "nats.log"), "utf8").catch(() => "");

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-nats-users-"));
    const services = Object.keys(natsPermissions("kf")) as ServiceKind[];
    const passwords = Object.fromEntries(services.map((s) => [s, `${s}-${Date.now()}`]));
    for (const s of services) await writeFile(join(dir, `${s}.password`), passwords[s] ?? "");
    // The test's cluster name is made when the cluster starts: `*` stands for it (one token).
    const users = natsUsersConf("*", passwords)
      .replaceAll("$JS.API.STREAM.INFO.__audit", "$JS.API.STREAM.INFO.*")
      .replaceAll("$JS.API.STREAM.CREATE.__audit", "$JS.API.STREAM.CREATE.*")
      // The test harness itself (stream cleanup, watching) connects without credentials.
      .replace("  users = [\n", '  users = [\n    { user: "harness", password: "harness" }\n');
    await writeFile(join(dir, "users.conf"), users);
    await writeFile(join(dir, "nats.conf"), 'no_auth_user: "harness"\ninclude ./users.conf\n');
    server = new PrivateNats(await freePort(), join(dir, "js"), {
      config: join(dir, "nats.conf"),
      log: join(dir, "nats.log"),
    });
    await server.start();
    full = await startFullCluster({
      natsUrl: server.url,
      customerSlot: 100,
      producersEnv: { KF_SWEEP_INTERVAL_MS: "0" },
      serviceEnv: (service) => ({
        KF_NATS_USER: service,
        KF_NATS_PASSWORD_FILE: join(dir, `${service}.password`),
      }),
    });
    gw = full.client();
    admin = await adminLogin(full, gw, 60_000);
  }, 180_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("runs keys (the customer's too), secrets and audit with no subject refused", async () => {
    // The customer fragment's heartbeats (the gateway's user) reach the coordinator.
    await call(
      gw,
      "CreateDfcKey",
      { name: "/nats/customer", algorithm: "AES256GCM", customer_slot: true },
      admin,
    );
    const enc = await call(
      gw,
      "Encrypt",
      { key_name: "/nats/customer", plaintext: Buffer.from("hello") },
      admin,
    );
    const dec = await call(
      gw,
      "Decrypt",
      { key_name: "/nats/customer", ciphertext: enc.ciphertext },
      admin,
    );
    expect(Buffer.from(dec.plaintext).toString()).toBe("hello");
    await call(gw, "CreateSecret", { name: "/nats/s", value: Buffer.from("v1") }, admin);
    const read = await call(gw, "GetSecretValue", { names: ["/nats/s"] }, admin);
    expect(Buffer.from(read.values[0]?.value ?? []).toString()).toBe("v1");
    // The gateway's audit events went through JetStream to the audit service's chain.
    await waitFor(
      async () =>
        (
          await call(gw, "GetAuditEvents", { path_prefix: "/nats/s", page_size: 10 }, admin)
        ).records.some((r) => r.service === "gateway"),
      15_000,
      "the gateway's audit events in the chain",
    );
    // A JWT from the producers service: it signs through the gateway and audits as "producers".
    await call(gw, "CreateDfcKey", { name: "/nats/jwt-key", algorithm: "ED25519" }, admin);
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: "/nats/jwt",
        type: "jwt",
        max_ttl_seconds: 60,
        jwt: { key_name: "/nats/jwt-key", issuer: "https://keyfrag.test", audience: ["e2e"] },
      },
      admin,
    );
    const issued = await call(gw, "GetDynamicSecretValue", { name: "/nats/jwt" }, admin);
    expect(JSON.parse(issued.value_json)).toHaveProperty("token");
    await waitFor(
      async () =>
        (
          await call(gw, "GetAuditEvents", { path_prefix: "/nats/jwt", page_size: 50 }, admin)
        ).records.some((r) => r.service === "producers"),
      15_000,
      "the producers service's audit events in the chain",
    );
    // nats-server logs each refusal as "Publish Violation", "Subscription Violation" or
    // "Authorization Violation".
    const text = await log();
    expect(text).toMatch(/Server is ready/);
    expect(text.split("\n").filter((l) => /Violation/.test(l))).toEqual([]);
  }, 120_000);
});
