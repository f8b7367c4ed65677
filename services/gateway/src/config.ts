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

const schema = z.object({
  ...serviceEnv({ redisPrefix: "kf:gateway" }),
  /** The per-cluster key that HMACs secret-bearing audit fields. */
  KF_AUDIT_KEY_FILE: env.keyFile(32),
  KF_AUTH_ADDRESS: env.address(),
  KF_POLICY_ADDRESS: env.address(),
  KF_SECRETS_ADDRESS: env.address(),
  KF_AUDIT_ADDRESS: env.address(),
  /** Every coordinator; key changes go to whichever is leader. */
  KF_COORDINATOR_ADDRESSES: addressList,
  /** The DFC key static secrets are encrypted under when they name none. */
  KF_SYSTEM_KEY: z
    .string()
    .regex(/^\/[A-Za-z0-9/_.:@-]{1,255}$/, "expected an absolute key name")
    .default("/keyfrag/system"),
  KF_MAX_VALUE_BYTES: env.int(1, 16 * 1024 * 1024).default(65_536),
  KF_DECISION_CACHE_MS: env.int(0, 600_000).default(5_000),
  /** Extra CA certificates (PEM) that clients' certificates for certificate login may chain to. */
  KF_CLIENT_CA_FILE: env.file().optional(),
});

export type GatewayConfig = z.infer<typeof schema> & { nodeId: string };

/** Reads the gateway's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = parseConfig(schema, source);
  return { ...config, nodeId: config.KF_NODE_ID };
}
