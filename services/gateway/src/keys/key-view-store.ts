/**
 * The key views on disk, in the gateway's data directory (KF_DATA_DIR), so a gateway restarted
 * while no coordinator answers still uses the keys it knew. A view names the replicas to ask
 * and the verifying shares their answers are checked against: a forged one could point the
 * gateway at nodes of the forger's choosing, holding a key the forger knows. So the file is
 * MAC'd under a key derived from the gateway's own TLS private key, and a file whose MAC does
 * not check is ignored (logged), never used. See SECURITY.md for what this does not stop.
 */
import { createHmac, createPrivateKey, hkdfSync, timingSafeEqual } from "node:crypto";
import { constants } from "node:fs";
import { lstat, mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import {
  type KeyPublicJson,
  keyIdFromName,
  keyPublicFromJson,
  keyPublicToJson,
} from "@keyfrag/crypto";
import type { ReplicaView } from "@keyfrag/dfc-client";
import { isErrno, writeFileAtomic } from "@keyfrag/fragment-node";
import { keyAlgorithm } from "./key-types.js";
import type { KeyViewStore, StoredView } from "./key-views.js";

const FORMAT = "keyfrag-gateway-key-views/1";
export const KEY_VIEWS_FILE = "key-views.json";

interface ViewJson {
  asked: number;
  name: string;
  algorithm: string;
  version: number;
  key: KeyPublicJson;
  placement: [number, ReplicaView[]][];
}

/**
 * The MAC key of the views file: HKDF of the gateway's TLS private key (PKCS#8 DER), bound to
 * the cluster. Whoever can read that key can already act as this gateway.
 */
export function keyViewsMacKey(tlsPrivateKeyPem: string | Buffer, cluster: string): Buffer {
  const der = createPrivateKey(tlsPrivateKeyPem).export({ format: "der", type: "pkcs8" });
  return Buffer.from(
    hkdfSync("sha256", der, "keyfrag", `keyfrag/gateway/key-views/v1\u0000${cluster}`, 32),
  );
}

/** Far above 10 000 views; a larger file is not read into memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The file's text when it is a regular file: not a symlink (O_NOFOLLOW), and never a blocking
 * open or read (O_NONBLOCK: a FIFO planted in its place would otherwise hang the start).
 */
async function readRegularFile(file: string): Promise<string> {
  const linkStat = await lstat(file);
  if (!linkStat.isFile()) throw new Error("not a regular file");
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error("not a regular file");
    if (stat.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}

const macOf = (key: Buffer, payload: string) =>
  createHmac("sha256", key).update(FORMAT).update("\u0000").update(payload).digest();

/** The file store; `onRefused` hears of a file that is unreadable or fails its MAC. */
export function fileKeyViewStore(deps: {
  dir: string;
  macKey: Buffer;
  onRefused?: (reason: string) => void;
}): KeyViewStore {
  const file = join(deps.dir, KEY_VIEWS_FILE);
  const refused = deps.onRefused ?? (() => {});
  return {
    async load(): Promise<StoredView[]> {
      let text: string;
      try {
        text = await readRegularFile(file);
      } catch (err) {
        if (isErrno(err, "ENOENT")) return [];
        // Whatever the data directory holds instead (a directory, a FIFO, a symlink, a file
        // this process may not read) costs the stored views, never the start.
        refused(`${file} is unreadable: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      }
      try {
        const outer = JSON.parse(text) as { format?: unknown; payload?: unknown; mac?: unknown };
        if (outer.format !== FORMAT || typeof outer.payload !== "string") {
          refused(`${file} is not a ${FORMAT} file`);
          return [];
        }
        const mac = Buffer.from(typeof outer.mac === "string" ? outer.mac : "", "hex");
        const expected = macOf(deps.macKey, outer.payload);
        if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
          refused(
            `${file} fails its MAC (altered, or written under another TLS key): its views are not used`,
          );
          return [];
        }
        return (JSON.parse(outer.payload) as ViewJson[]).map(fromJson);
      } catch (err) {
        refused(`${file} is unreadable: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      }
    },

    async save(views: readonly StoredView[]): Promise<void> {
      const payload = JSON.stringify(views.map(toJson));
      const text = JSON.stringify({
        format: FORMAT,
        payload,
        mac: macOf(deps.macKey, payload).toString("hex"),
      });
      await mkdir(deps.dir, { recursive: true, mode: 0o700 });
      // A unique temp name created exclusively (never a file planted in the data directory,
      // nor a symlink out of it), synced, renamed over the last one, directory synced.
      await writeFileAtomic(file, new TextEncoder().encode(text));
    },
  };
}

function toJson({ asked, state }: StoredView): ViewJson {
  return {
    asked,
    name: state.name,
    algorithm: state.algorithm,
    version: state.view.version,
    key: keyPublicToJson(state.view.key),
    placement: [...state.view.placement].map(([slot, replicas]) => [
      slot,
      replicas.map((r) => ({ nodeId: r.nodeId, address: r.address, healthy: r.healthy })),
    ]),
  };
}

function fromJson(v: ViewJson): StoredView {
  return {
    asked: v.asked,
    state: {
      name: v.name,
      algorithm: keyAlgorithm(v.algorithm, "a stored view's algorithm"),
      view: {
        name: v.name,
        keyId: keyIdFromName(v.name),
        version: v.version,
        key: keyPublicFromJson(v.key),
        placement: new Map(v.placement),
      },
    },
  };
}
