import { env, parseConfig, z } from "@keyfrag/config";

const schema = z.object({
  KF_NODE_ID: env.name().optional(),
  /** Alias of KF_NODE_ID, for launchers that name every service's id variable after it. */
  KF_POLICY_ID: env.name().optional(),
  KF_LISTEN: env.address(),
  KF_TLS_CA: env.file(),
  KF_TLS_CERT: env.file(),
  KF_TLS_KEY: env.file(),
  KF_REDIS_URL: env.url(["redis", "rediss"]).default("redis://127.0.0.1:6379"),
  /** Namespace of every Redis key the policy service writes. */
  KF_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,100}$/)
    .default("kf:policy"),
  KF_NATS_URL: env.url(["nats"]).default("nats://127.0.0.1:4222"),
  KF_CLUSTER: env.name().default("kf"),
  KF_LOG_LEVEL: z
    .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
    .default("info"),
});

export type PolicyConfig = z.infer<typeof schema> & { nodeId: string };

/** Reads the policy service's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): PolicyConfig {
  const config = parseConfig(schema, source);
  return { ...config, nodeId: config.KF_NODE_ID ?? config.KF_POLICY_ID ?? "policy" };
}
