import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "@keyfrag/cli";
import { type CallOptions, call, type GatewayClient } from "@keyfrag/rpc";
import {
  adminLogin,
  codeOf,
  type FullCluster,
  startFullCluster,
  waitFor,
} from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CUSTOMER_SLOT = 100;
const KEY = "/customer/backup-key";
const SECRET = "/customer/backup/secret";
const VALUE = "only-the-customer-can-open-this";
const PASSPHRASE = "a long customer backup passphrase";

// The customer fragment exists only on the gateway's host: its backup, made with the CLI while
// the gateway runs, is what brings customer-slot data back after that host's disk is lost.
describe("customer fragment backup", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;
  let work: string;

  const cli = async (args: string[]) => {
    let stderr = "";
    const code = await runCli(args, {
      stdout: { write: () => undefined },
      stderr: { write: (text: string) => (stderr += text) },
      env: { KEYFRAG_HOME: join(work, "home"), KEYFRAG_BACKUP_PASSPHRASE: PASSPHRASE },
    });
    return { code, stderr };
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "kf-customer-backup-"));
    full = await startFullCluster({
      customerSlot: CUSTOMER_SLOT,
      gatewayEnv: { KF_CACHE_TTL_MS: "0" },
    });
    gw = full.client();
    admin = await adminLogin(full, gw, 60_000);
  }, 120_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const readSecret = async () => {
    const read = await call(gw, "GetSecretValue", { names: [SECRET] }, admin);
    return Buffer.from(read.values[0]?.value ?? []).toString();
  };

  it("a backup taken while the gateway runs restores the customer fragment after its files are lost", async () => {
    const customer = full.customer;
    if (!customer) throw new Error("the cluster has no customer fragment");
    const paths = [
      "--data-dir",
      customer.dataDir,
      "--node-key-file",
      customer.nodeKeyFile,
      "--identity-key-file",
      customer.identityKeyFile,
    ];

    await call(
      gw,
      "CreateDfcKey",
      { name: KEY, algorithm: "AES256GCM", customer_slot: true },
      admin,
    );
    await call(
      gw,
      "CreateSecret",
      { name: SECRET, value: Buffer.from(VALUE), key_name: KEY },
      admin,
    );
    expect(await readSecret()).toBe(VALUE);

    const backup = join(work, "customer.kfb");
    const exported = await cli(["gateway", "export-customer-fragment", ...paths, "--out", backup]);
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    expect((await stat(backup)).mode & 0o777).toBe(0o600);

    // The host loses the customer fragment: data directory and keys.
    await full.gateway.stop();
    await rm(customer.dataDir, { recursive: true, force: true });
    await rm(customer.nodeKeyFile);
    await rm(customer.identityKeyFile);

    // Without it the backend cannot open the secret.
    // (Without a slot the KF_CUSTOMER_* files go unused, but they must still name a file.)
    const placeholder = join(work, "placeholder");
    await writeFile(placeholder, "");
    await full.gateway.start({
      KF_CUSTOMER_SLOT: "",
      KF_CUSTOMER_NODE_KEY_FILE: placeholder,
      KF_CUSTOMER_IDENTITY_KEY_FILE: placeholder,
    });
    expect(["unavailable", "failed-precondition"]).toContain(
      await codeOf(call(gw, "GetSecretValue", { names: [SECRET] }, admin)),
    );
    await full.gateway.stop();

    const imported = await cli(["gateway", "import-customer-fragment", "--in", backup, ...paths]);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect((await readdir(customer.dataDir)).length).toBeGreaterThan(0);

    await full.gateway.start();
    await waitFor(
      async () => (await readSecret()) === VALUE,
      15_000,
      "the secret to read back through the restored customer fragment",
    );
  }, 60_000);
});
