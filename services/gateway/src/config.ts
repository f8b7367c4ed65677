import { env, parseConfig, serviceEnv, z } from "@keyfrag/config";
import { checkItemPath } from "./items/item-names.js";

const addressList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .pipe(z.array(env.address()).min(1, "expected at least one host:port"));

const preloadPaths = z.string().transform((v, ctx) => {
  const paths: string[] = [];
  for (const raw of v.split(",")) {
    const path = raw.trim();
    if (path === "") continue;
    try {
      paths.push(checkItemPath(path, "every path", true));
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
      return z.NEVER;
    }
  }
  return [...new Set(paths)];
});

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
  /** How often DFC keys are checked for a due automatic rotation. */
  KF_ROTATION_CHECK_MS: env.int(1_000, 7 * 86_400_000).default(3_600_000),
  /** A rewrap waits this long after a rotation: longer than any gateway's key-view cache (5 s). */
  KF_REWRAP_DELAY_MS: env.int(0, 600_000).default(10_000),
  /** How long a secret value read through the gateway is served from its cache; 0 = no cache. */
  KF_CACHE_TTL_MS: env.int(0, 86_400_000).default(300_000),
  /** How long after it was read a cached value may still be served while upstream is down. */
  KF_CACHE_MAX_STALE_MS: env.int(0, 7 * 86_400_000).default(3_600_000),
  KF_CACHE_MAX_ENTRIES: env.int(1, 10_000_000).default(10_000),
  /** Folders whose static secrets are loaded into the cache at start and every TTL/2. */
  KF_CACHE_PRELOAD_PATHS: preloadPaths.default([]),
  /** Extra CA certificates (PEM) that clients' certificates for certificate login may chain to. */
  KF_CLIENT_CA_FILE: env.file().optional(),
});

export type GatewayConfig = z.infer<typeof schema> & { nodeId: string };

/** Reads the gateway's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = parseConfig(schema, source);
  return { ...config, nodeId: config.KF_NODE_ID };
}
