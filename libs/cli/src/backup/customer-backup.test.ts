import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openBackup, sealBackup } from "@keyfrag/fragment-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../index.js";

const PASSPHRASE = "correct horse battery staple";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-backup-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { KEYFRAG_HOME: join(dir, "home"), ...env },
  });
  return { code, stdout, stderr };
}

/** A customer node's files as the gateway keeps them: nested fragments, keys, a certificate. */
async function makeNode(root: string) {
  const data = join(root, "data");
  await mkdir(join(data, "ab".repeat(16), "v1"), { recursive: true });
  await mkdir(join(data, "cd".repeat(16), "v2"), { recursive: true });
  const files: Record<string, Buffer> = {
    [join(data, "ab".repeat(16), "v1", "current")]: Buffer.from([0, 1, 2, 255, 254]),
    [join(data, "ab".repeat(16), "v1", "previous")]: Buffer.alloc(3000, 7),
    [join(data, "cd".repeat(16), "v2", "current")]: Buffer.from("fragment two"),
    [join(data, "node-key-check")]: Buffer.from("check"),
    [join(data, "fencing-token")]: Buffer.from("12"),
    [join(root, "node.key")]: Buffer.from("11".repeat(32)),
    [join(root, "identity.key")]: Buffer.from("22".repeat(32)),
    [join(root, "tls.crt")]: Buffer.from("-----BEGIN CERTIFICATE-----\n"),
    [join(root, "tls.key")]: Buffer.from("-----BEGIN PRIVATE KEY-----\n"),
  };
  for (const [path, bytes] of Object.entries(files)) await writeFile(path, bytes);
  // A temp file caught mid-write by the store is not part of the fragment.
  await writeFile(join(data, "ab".repeat(16), "v1", ".current.0123.tmp"), "partial");
  return { data, files };
}

const nodeArgs = (root: string, withCert = true) => [
  "--data-dir",
  join(root, "data"),
  "--node-key-file",
  join(root, "node.key"),
  "--identity-key-file",
  join(root, "identity.key"),
  ...(withCert ? ["--cert-file", join(root, "tls.crt"), "--key-file", join(root, "tls.key")] : []),
];

async function exportNode(root: string, out: string) {
  const passFile = join(dir, "pass");
  await writeFile(passFile, `${PASSPHRASE}\n`);
  return cli([
    "gateway",
    "export-customer-fragment",
    ...nodeArgs(root),
    "--out",
    out,
    "--passphrase-file",
    passFile,
  ]);
}

describe("customer fragment backup", () => {
  it("round-trips a data directory with nested files, the keys and the certificate", async () => {
    const src = join(dir, "src");
    const { files } = await makeNode(src);
    const out = join(dir, "backup.kfb");
    const exported = await exportNode(src, out);
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const image = await readFile(out);
    expect(image.subarray(0, 4).toString()).toBe("KFB1");
    expect(image.includes(Buffer.from("fragment two"))).toBe(false);

    const dst = join(dir, "dst");
    const imported = await cli(
      ["gateway", "import-customer-fragment", "--in", out, ...nodeArgs(dst), "--output", "json"],
      { KEYFRAG_BACKUP_PASSPHRASE: PASSPHRASE },
    );
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    for (const [path, bytes] of Object.entries(files)) {
      const restored = path.replace(src, dst);
      expect(await readFile(restored)).toEqual(bytes);
      expect((await stat(restored)).mode & 0o777).toBe(0o600);
    }
    expect((await stat(join(dst, "data", "ab".repeat(16)))).mode & 0o777).toBe(0o700);
    expect(await readdir(join(dst, "data", "ab".repeat(16), "v1"))).toEqual([
      "current",
      "previous",
    ]);
  });

  it("never exports or restores the nonce stock: a restore must not revive handed-out nonces", async () => {
    const src = join(dir, "src");
    await makeNode(src);
    await mkdir(join(src, "data", "nonce-stock"), { recursive: true });
    await writeFile(join(src, "data", "nonce-stock", "stock.bin"), Buffer.alloc(64, 9));
    const out = join(dir, "backup.kfb");
    expect((await exportNode(src, out)).code).toBe(0);
    const bundle = await openBackup(await readFile(out), PASSPHRASE);
    expect([...bundle.keys()].filter((name) => name.includes("nonce-stock"))).toEqual([]);
    expect(bundle.has("data/fencing-token")).toBe(true);

    // A backup made before the stock was left out holds it: importing it restores no stock.
    bundle.set("data/nonce-stock/stock.bin", Buffer.alloc(64, 9));
    const old = join(dir, "old.kfb");
    await writeFile(old, await sealBackup(bundle, PASSPHRASE));
    const dst = join(dir, "dst");
    const imported = await cli(
      ["gateway", "import-customer-fragment", "--in", old, ...nodeArgs(dst)],
      { KEYFRAG_BACKUP_PASSPHRASE: PASSPHRASE },
    );
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(await readdir(join(dst, "data"))).not.toContain("nonce-stock");
    expect(await readFile(join(dst, "data", "fencing-token"), "utf8")).toBe("12");
  });

  it("never overwrites the backup file", async () => {
    const src = join(dir, "src");
    await makeNode(src);
    const out = join(dir, "backup.kfb");
    await writeFile(out, "precious");
    const again = await exportNode(src, out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: .*exists: refusing to overwrite it\n$/);
    expect(await readFile(out, "utf8")).toBe("precious");
  });

  it("refuses an empty or short passphrase", async () => {
    const src = join(dir, "src");
    await makeNode(src);
    const out = join(dir, "backup.kfb");
    const base = ["gateway", "export-customer-fragment", ...nodeArgs(src), "--out", out];
    const none = await cli(base);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/KEYFRAG_BACKUP_PASSPHRASE/);
    const short = await cli(base, { KEYFRAG_BACKUP_PASSPHRASE: "short-pass" });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 12 characters/);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it("a wrong passphrase or a changed byte: one error line, exit 1, nothing written", async () => {
    const src = join(dir, "src");
    await makeNode(src);
    const out = join(dir, "backup.kfb");
    expect((await exportNode(src, out)).code).toBe(0);
    const dst = join(dir, "dst");
    const wrong = await cli(
      ["gateway", "import-customer-fragment", "--in", out, ...nodeArgs(dst)],
      { KEYFRAG_BACKUP_PASSPHRASE: `${PASSPHRASE}!` },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      "error: cannot open the backup: wrong passphrase, or the file was changed or damaged\n",
    );

    const image = await readFile(out);
    for (const at of [10, image.length - 40, image.length - 1]) {
      const tampered = Buffer.from(image);
      tampered[at] = (tampered[at] ?? 0) ^ 1;
      const file = join(dir, `tampered-${at}.kfb`);
      await writeFile(file, tampered);
      const run = await cli(
        ["gateway", "import-customer-fragment", "--in", file, ...nodeArgs(dst)],
        { KEYFRAG_BACKUP_PASSPHRASE: PASSPHRASE },
      );
      expect(run.code).toBe(1);
      expect(run.stderr.split("\n")).toHaveLength(2);
      expect(run.stderr).toMatch(/^error: cannot open the backup/);
    }
    const notBackup = join(dir, "not.kfb");
    await writeFile(notBackup, "hello");
    const junk = await cli(
      ["gateway", "import-customer-fragment", "--in", notBackup, ...nodeArgs(dst)],
      { KEYFRAG_BACKUP_PASSPHRASE: PASSPHRASE },
    );
    expect(junk.stderr).toBe("error: not a keyfrag backup (no KFB1 header)\n");
    await expect(stat(dst)).rejects.toThrow(/ENOENT/);
  });

  it("refuses to overwrite a non-empty data directory or key file unless --force", async () => {
    const src = join(dir, "src");
    const { files } = await makeNode(src);
    const out = join(dir, "backup.kfb");
    expect((await exportNode(src, out)).code).toBe(0);

    const dst = join(dir, "dst");
    await mkdir(join(dst, "data", "stale"), { recursive: true });
    await writeFile(join(dst, "data", "stale", "current"), "old epoch");
    await writeFile(join(dst, "node.key"), "other key");
    const env = { KEYFRAG_BACKUP_PASSPHRASE: PASSPHRASE };
    const args = ["gateway", "import-customer-fragment", "--in", out, ...nodeArgs(dst, false)];
    const refused = await cli(args, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /refusing to overwrite --data-dir .*, --node-key-file .*--force/,
    );
    expect(await readFile(join(dst, "node.key"), "utf8")).toBe("other key");
    await expect(stat(join(dst, "identity.key"))).rejects.toThrow(/ENOENT/);

    const forced = await cli([...args, "--force"], env);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/certificate and TLS key were not restored/);
    expect(await readFile(join(dst, "node.key"))).toEqual(files[join(src, "node.key")]);
    expect(await readdir(join(dst, "data"))).not.toContain("stale");
    expect(await readdir(dst)).toEqual(["data", "identity.key", "node.key"]);
  });

  it("rejects a bundle path that leaves the data directory", async () => {
    const image = await sealBackup(
      new Map([
        ["data/../escape", Buffer.from("x")],
        ["node.key", Buffer.from("k")],
        ["identity.key", Buffer.from("i")],
      ]),
      PASSPHRASE,
      { log2N: 15, r: 8, p: 1 },
    );
    expect((await openBackup(image, PASSPHRASE)).size).toBe(3);
    const file = join(dir, "evil.kfb");
    await writeFile(file, image);
    const run = await cli(
      ["gateway", "import-customer-fragment", "--in", file, ...nodeArgs(join(dir, "dst"), false)],
      { KEYFRAG_BACKUP_PASSPHRASE: PASSPHRASE },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unsafe path/);
    await expect(stat(join(dir, "escape"))).rejects.toThrow(/ENOENT/);
  });
});
