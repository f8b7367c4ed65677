/**
 * The `.kfb` backup file: a versioned header, then AES-256-GCM over a bundle of files, under a
 * key derived from a passphrase with scrypt.
 *
 * Layout (all integers big-endian):
 *   magic "KFB1" (4) | log2 N (1) | r (1) | p (1) | salt (16) | nonce (12) | ciphertext | tag (16)
 * The whole header is the AEAD's additional data, so a changed parameter fails like a changed
 * ciphertext byte.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from "node:crypto";

/** A backup that cannot be opened or made: its message is for the operator, never a secret. */
export class BackupError extends Error {
  override name = "BackupError";
}

const MAGIC = Buffer.from("KFB1", "ascii");
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 3 + SALT_BYTES + NONCE_BYTES;

/** scrypt cost parameters as stored in the header. */
export interface KdfParams {
  log2N: number;
  r: number;
  p: number;
}

/** 2^17 × 8 × 128 B = 128 MiB and well under a second: the OWASP figure for scrypt. */
export const DEFAULT_KDF: KdfParams = { log2N: 17, r: 8, p: 1 };
// Bounds for what a file may ask for: at least the brief's floor, at most what a laptop survives
// (a crafted header must not make the importer allocate gigabytes).
const MIN_LOG2N = 15;
const MAX_LOG2N = 20;
const MAX_R = 16;
const MAX_P = 4;

/** The shortest passphrase accepted when making a backup. */
export const MIN_PASSPHRASE_CHARS = 12;

/** The bundle: relative path → bytes. */
export type FileBundle = Map<string, Buffer>;

interface BundleJson {
  format: "keyfrag-customer-fragment";
  version: 1;
  createdAt: string;
  files: Record<string, string>;
}

/** Encrypts `files` under `passphrase` into a `.kfb` image. */
export async function sealBackup(
  files: FileBundle,
  passphrase: string,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<Buffer> {
  checkKdf(kdf);
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([kdf.log2N, kdf.r, kdf.p]), salt, nonce]);
  const json: BundleJson = {
    format: "keyfrag-customer-fragment",
    version: 1,
    createdAt: new Date().toISOString(),
    files: Object.fromEntries([...files].map(([path, bytes]) => [path, bytes.toString("base64")])),
  };
  const plaintext = Buffer.from(JSON.stringify(json), "utf8");
  const key = await deriveKey(passphrase, salt, kdf);
  try {
    const cipher = createCipheriv("aes-256-gcm", key, nonce);
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, body, cipher.getAuthTag()]);
  } finally {
    key.fill(0);
    plaintext.fill(0);
  }
}

/**
 * Verifies and decrypts a `.kfb` image. A wrong passphrase and a changed byte are the same
 * failure by design (GCM cannot tell them apart), reported as one BackupError.
 */
export async function openBackup(image: Buffer, passphrase: string): Promise<FileBundle> {
  if (image.length < HEADER_BYTES + TAG_BYTES || !image.subarray(0, 4).equals(MAGIC)) {
    throw new BackupError("not a keyfrag backup (no KFB1 header)");
  }
  const kdf: KdfParams = { log2N: image[4] ?? 0, r: image[5] ?? 0, p: image[6] ?? 0 };
  try {
    checkKdf(kdf);
  } catch {
    throw new BackupError("the backup's header is damaged (unsupported scrypt parameters)");
  }
  const salt = image.subarray(7, 7 + SALT_BYTES);
  const nonce = image.subarray(7 + SALT_BYTES, HEADER_BYTES);
  const body = image.subarray(HEADER_BYTES, image.length - TAG_BYTES);
  const tag = image.subarray(image.length - TAG_BYTES);
  const key = await deriveKey(passphrase, salt, kdf);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce);
    decipher.setAAD(image.subarray(0, HEADER_BYTES));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new BackupError(
      "cannot open the backup: wrong passphrase, or the file was changed or damaged",
    );
  } finally {
    key.fill(0);
  }
  try {
    return parseBundle(plaintext);
  } finally {
    plaintext.fill(0);
  }
}

function parseBundle(plaintext: Buffer): FileBundle {
  let json: Partial<BundleJson>;
  try {
    json = JSON.parse(plaintext.toString("utf8")) as Partial<BundleJson>;
  } catch {
    throw new BackupError("the backup's content is not a customer-fragment bundle");
  }
  if (json.format !== "keyfrag-customer-fragment" || typeof json.files !== "object") {
    throw new BackupError("the backup's content is not a customer-fragment bundle");
  }
  if (json.version !== 1) {
    throw new BackupError(
      `unsupported backup version ${String(json.version)} (this version reads 1)`,
    );
  }
  const files: FileBundle = new Map();
  for (const [path, b64] of Object.entries(json.files ?? {})) {
    if (typeof b64 !== "string") throw new BackupError(`the backup's entry ${path} is damaged`);
    files.set(path, Buffer.from(b64, "base64"));
  }
  return files;
}

function checkKdf(kdf: KdfParams): void {
  const ok =
    Number.isInteger(kdf.log2N) &&
    kdf.log2N >= MIN_LOG2N &&
    kdf.log2N <= MAX_LOG2N &&
    Number.isInteger(kdf.r) &&
    kdf.r >= 1 &&
    kdf.r <= MAX_R &&
    Number.isInteger(kdf.p) &&
    kdf.p >= 1 &&
    kdf.p <= MAX_P;
  if (!ok) throw new RangeError("scrypt parameters out of range");
}

function deriveKey(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  const N = 2 ** kdf.log2N;
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(passphrase.normalize("NFC"), "utf8"),
      salt,
      32,
      // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below the default cost.
      { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}
