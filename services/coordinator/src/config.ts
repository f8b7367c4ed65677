import { ConfigError, env, parseConfig, serviceEnv, z } from "@keyfrag/config";
import { parseCustomerFragments } from "./keys/customer-fragments.js";

const schema = z.object({
  ...serviceEnv({ redisPrefix: "kf:coordinator" }),
  /** Hex file with the cluster's audit key: key creation and refreshes are audited. */
  KF_AUDIT_KEY_FILE: env.keyFile(32),
  /**
   * The customer fragments: slots the cluster CA certifies only for gateways' customer
   * fragments, one per customer or network segment, comma-separated, each `id=slot` or a bare
   * slot (its id is its number): e.g. "acme=100,globex=101" or "100". A key names the one it
   * takes by id (`customer_frg_id`) or slot number. Only a node of one of these slots is a
   * customer fragment; a heartbeat claiming another slot is one, or a cluster node of one of
   * them, is refused. Empty (default): no customer fragment, and customer-slot keys are refused.
   */
  KF_CUSTOMER_SLOTS: z
    .string()
    .default("")
    .transform((v, ctx) => {
      try {
        return parseCustomerFragments(v);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
        return z.NEVER;
      }
    }),
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
});

export type CoordinatorConfig = z.infer<typeof schema> & {
  nodeId: string;
  /** Set when the node id came from the deprecated KF_COORDINATOR_ID (logged at start). */
  deprecatedIdVariable?: "KF_COORDINATOR_ID";
};

/**
 * Reads the coordinator's configuration; throws a ConfigError naming every bad variable.
 * The node id is KF_NODE_ID, as in every service; KF_COORDINATOR_ID, its old name, is still
 * read when KF_NODE_ID is not set (and must agree with it when both are).
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): CoordinatorConfig {
  const oldId = source.KF_COORDINATOR_ID;
  const newId = source.KF_NODE_ID;
  if (oldId !== undefined && newId !== undefined && oldId !== newId) {
    throw new ConfigError(
      "invalid configuration:\n  KF_COORDINATOR_ID: differs from KF_NODE_ID; set only KF_NODE_ID",
    );
  }
  const fromOld = newId === undefined && oldId !== undefined;
  const config = parseConfig(schema, fromOld ? { ...source, KF_NODE_ID: oldId } : source);
  return {
    ...config,
    nodeId: config.KF_NODE_ID,
    ...(fromOld ? { deprecatedIdVariable: "KF_COORDINATOR_ID" as const } : {}),
  };
}
