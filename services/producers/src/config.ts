import { env, parseConfig, serviceEnv, z } from "@keyfrag/config";

const addressList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .pipe(z.array(env.address()).min(1, "expected at least one host:port"));

const keyName = z.string().regex(/^\/[A-Za-z0-9/_.:@-]{1,255}$/, "expected an absolute key name");

const schema = z.object({
  ...serviceEnv({ redisPrefix: "kf:producers" }),
  /** The per-cluster key that HMACs secret-bearing audit fields. */
  KF_AUDIT_KEY_FILE: env.keyFile(32),
  /** Gateways (their GatewayInternal service) that seal, unseal and sign for this service. */
  KF_GATEWAY_ADDRESSES: addressList,
  /** The DFC Ed25519 key that signs the tokens sent to custom producers' webhooks. */
  KF_WEBHOOK_SIGNING_KEY: keyName.default("/keyfrag/webhook-signer"),
  /** Where the JWKS endpoints listen (HTTP): /v1/jwks/webhooks, /v1/jwks/producer/<name>. */
  KF_HTTP_LISTEN: env.address().default("127.0.0.1:8210"),
  /** A lease still failing to revoke after this long is listed as revoke-failed (and audited). */
  KF_REVOKE_FAILED_AFTER_MS: env.int(0, 30 * 86_400_000).default(3_600_000),
  /** How long a revoked lease stays readable as history (get-lease, list-leases --state revoked). */
  KF_REVOKED_LEASE_RETENTION_MS: env.int(0, 366 * 86_400_000).default(7 * 86_400_000),
  KF_REVOKE_BACKOFF_BASE_MS: env.int(10, 3_600_000).default(1_000),
  KF_REVOKE_BACKOFF_MAX_MS: env.int(10, 86_400_000).default(300_000),
  KF_REVOKE_CONCURRENCY: env.int(1, 256).default(8),
  /**
   * Seconds a target's admin connection pool, and the admin credentials unsealed for it, stay in
   * memory after their last use (0: closed after every operation).
   */
  KF_TARGET_CREDENTIALS_TTL: env.int(0, 3_600).default(60),
  /** Admin connections per target at most (issues, renewals, revocations and sweeps share them). */
  KF_TARGET_POOL_SIZE: env.int(1, 64).default(4),
  /** How often every target is swept for orphaned users; 0 = only on request. */
  KF_SWEEP_INTERVAL_MS: env.int(0, 7 * 86_400_000).default(900_000),
  /** How often expired leases without a revocation job are looked for. */
  KF_RECONCILE_MS: env.int(100, 3_600_000).default(30_000),
  KF_RECONCILE_GRACE_MS: env.int(0, 3_600_000).default(60_000),
  /** The longest max TTL a dynamic secret may have. */
  KF_MAX_LEASE_TTL_SECONDS: env.int(60, 366 * 86_400).default(30 * 86_400),
});

export type ProducersConfig = z.infer<typeof schema> & { nodeId: string };

/** Reads the producers service's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): ProducersConfig {
  const config = parseConfig(schema, source);
  return { ...config, nodeId: config.KF_NODE_ID };
}
