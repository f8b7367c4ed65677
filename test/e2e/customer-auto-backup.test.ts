import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "@keyfrag/cli";
import { type CallOptions, call, type GatewayClient } from "@keyfrag/rpc";
import { adminLogin, type FullCluster, startFullCluster, waitFor } from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CUSTOMER_SLOT = 100;
const KEY = "/customer/auto-backup-key";
const PASSPHRASE = "the customer's own backup passphrase";
const REFRESHES = 5;

// Issue 20 item 3: the gateway backs its customer fragment up after every change of its store,
// so the backup location stays restorable after any number of refreshes. A generation exists,
// five refreshes commit (a secret written after each), the gateway is SIGKILLed and every file
// of its customer fragment is lost: a wrong passphrase and a tampered generation are refused
// and change nothing, the backup directory's newest generation restores, and every secret
// written before and after the first backup decrypts.
describe("automatic customer fragment backups", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;
  let work: string;
  let backupDir: string;

  const cli = async (args: string[], passphrase = PASSPHRASE) => {
    let stderr = "";
    let stdout = "";
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { KEYFRAG_HOME: join(work, "home"), KEYFRAG_BACKUP_PASSPHRASE: passphrase },
    });
    return { code, stdout, stderr };
  };

  const generations = async () =>
    (await readdir(backupDir))
      .filter((n) => /^customer-fragment-\d+\.kfb$/.test(n))
      .map((n) => Number(/\d+/.exec(n)?.[0]))
      .sort((a, b) => a - b);
  const QUIET_MS = 4_000;
  const newest = async () => (await generations()).at(-1) ?? 0;

  /**
   * Waits until a generation after `after` exists and no newer one came for 4 s: a generation
   * is written 100 ms plus one scrypt (N = 2^17) after a change, which took over 1 s on a
   * loaded CI machine, so a 1 s quiet let the test kill the gateway before the refresh
   * commit's generation was written (the newest backup then held the refresh only prepared).
   */
  const settled = async (after: number) => {
    let last = -1;
    let since = Date.now();
    await waitFor(
      async () => {
        const now = await newest();
        if (now !== last) {
          last = now;
          since = Date.now();
        }
        return now > after && Date.now() - since >= QUIET_MS;
      },
      20_000 + QUIET_MS,
      "the customer fragment's backups to settle",
    );
    return last;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "kf-customer-auto-backup-"));
    backupDir = join(work, "backups");
    const passphraseFile = join(work, "passphrase");
    await writeFile(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    full = await startFullCluster({
      customerSlot: CUSTOMER_SLOT,
      gatewayEnv: {
        KF_CACHE_TTL_MS: "0",
        KF_CUSTOMER_BACKUP_DIR: backupDir,
        KF_CUSTOMER_BACKUP_PASSPHRASE_FILE: passphraseFile,
        KF_CUSTOMER_BACKUP_KEEP: "3",
      },
    });
    gw = full.client();
    admin = await adminLogin(full, gw, 120_000);
  }, 120_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const secret = (i: number) => `/customer/auto-backup/secret-${i}`;
  const value = (i: number) => `customer-only value ${i}`;
  const readAll = async (count: number) => {
    const names = Array.from({ length: count }, (_, i) => secret(i));
    const read = await call(gw, "GetSecretValue", { names }, admin);
    return read.values.map((v) => Buffer.from(v.value ?? []).toString());
  };

  it("restores from the backup directory after 5 refreshes and the loss of every customer file", async () => {
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
    // The gateway wrote a first generation at start, before any key.
    expect(await newest()).toBeGreaterThanOrEqual(1);
    expect((await stat(backupDir)).mode & 0o777).toBe(0o700);

    await call(
      gw,
      "CreateDfcKey",
      { name: KEY, algorithm: "AES256GCM", customer_slot: true },
      admin,
    );
    await call(
      gw,
      "CreateSecret",
      { name: secret(0), value: Buffer.from(value(0)), key_name: KEY },
      admin,
    );
    const sealed = await call(
      gw,
      "Encrypt",
      { key_name: KEY, plaintext: Buffer.from("ciphertext from before the backup") },
      admin,
    );
    // The backup taken: a generation holding the new key.
    let generation = await settled(1);
    const taken = generation;

    for (let i = 1; i <= REFRESHES; i++) {
      await call(gw, "RefreshKey", { name: KEY, version: 0 }, admin);
      await call(
        gw,
        "CreateSecret",
        { name: secret(i), value: Buffer.from(value(i)), key_name: KEY },
        admin,
      );
      // Each refresh (prepare and commit) makes at least one new generation.
      generation = await settled(generation);
    }
    expect(generation).toBeGreaterThan(taken);
    expect(await readAll(REFRESHES + 1)).toEqual(
      Array.from({ length: REFRESHES + 1 }, (_, i) => value(i)),
    );
    // Only the newest 3 generations are kept, and each is the owner's alone.
    const kept = await generations();
    expect(kept).toHaveLength(3);
    expect(kept.at(-1)).toBe(generation);
    for (const g of kept) {
      const file = join(backupDir, `customer-fragment-${String(g).padStart(8, "0")}.kfb`);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }

    // The host dies and every file of its customer fragment is lost (not a clean shutdown:
    // nothing is flushed on the way out).
    await full.gateway.stop("SIGKILL");
    await rm(customer.dataDir, { recursive: true, force: true });
    await rm(full.env.paths.data("gateway-1"), { recursive: true, force: true });
    await rm(customer.nodeKeyFile);
    await rm(customer.identityKeyFile);

    // A wrong passphrase: a clear error, nothing written.
    const wrong = await cli(
      ["gateway", "import-customer-fragment", "--in", backupDir, ...paths],
      "not the customer's passphrase",
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: cannot open the backup: wrong passphrase/);
    await expect(stat(customer.dataDir)).rejects.toThrow(/ENOENT/);
    await expect(stat(customer.nodeKeyFile)).rejects.toThrow(/ENOENT/);

    // A tampered generation (one ciphertext byte, then one header byte): refused, nothing written.
    const newestFile = join(
      backupDir,
      `customer-fragment-${String(generation).padStart(8, "0")}.kfb`,
    );
    const image = await readFile(newestFile);
    for (const at of [Math.floor(image.length / 2), 10]) {
      const tampered = Buffer.from(image);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      const file = join(work, `tampered-${at}.kfb`);
      await writeFile(file, tampered);
      const refused = await cli(["gateway", "import-customer-fragment", "--in", file, ...paths]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^error: cannot open the backup/);
      await expect(stat(customer.dataDir)).rejects.toThrow(/ENOENT/);
      await expect(stat(customer.identityKeyFile)).rejects.toThrow(/ENOENT/);
    }
    // The backups themselves are untouched by the failed imports.
    expect(await readFile(newestFile)).toEqual(image);

    // Restore the backup directory's newest generation (the certificate stays where it was).
    const restored = await cli([
      "gateway",
      "import-customer-fragment",
      "--in",
      backupDir,
      ...paths,
      "--output",
      "json",
    ]);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout).backup).toBe(newestFile);
    expect((await readdir(customer.dataDir)).length).toBeGreaterThan(0);

    await full.gateway.start();
    await waitFor(
      async () => (await readAll(1).catch(() => []))[0] === value(0),
      20_000,
      "a secret to read back through the restored customer fragment",
    );
    expect(await readAll(REFRESHES + 1)).toEqual(
      Array.from({ length: REFRESHES + 1 }, (_, i) => value(i)),
    );
    const opened = await call(
      gw,
      "Decrypt",
      { key_name: KEY, ciphertext: sealed.ciphertext },
      admin,
    );
    expect(Buffer.from(opened.plaintext).toString()).toBe("ciphertext from before the backup");

    // The restored fragment takes part in the next refresh like before, and backups go on.
    await call(gw, "RefreshKey", { name: KEY, version: 0 }, admin);
    await settled(generation);
    expect((await readAll(1))[0]).toBe(value(0));

    // Nothing secret in the gateway's log: no passphrase, no key file's content.
    const log = await readFile(full.gateway.process.logFile, "utf8");
    expect(log).toContain("customer fragment backed up");
    expect(log).not.toContain(PASSPHRASE);
    for (const f of [customer.nodeKeyFile, customer.identityKeyFile]) {
      expect(log).not.toContain((await readFile(f, "utf8")).trim());
    }
  }, 240_000);
});
