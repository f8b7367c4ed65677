/**
 * The signing keys the producers service may use through GatewayInternal.Sign: those a dynamic
 * secret (SSH CA, JWT issuer) was created with — after policy allowed its creator to read them —
 * and the webhook signing key. Without this list a compromised producers service could sign
 * with every Ed25519 key of the cluster.
 */
import type { Redis } from "ioredis";

/**
 * Why a key on the list needs a rule naming it: signing with it (directly, or through another
 * issuer with wider limits) would sign around the limits of what it signs for.
 */
export const signsForDynamicSecrets = (name: string) =>
  `${name} signs for dynamic secrets (SSH CA, JWT issuer or webhooks)`;

export interface ProducerKeys {
  /** Lets the producers service sign with `name` (idempotent). */
  allow(name: string): Promise<void>;
  allowed(name: string): Promise<boolean>;
}

/** The list in Redis under `prefix` (the gateway's KF_REDIS_PREFIX), shared by all gateways. */
export function createProducerKeys(
  redis: Redis,
  prefix: string,
  always: readonly string[],
): ProducerKeys {
  const key = `${prefix}:producer-keys`;
  return {
    async allow(name) {
      await redis.sadd(key, name);
    },
    async allowed(name) {
      return always.includes(name) || (await redis.sismember(key, name)) === 1;
    },
  };
}
