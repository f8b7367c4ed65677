import { env, parseConfig, serviceEnv, z } from "@keyfrag/config";

const schema = z.object({
  ...serviceEnv({ redisPrefix: "kf:audit" }),
  /** The per-cluster audit key: HMACs for AuditHash, and the root of the forwarder-secret key. */
  KF_AUDIT_KEY_FILE: env.keyFile(32),
  /** Cap of the pause between a forwarder's delivery attempts. */
  KF_FORWARDER_MAX_RETRY_MS: env.int(100, 600_000).default(10_000),
  /** Records older than this are pruned from the chain (the audit stream keeps 30 days). */
  KF_AUDIT_RETENTION_DAYS: env.int(1, 36_500).default(30),
  /** How often the retention runs. */
  KF_AUDIT_PRUNE_INTERVAL_MS: env.int(1_000, 86_400_000).default(3_600_000),
  /** How often refused messages are summarized in an event (and denied events of the service's own). */
  KF_AUDIT_SUMMARY_INTERVAL_MS: env.int(100, 3_600_000).default(60_000),
});

export type AuditConfig = z.infer<typeof schema> & { nodeId: string };

/** Reads the audit service's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AuditConfig {
  const config = parseConfig(schema, source);
  return { ...config, nodeId: config.KF_NODE_ID };
}
