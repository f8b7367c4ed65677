/**
 * Token-signing keys: each auth process makes its own Ed25519 key pair in memory and replaces it
 * every rotation period. Private keys never leave the process; public keys go to a Redis hash
 * (with the instant after which no token they signed can be live) and are announced on NATS,
 * so every replica's tokens verify everywhere, also after the replica that signed them restarts.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { type KeyAnnouncement, KeyAnnouncementSchema, TOKEN_ALGORITHM } from "@keyfrag/auth-client";
import { type NatsConnection, publishJson, subjects } from "@keyfrag/bus";
import type { Redis } from "ioredis";
import { calculateJwkThumbprint, exportJWK } from "jose";

/** The key currently used to sign. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** Tokens signed with this key must expire by then. */
  notAfterMs: number;
}

export interface SigningKeys {
  /** Makes the first key and starts rotating. */
  start(): Promise<void>;
  current(): SigningKey;
  /** Replaces the signing key now (also what the rotation timer does). */
  rotate(): Promise<void>;
  /** Every live public key, as a JWKS document (each key with `kf_not_after_ms`). */
  jwks(): Promise<{ keys: (Record<string, unknown> & { kid: string })[] }>;
  stop(): void;
}

export interface SigningKeysDeps {
  redis: Redis;
  prefix: string;
  nc: NatsConnection;
  cluster: string;
  rotationMs: number;
  maxTtlMs: number;
  onError?: (err: unknown) => void;
}

/** The signing-key ring of one auth process. */
export function createSigningKeys(deps: SigningKeysDeps): SigningKeys {
  const hashKey = `${deps.prefix}:token-keys`;
  let key: SigningKey | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function rotate(): Promise<void> {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    // The key signs for at most one rotation period (twice that if a rotation is late), and
    // its tokens live at most the maximum TTL after that.
    const notAfterMs = Date.now() + 2 * deps.rotationMs + deps.maxTtlMs;
    const announcement: KeyAnnouncement = {
      kid,
      jwk: { ...jwk, kid, alg: TOKEN_ALGORITHM, use: "sig" },
      notAfterMs,
    };
    await deps.redis.hset(hashKey, kid, JSON.stringify(announcement));
    publishJson(deps.nc, subjects(deps.cluster).authKeys, announcement);
    key = { kid, privateKey, notAfterMs };
  }

  return {
    async start() {
      await rotate();
      timer = setInterval(() => {
        rotate().catch((err: unknown) => deps.onError?.(err));
      }, deps.rotationMs);
      timer.unref();
    },
    current() {
      if (!key) throw new Error("signing keys not started");
      return key;
    },
    rotate,
    async jwks() {
      const now = Date.now();
      const all = await deps.redis.hgetall(hashKey);
      const keys: (Record<string, unknown> & { kid: string })[] = [];
      const expired: string[] = [];
      for (const [kid, json] of Object.entries(all)) {
        const parsed = KeyAnnouncementSchema.safeParse(JSON.parse(json));
        if (!parsed.success || parsed.data.notAfterMs < now) {
          expired.push(kid);
          continue;
        }
        keys.push({ ...parsed.data.jwk, kid, kf_not_after_ms: parsed.data.notAfterMs });
      }
      if (expired.length) await deps.redis.hdel(hashKey, ...expired);
      return { keys };
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
