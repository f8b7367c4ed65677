import { env, natsEnv, parseConfig, z } from "@keyfrag/config";

const schema = z.object({
  KF_NODE_ID: env.name(),
  KF_REGION: env.name(),
  KF_ZONE: env.name(),
  KF_SLOT: env.int(1, 255),
  /** This node's own data directory (fragments, encrypted at rest). */
  KF_DATA_DIR: z.string().min(1),
  /** Where to listen, e.g. 127.0.0.1:7101 (port 0 picks a free port). */
  KF_LISTEN: env.address(),
  /** host:port others use to reach this node (default: the listen host and bound port). */
  KF_ADVERTISE: env.address().optional(),
  KF_TLS_CA: env.file(),
  KF_TLS_CERT: env.file(),
  KF_TLS_KEY: env.file(),
  /** Hex X25519 private key: this node's identity in DKG, refresh and catch-up. */
  KF_IDENTITY_KEY_FILE: env.file(),
  /** Hex 32-byte key that encrypts fragments at rest; keep it outside KF_DATA_DIR. */
  KF_NODE_KEY_FILE: env.file(),
  /**
   * The identity public keys of this slot's replicas, one hex key per line (`#` comments), as
   * the deployment's key step made them: catch-up seals this node's fragments only to these.
   * Unset: no replica may pull from this node (a lone replica, or a customer fragment).
   */
  KF_SLOT_PEERS_FILE: env.file().optional(),
  KF_NATS_URL: env.url(["nats"]).default("nats://127.0.0.1:4222"),
  ...natsEnv(),
  /** Prefix of every NATS subject, so clusters sharing a server stay apart. */
  KF_CLUSTER: env.name().default("kf"),
  KF_HEARTBEAT_MS: env.int(100, 60_000).default(1000),
  /** How long the previous epoch stays usable after a refresh. */
  KF_PREVIOUS_GRACE_MS: env.int(1_000, 86_400_000).default(60_000),
  /** Fault injection for tests: this replica answers evaluations with a corrupted proof. */
  KF_FAULT_CORRUPT_EVALUATIONS: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  KF_LOG_LEVEL: z
    .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
    .default("info"),
});

export type FragmentManagerConfig = z.infer<typeof schema>;

/** Reads the fragment manager's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): FragmentManagerConfig {
  return parseConfig(schema, source);
}
