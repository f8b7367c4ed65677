import { env, natsEnv, parseConfig, z } from "@keyfrag/config";

const schema = z.object({
  KF_COORDINATOR_ID: env.name(),
  KF_LISTEN: env.address(),
  KF_TLS_CA: env.file(),
  KF_TLS_CERT: env.file(),
  KF_TLS_KEY: env.file(),
  KF_REDIS_URL: env.url(["redis", "rediss"]).default("redis://127.0.0.1:6379"),
  /** Namespace of every Redis key this cluster's coordinators write. */
  KF_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,100}$/)
    .default("kf:coordinator"),
  KF_NATS_URL: env.url(["nats"]).default("nats://127.0.0.1:4222"),
  ...natsEnv(),
  KF_CLUSTER: env.name().default("kf"),
  /** Hex file with the cluster's audit key: key creation and refreshes are audited. */
  KF_AUDIT_KEY_FILE: env.keyFile(32),
  /**
   * The customer slots: slot numbers the cluster CA certifies only for gateways' customer
   * fragments (comma-separated, e.g. "100"). Only a node of one of them is a customer fragment;
   * a heartbeat claiming another slot is one, or a cluster node of one of them, is refused.
   * Empty (default): no customer fragment, and customer-slot keys are refused.
   */
  KF_CUSTOMER_SLOTS: z
    .string()
    .regex(/^\s*(\d{1,3}\s*(,\s*\d{1,3}\s*)*)?$/, "comma-separated slot numbers (1-255)")
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "")
        .map(Number),
    )
    .refine((slots) => slots.every((s) => s >= 1 && s <= 255), "slot numbers are 1-255"),
  /** A fragment manager without a heartbeat for this long is unhealthy. */
  KF_STALE_AFTER_MS: env.int(200, 600_000).default(3_000),
  KF_LEADER_TTL_MS: env.int(300, 600_000).default(5_000),
  KF_REPAIR_INTERVAL_MS: env.int(100, 3_600_000).default(2_000),
  /** Scheduled refresh period of every key (default one hour). */
  KF_REFRESH_INTERVAL_MS: env.int(1_000, 31_536_000_000).default(3_600_000),
  /** Deadline of each call to a fragment manager. */
  KF_FRAGMENT_DEADLINE_MS: env.int(100, 600_000).default(10_000),
  /** Fault injection for tests: crash (exit 86) when the refresh protocol reaches this step. */
  KF_FAULT_STEP: z
    .enum([
      "refresh:after-begin",
      "refresh:after-prepare-leaders",
      "refresh:after-prepare",
      "refresh:after-commit-record",
      "refresh:after-first-commit",
    ])
    .optional(),
  KF_LOG_LEVEL: z
    .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
    .default("info"),
});

export type CoordinatorConfig = z.infer<typeof schema>;

/** Reads the coordinator's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): CoordinatorConfig {
  return parseConfig(schema, source);
}
