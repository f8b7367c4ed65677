import { env, parseConfig, z } from "@keyfrag/config";

const schema = z
  .object({
    /** This replica's id (KF_AUDIT_ID is accepted as an alias). */
    KF_NODE_ID: env.name().optional(),
    KF_AUDIT_ID: env.name().optional(),
    KF_LISTEN: env.address(),
    KF_TLS_CA: env.file(),
    KF_TLS_CERT: env.file(),
    KF_TLS_KEY: env.file(),
    KF_REDIS_URL: env.url(["redis", "rediss"]).default("redis://127.0.0.1:6379"),
    /** Namespace of every Redis key of this cluster's audit store. */
    KF_REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,100}$/)
      .default("kf:audit"),
    KF_NATS_URL: env.url(["nats"]).default("nats://127.0.0.1:4222"),
    KF_CLUSTER: env.name().default("kf"),
    /** The per-cluster audit key: HMACs for AuditHash, and the root of the forwarder-secret key. */
    KF_AUDIT_KEY_FILE: env.keyFile(32),
    /** Cap of the pause between a forwarder's delivery attempts. */
    KF_FORWARDER_MAX_RETRY_MS: env.int(100, 600_000).default(10_000),
    KF_LOG_LEVEL: z
      .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
      .default("info"),
  })
  .refine((c) => c.KF_NODE_ID !== undefined || c.KF_AUDIT_ID !== undefined, {
    message: "is required but not set (or set KF_AUDIT_ID)",
    path: ["KF_NODE_ID"],
  });

export type AuditConfig = z.infer<typeof schema> & { nodeId: string };

/** Reads the audit service's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AuditConfig {
  const config = parseConfig(schema as unknown as z.ZodObject, source) as z.infer<typeof schema>;
  return { ...config, nodeId: config.KF_NODE_ID ?? config.KF_AUDIT_ID ?? "" };
}
