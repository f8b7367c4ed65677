/**
 * The fragment store's file format (the layout around it: fragment-store.ts):
 * `"KFFS" | format 1 | epoch (u32 BE) | IV (12) | AES-256-GCM ciphertext | tag (16)`, the header
 * and the file's logical identity bound as associated data, the plaintext a JSON payload.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import {
  checkShare,
  type KeyPublic,
  type KeyPublicJson,
  keyPublicFromJson,
  type SlotShare,
  type Suite,
} from "@keyfrag/crypto";
import { FragmentStoreError } from "./fragment-store-error.js";

/** Where a fragment is in its key version's life cycle. */
export type FragmentState = "current" | "previous" | "pending";

const AD_LABEL = "keyfrag/fragment-store/v1";
const MAGIC = Buffer.from("KFFS", "ascii");
const FORMAT = 1;
const HEADER_LENGTH = 9;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const SECRET_HEX = /^[0-9a-f]{64}$/;

export interface Held {
  share: SlotShare;
  key: KeyPublic;
}

export interface Retired extends Held {
  /** When this epoch stopped being current (ms). */
  retiredAt: number;
}

/** The encrypted payload of a fragment file. */
export interface FragmentFileJson {
  keyId: string;
  version: number;
  state: FragmentState;
  share: { suite: Suite; slot: number; epoch: number; secret: string };
  key: KeyPublicJson;
  retiredAt?: number;
}

export function header(epoch: number): Buffer {
  const head = Buffer.alloc(HEADER_LENGTH);
  MAGIC.copy(head, 0);
  head.writeUInt8(FORMAT, 4);
  head.writeUInt32BE(epoch, 5);
  return head;
}

export function associatedData(head: Buffer, context: readonly (string | number)[]): Buffer {
  return Buffer.concat([head, Buffer.from(JSON.stringify([AD_LABEL, ...context]), "utf8")]);
}

export function seal(
  key: Buffer,
  epoch: number,
  context: readonly (string | number)[],
  plaintext: Buffer,
): Buffer {
  const head = header(epoch);
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(associatedData(head, context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([head, iv, body, cipher.getAuthTag()]);
}

/** Checks the clear header and returns the epoch it names (bound again as associated data). */
export function readHeader(file: Buffer, path: string): number {
  if (
    file.length < HEADER_LENGTH + IV_LENGTH + TAG_LENGTH ||
    !file.subarray(0, MAGIC.length).equals(MAGIC) ||
    file.readUInt8(4) !== FORMAT
  ) {
    throw new FragmentStoreError(
      "unreadable-file",
      `${path} is not a fragment-store file of format ${FORMAT} (truncated or overwritten)`,
      { path },
    );
  }
  return file.readUInt32BE(5);
}

export function unseal(
  key: Buffer,
  file: Buffer,
  context: readonly (string | number)[],
  path: string,
): Buffer {
  const head = header(readHeader(file, path));
  const iv = file.subarray(HEADER_LENGTH, HEADER_LENGTH + IV_LENGTH);
  const body = file.subarray(HEADER_LENGTH + IV_LENGTH, file.length - TAG_LENGTH);
  const tag = file.subarray(file.length - TAG_LENGTH);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(associatedData(head, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch (cause) {
    throw new FragmentStoreError(
      "unreadable-file",
      `cannot decrypt ${path}: wrong node key, or the file was altered, or copied from another fragment's path`,
      { path, cause },
    );
  }
}

export function decodeFragment(
  plaintext: Buffer,
  expect: {
    e: { readonly keyIdHex: string; readonly version: number };
    state: FragmentState;
    epoch: number;
    path: string;
  },
): Held | Retired {
  const { e, state, epoch, path } = expect;
  const bad = (what: string, cause?: unknown) =>
    new FragmentStoreError("unreadable-file", `${path}: ${what}`, { path, cause });
  let json: FragmentFileJson;
  try {
    json = JSON.parse(plaintext.toString("utf8")) as FragmentFileJson;
  } catch (cause) {
    throw bad("payload is not JSON", cause);
  }
  if (
    json.keyId !== e.keyIdHex ||
    json.version !== e.version ||
    json.state !== state ||
    json.share?.epoch !== epoch ||
    json.key?.epoch !== epoch
  ) {
    throw bad("payload does not describe the fragment this path stands for");
  }
  if (typeof json.share.secret !== "string" || !SECRET_HEX.test(json.share.secret)) {
    throw bad("payload holds no well-formed share");
  }
  const raw = Buffer.from(json.share.secret, "hex");
  const share: SlotShare = {
    suite: json.share.suite,
    slot: json.share.slot,
    epoch,
    secret: new Uint8Array(raw),
  };
  raw.fill(0);
  let key: KeyPublic;
  try {
    key = keyPublicFromJson(json.key);
    checkShare(share, key);
  } catch (cause) {
    share.secret.fill(0);
    throw bad("share and key public data do not match", cause);
  }
  if (state !== "previous") return { share, key };
  if (typeof json.retiredAt !== "number" || !Number.isFinite(json.retiredAt)) {
    share.secret.fill(0);
    throw bad("previous fragment has no retirement time");
  }
  return { share, key, retiredAt: json.retiredAt };
}
