import { parseConfig, serviceEnv, z } from "@keyfrag/config";

const schema = z.object({ ...serviceEnv({ redisPrefix: "kf:policy" }) });

export type PolicyConfig = z.infer<typeof schema> & { nodeId: string };

/** Reads the policy service's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): PolicyConfig {
  const config = parseConfig(schema, source);
  return { ...config, nodeId: config.KF_NODE_ID };
}
