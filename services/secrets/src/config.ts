import { env, parseConfig, serviceEnv, z } from "@keyfrag/config";
import { DEFAULT_MAX_CIPHERTEXT_BYTES } from "./item/item-service.js";

const schema = z.object({
  ...serviceEnv({ redisPrefix: "kf:secrets" }),
  /** Largest ciphertext one version may hold (bytes); gRPC's 4 MiB message limit caps it. */
  KF_MAX_CIPHERTEXT_BYTES: env
    .int(1, 4 * 1024 * 1024 - 64 * 1024)
    .default(DEFAULT_MAX_CIPHERTEXT_BYTES),
});

export type SecretsConfig = z.infer<typeof schema> & { nodeId: string };

/** Reads the secrets service's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): SecretsConfig {
  const config = parseConfig(schema, source);
  return { ...config, nodeId: config.KF_NODE_ID };
}
