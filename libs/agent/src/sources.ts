/**
 * Fetching one source: the values a template sees, the lease that holds them (dynamic
 * secrets) and when they must be fetched again.
 */
import { readFile } from "node:fs/promises";
import type { Lease__Output } from "@keyfrag/rpc";
import type { Source } from "./agent-config.js";
import type { Session } from "./session.js";

/** A lease the agent holds, as much of it as scheduling needs. */
export interface HeldLease {
  id: string;
  expiresAtMs: number;
  maxExpiresAtMs: number;
}

export interface Fetched {
  /** What templates render. */
  context: Record<string, unknown>;
  lease?: HeldLease;
  /** For versioned static secrets: the version read. */
  version?: number;
  /** When to fetch again (SSH certificates), if the source expires by itself. */
  refreshAtMs?: number;
}

export function heldLease(lease: Lease__Output): HeldLease {
  return {
    id: lease.id,
    expiresAtMs: Number(lease.expires_at_ms),
    maxExpiresAtMs: Number(lease.max_expires_at_ms),
  };
}

/** Reads a source once through `session`. */
export async function fetchSource(session: Session, source: Source): Promise<Fetched> {
  if ("secret" in source) {
    const [item] = await session.call((c) =>
      c.getSecretValue(source.secret, source.version ? { version: source.version } : {}),
    );
    if (!item) throw new Error(`secret ${source.secret}: no value returned`);
    const value = item.value.toString("utf8");
    return {
      context: { name: item.name, version: item.version, value, data: parseJson(value) },
      version: item.version,
    };
  }
  if ("dynamic" in source) {
    const res = await session.call((c) =>
      c.getDynamicSecretValue(
        source.dynamic,
        source.ttlSeconds ? { ttlSeconds: source.ttlSeconds } : {},
      ),
    );
    if (res.lease) return { context: res.value, lease: heldLease(res.lease) };
    // No lease (a JWT): it is not renewed but replaced at two thirds of its life.
    const exp = res.value.expires_at;
    const expMs = typeof exp === "number" ? (exp < 1e12 ? exp * 1000 : exp) : Number.NaN;
    const now = Date.now();
    return {
      context: res.value,
      ...(Number.isFinite(expMs) && expMs > now
        ? { refreshAtMs: now + ((expMs - now) * 2) / 3 }
        : {}),
    };
  }
  if ("encrypt" in source) {
    const res = await session.call((c) =>
      c.encrypt({
        key_name: source.encrypt,
        plaintext: source.plaintext,
        context: source.context ?? {},
      }),
    );
    return {
      context: { ciphertext: res.ciphertext.toString("base64"), key_version: res.key_version },
    };
  }
  if ("decrypt" in source) {
    const res = await session.call((c) =>
      c.decrypt({
        key_name: source.decrypt,
        ciphertext: Buffer.from(source.ciphertext, "base64"),
        context: source.context ?? {},
      }),
    );
    return { context: { plaintext: res.plaintext.toString("utf8") } };
  }
  const publicKey = (await readFile(source.publicKeyFile, "utf8")).trim();
  const res = await session.call((c) =>
    c.getSshCertificate({
      name: source.ssh,
      public_key: publicKey,
      principals: source.principals,
      ttl_seconds: source.ttlSeconds ?? 0,
    }),
  );
  const after = Number(res.valid_after_ms);
  const before = Number(res.valid_before_ms);
  return {
    context: {
      certificate: res.certificate,
      ca_public_key: res.ca_public_key,
      serial: res.serial,
      principals: res.principals,
      valid_before_ms: before,
    },
    refreshAtMs: after + ((before - after) * 2) / 3,
  };
}

/** A static secret's value as JSON when it is an object (`{{data.username}}`), else undefined. */
function parseJson(value: string): unknown {
  if (!value.startsWith("{")) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** Describes a source for logs and errors: its kind and name, never a value. */
export function describeSource(source: Source): string {
  if ("secret" in source) return `secret ${source.secret}`;
  if ("dynamic" in source) return `dynamic secret ${source.dynamic}`;
  if ("encrypt" in source) return `encrypt with ${source.encrypt}`;
  if ("decrypt" in source) return `decrypt with ${source.decrypt}`;
  return `ssh certificate of ${source.ssh}`;
}
