import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FileBundle, openBackup } from "@keyfrag/fragment-node";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { readBackupPassphrase, startAutoBackup } from "./auto-backup.js";

const PASSPHRASE = "a passphrase for the tests";
// scrypt's lowest accepted cost: these tests check files, not the KDF.
const kdf = { log2N: 15, r: 8, p: 1 };

let dir: string;
let lines: string[];
const log = () => pino({ level: "info" }, { write: (line: string) => void lines.push(line) });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-auto-backup-"));
  lines = [];
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const generations = async (backups: string) =>
  (await readdir(backups)).filter((n) => n.endsWith(".kfb")).sort();

describe("automatic customer fragment backups", () => {
  it("writes a generation at start and after changes, keeps the newest, continues numbering", async () => {
    const backups = join(dir, "backups");
    let state = 0;
    const files = async (): Promise<FileBundle> =>
      new Map([["data/fragments/x", Buffer.from(`state ${state}`)]]);
    const options = { dir: backups, passphrase: PASSPHRASE, keep: 2, files, log: log(), kdf };

    const backup = await startAutoBackup({ ...options, debounceMs: 5 });
    expect(await generations(backups)).toEqual(["customer-fragment-00000001.kfb"]);
    state = 1;
    backup.changed();
    backup.changed(); // close together: one generation
    await new Promise((r) => setTimeout(r, 20));
    await backup.flush();
    state = 2;
    backup.changed();
    await backup.close(); // a change still waiting is written on close
    expect(await generations(backups)).toEqual([
      "customer-fragment-00000002.kfb",
      "customer-fragment-00000003.kfb",
    ]);
    const newest = await openBackup(
      await readFile(join(backups, "customer-fragment-00000003.kfb")),
      PASSPHRASE,
    );
    expect(newest.get("data/fragments/x")?.toString()).toBe("state 2");

    // A restarted gateway goes on after the newest generation.
    const again = await startAutoBackup(options);
    await again.close();
    expect((await generations(backups)).at(-1)).toBe("customer-fragment-00000004.kfb");
    // Counts only in the log: never the passphrase or the bundle's content.
    const text = lines.join("");
    expect(text).toContain("customer fragment backed up");
    expect(text).not.toContain(PASSPHRASE);
    expect(text).not.toContain("state ");
  });

  it("after a key is erased, the new generation is the only one: no older one keeps its share", async () => {
    const backups = join(dir, "backups");
    let state = "with key k";
    const files = async (): Promise<FileBundle> =>
      new Map([["data/fragments/x", Buffer.from(state)]]);
    const backup = await startAutoBackup({
      dir: backups,
      passphrase: PASSPHRASE,
      keep: 3,
      files,
      log: log(),
      kdf,
      debounceMs: 1,
    });
    backup.changed();
    await new Promise((r) => setTimeout(r, 10));
    await backup.flush();
    expect(await generations(backups)).toHaveLength(2);
    state = "k erased";
    backup.changed({ erasedKey: true });
    await new Promise((r) => setTimeout(r, 10));
    await backup.flush();
    expect(await generations(backups)).toEqual(["customer-fragment-00000003.kfb"]);
    // Later changes keep `keep` generations again, all written after the erase.
    backup.changed();
    await backup.close();
    expect(await generations(backups)).toEqual([
      "customer-fragment-00000003.kfb",
      "customer-fragment-00000004.kfb",
    ]);
  });

  it("a failed write is logged, leaves the older generations, and is retried", async () => {
    const backups = join(dir, "backups");
    await mkdir(backups);
    let fail = true;
    const files = async (): Promise<FileBundle> => {
      if (fail) throw Object.assign(new Error("EIO: the disk is gone"), { code: "EIO" });
      return new Map([["node.key", Buffer.from("k")]]);
    };
    const backup = await startAutoBackup({
      dir: backups,
      passphrase: PASSPHRASE,
      keep: 3,
      files,
      log: log(),
      kdf,
      retryMs: 30,
    });
    expect(await generations(backups)).toEqual([]);
    expect(lines.join("")).toContain("customer fragment backup failed");
    fail = false;
    await new Promise((r) => setTimeout(r, 200));
    await backup.close();
    expect(await generations(backups)).toEqual(["customer-fragment-00000001.kfb"]);
  });
});

describe("KF_CUSTOMER_BACKUP_* configuration", () => {
  const base = async () => {
    const file = join(dir, "f");
    await writeFile(file, "ab".repeat(32));
    return {
      KF_NODE_ID: "gateway-1",
      KF_LISTEN: "127.0.0.1:0",
      KF_TLS_CA: file,
      KF_TLS_CERT: file,
      KF_TLS_KEY: file,
      KF_REDIS_URL: "redis://127.0.0.1:6379",
      KF_NATS_URL: "nats://127.0.0.1:4222",
      KF_CLUSTER: "test",
      KF_AUDIT_KEY_FILE: file,
      KF_AUTH_ADDRESS: "127.0.0.1:1",
      KF_POLICY_ADDRESS: "127.0.0.1:1",
      KF_SECRETS_ADDRESS: "127.0.0.1:1",
      KF_AUDIT_ADDRESS: "127.0.0.1:1",
      KF_COORDINATOR_ADDRESSES: "127.0.0.1:1",
      KF_CUSTOMER_SLOT: "100",
      KF_CUSTOMER_LISTEN: "127.0.0.1:0",
      KF_CUSTOMER_DATA_DIR: join(dir, "customer"),
      KF_CUSTOMER_IDENTITY_KEY_FILE: file,
      KF_CUSTOMER_NODE_KEY_FILE: file,
      KF_CUSTOMER_TLS_CERT: file,
      KF_CUSTOMER_TLS_KEY: file,
      KF_CUSTOMER_BACKUP_PASSPHRASE_FILE: file,
    };
  };

  it("reads the passphrase without its trailing newline and refuses a short one, naming the variable", async () => {
    const file = join(dir, "passphrase");
    await writeFile(file, `${PASSPHRASE}\n`);
    expect(await readBackupPassphrase(file)).toBe(PASSPHRASE);
    await writeFile(file, "too short\n");
    await expect(readBackupPassphrase(file)).rejects.toThrow(
      /KF_CUSTOMER_BACKUP_PASSPHRASE_FILE: .*at least 12 characters/,
    );
  });

  it("refuses a backup directory inside the data directory, or one without a passphrase", async () => {
    const env = await base();
    expect(() =>
      loadConfig({ ...env, KF_CUSTOMER_BACKUP_DIR: join(dir, "customer", "backups") }),
    ).toThrow(/KF_CUSTOMER_BACKUP_DIR.*outside KF_CUSTOMER_DATA_DIR/s);
    expect(() =>
      loadConfig({
        ...env,
        KF_CUSTOMER_BACKUP_DIR: join(dir, "backups"),
        KF_CUSTOMER_BACKUP_PASSPHRASE_FILE: undefined,
      }),
    ).toThrow(/KF_CUSTOMER_BACKUP_PASSPHRASE_FILE/);
    expect(
      loadConfig({ ...env, KF_CUSTOMER_BACKUP_DIR: join(dir, "backups") }).KF_CUSTOMER_BACKUP_KEEP,
    ).toBe(3);
  });
});
