/**
 * The signing keys the producers service may use through GatewayInternal.Sign: those a dynamic
 * secret (SSH CA, JWT issuer) was created with — after policy allowed its creator to read them —
 * and the webhook signing key. Without this list a compromised producers service could sign
 * with every Ed25519 key of the cluster.
 */
import { UnavailableError } from "@keyfrag/rpc";
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

export interface ProducerKeysOptions {
  /** How long one lookup may wait for Redis before the answer is "unknown" (default 1 s). */
  timeoutMs?: number;
  /**
   * How long a name last found NOT on the list is taken as still not on it while Redis does not
   * answer (the gateway's KF_CACHE_MAX_STALE_MS; default 0: never). The list only grows, so a
   * name found on it stays on it.
   */
  maxStaleMs?: number;
  now?: () => number;
}

const MAX_REMEMBERED = 10_000;

/** The list in Redis under `prefix` (the gateway's KF_REDIS_PREFIX), shared by all gateways. */
export function createProducerKeys(
  redis: Redis,
  prefix: string,
  always: readonly string[],
  options: ProducerKeysOptions = {},
): ProducerKeys {
  const key = `${prefix}:producer-keys`;
  const timeoutMs = options.timeoutMs ?? 1_000;
  const maxStaleMs = options.maxStaleMs ?? 0;
  const now = options.now ?? Date.now;
  const onList = new Set<string>();
  const notOnList = new Map<string, number>(); // name → when Redis last said so
  return {
    async allow(name) {
      await redis.sadd(key, name);
      onList.add(name);
      notOnList.delete(name);
    },
    async allowed(name) {
      if (always.includes(name) || onList.has(name)) return true;
      let timer: NodeJS.Timeout | undefined;
      try {
        const member = await Promise.race([
          redis.sismember(key, name),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
          }),
        ]);
        if (member === 1) {
          if (onList.size < MAX_REMEMBERED) onList.add(name);
          notOnList.delete(name);
          return true;
        }
        if (notOnList.size >= MAX_REMEMBERED) notOnList.clear();
        notOnList.set(name, now());
        return false;
      } catch {
        // Redis does not answer (in time): a recent "not on the list" still holds (the list only
        // grows through dynamic-secret creation, which needs Redis too); otherwise fail closed.
        const seen = notOnList.get(name);
        if (seen !== undefined && now() - seen < maxStaleMs) return false;
        throw new UnavailableError(
          `cannot tell whether ${name} signs for dynamic secrets: the gateway's Redis does not answer`,
        );
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
