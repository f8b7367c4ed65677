import { resolve, sep } from "node:path";
import { env, parseConfig, serviceEnv, z } from "@keyfrag/config";
import type { FragmentManagerConfig } from "@keyfrag/fragment-node";
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
  /** The producers service (dynamic secrets); unset: the dynamic-secret methods are refused. */
  KF_PRODUCERS_ADDRESS: z.preprocess((v) => (v === "" ? undefined : v), env.address().optional()),
  /**
   * Where GatewayInternal (seal, unseal, sign for the producers service) listens: a listener of
   * its own that requires a cluster certificate, apart from the public one, which also trusts
   * KF_CLIENT_CA_FILE. Required with KF_PRODUCERS_ADDRESS; unset: GatewayInternal is not served.
   */
  KF_INTERNAL_LISTEN: z.preprocess((v) => (v === "" ? undefined : v), env.address().optional()),
  /** The DFC Ed25519 key the producers service signs webhook tokens with (made at start). */
  KF_WEBHOOK_SIGNING_KEY: z
    .string()
    .regex(/^\/[A-Za-z0-9/_.:@-]{1,255}$/, "expected an absolute key name")
    .default("/keyfrag/webhook-signer"),
  /**
   * Where the REST API (HTTPS, Akeyless V2 conventions, same TLS material as gRPC) listens;
   * "off" serves none.
   */
  KF_REST_LISTEN: z.union([z.literal("off"), env.address()]).default("0.0.0.0:8081"),
  /** The largest REST request body; a larger one is refused with 400. */
  KF_REST_MAX_BODY_BYTES: env.int(1024, 64 * 1024 * 1024).default(1_048_576),
  /** REST connections open at once; more are closed on accept (rest-server.ts RestServerLimits). */
  KF_REST_MAX_CONNECTIONS: env.int(1, 1_000_000).default(1_024),
  /**
   * REST connections open at once from one IP address (0: no such limit). Behind a proxy or
   * NAT every client has its address: raise it there.
   */
  KF_REST_MAX_CONNECTIONS_PER_CLIENT: env.int(0, 1_000_000).default(128),
  /** The time a REST client has to send a whole request, headers and body. */
  KF_REST_REQUEST_TIMEOUT_MS: env.int(1_000, 600_000).default(30_000),
  KF_MAX_VALUE_BYTES: env.int(1, 16 * 1024 * 1024).default(65_536),
  KF_DECISION_CACHE_MS: env.int(0, 600_000).default(5_000),
  /** Signing operations in flight at once; the rest wait (see keys/key-service.ts). */
  KF_KEY_OPERATIONS: env.int(1, 1_000).default(8),
  /** Versions a Verify without a version tries, newest first (keys/key-service.ts). */
  KF_VERIFY_MAX_VERSIONS: env.int(1, 1_000).default(5),
  /** Derivations in flight at once, coalesced per key version into batches of KF_DERIVE_BATCH. */
  KF_DERIVE_OPERATIONS: env.int(1, 10_000).default(64),
  KF_DERIVE_BATCH: env.int(1, 256).default(32),
  /**
   * Worker threads that verify the fragment managers' proofs and combine their answers (keys/
   * combine-pool.ts); 0 does it on the event loop.
   */
  KF_CRYPTO_THREADS: env.int(0, 64).default(0),
  /** How often DFC keys are checked for a due automatic rotation. */
  KF_ROTATION_CHECK_MS: env.int(1_000, 7 * 86_400_000).default(3_600_000),
  /** A rewrap waits this long after a rotation: longer than any gateway's key-view cache (5 s). */
  KF_REWRAP_DELAY_MS: env.int(0, 600_000).default(10_000),
  /**
   * The gateway's own data directory: the key views it has used (integrity-protected), so a
   * gateway restarted while no coordinator answers still serves the keys it knew. Unset (or
   * empty): views are kept in memory only.
   */
  KF_DATA_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  /** How long a secret value read through the gateway is served from its cache; 0 = no cache. */
  KF_CACHE_TTL_MS: env.int(0, 86_400_000).default(300_000),
  /** How long after it was read a cached value may still be served while upstream is down. */
  KF_CACHE_MAX_STALE_MS: env.int(0, 7 * 86_400_000).default(3_600_000),
  KF_CACHE_MAX_ENTRIES: env.int(1, 10_000_000).default(10_000),
  /**
   * How often the secrets service's change log is polled: a change whose NATS event was lost
   * leaves a cached value (or a deleted key's usability) stale at most this long.
   */
  KF_CACHE_CHECK_MS: env.int(500, 600_000).default(5_000),
  /** Folders whose static secrets are loaded into the cache at start and every TTL/2. */
  KF_CACHE_PRELOAD_PATHS: preloadPaths.default([]),
  /** Extra CA certificates (PEM) that clients' certificates for certificate login may chain to. */
  KF_CLIENT_CA_FILE: env.file().optional(),
  /**
   * The customer fragment: the slot this gateway holds for customer-slot keys (a number no
   * cluster node uses). Unset or empty: this gateway holds none, and customer-slot keys are
   * refused.
   */
  KF_CUSTOMER_SLOT: z.preprocess((v) => (v === "" ? undefined : v), env.int(1, 255).optional()),
  /**
   * Where the customer fragment node listens, for the customer's other gateways
   * (KF_CUSTOMER_GATEWAYS_FILE) and same-slot peers only: this gateway calls it in process and
   * the coordinators over the links it opens. Unset: no customer port at all.
   */
  KF_CUSTOMER_LISTEN: env.address().optional(),
  /** host:port others use to reach it (default: the listen host and bound port). */
  KF_CUSTOMER_ADVERTISE: env.address().optional(),
  /** The customer fragments, encrypted at rest. Losing it loses every customer-slot key. */
  KF_CUSTOMER_DATA_DIR: z.string().min(1).optional(),
  /** Hex X25519 private key: the customer node's identity in DKG and refresh. */
  KF_CUSTOMER_IDENTITY_KEY_FILE: env.file().optional(),
  /** Hex 32-byte key that encrypts the customer fragments at rest. */
  KF_CUSTOMER_NODE_KEY_FILE: env.file().optional(),
  /** A fragment-manager certificate for `<node id>-customer` certifying the slot and identity key. */
  KF_CUSTOMER_TLS_CERT: env.file().optional(),
  KF_CUSTOMER_TLS_KEY: env.file().optional(),
  /**
   * The identity public keys of the customer's own gateways holding this slot (one hex key a
   * line): the only replicas the customer fragment is ever sent to. Unset: none.
   */
  KF_CUSTOMER_SLOT_PEERS_FILE: env.file().optional(),
  KF_CUSTOMER_HEARTBEAT_MS: env.int(100, 60_000).default(1000),
  /**
   * The customer's other gateways the customer fragment evaluates and signs for: key pins (hex
   * SHA-256 of each certificate's SubjectPublicKeyInfo), one a line. This gateway is always
   * served; no other gateway is unless listed here, whatever certificate the cluster CA gave it.
   */
  KF_CUSTOMER_GATEWAYS_FILE: env.file().optional(),
  /**
   * Automatic backups of the customer fragment (src/customer/auto-backup.ts): after every change
   * of its store (key created, refresh prepared/committed/aborted, rotation, erasure) a
   * passphrase-encrypted `.kfb` generation is written here atomically. Outside the data directory
   * (ideally another disk or a mounted remote store). Unset: no automatic backups.
   */
  KF_CUSTOMER_BACKUP_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  /** The backups' passphrase (≥ 12 characters; one trailing newline dropped). */
  KF_CUSTOMER_BACKUP_PASSPHRASE_FILE: env.file().optional(),
  /** How many generations are kept (the newest first; older ones are deleted). */
  KF_CUSTOMER_BACKUP_KEEP: env.int(1, 1000).default(3),
});

/** Variables a customer fragment needs besides KF_CUSTOMER_SLOT. */
const CUSTOMER_REQUIRED = [
  "KF_CUSTOMER_DATA_DIR",
  "KF_CUSTOMER_IDENTITY_KEY_FILE",
  "KF_CUSTOMER_NODE_KEY_FILE",
  "KF_CUSTOMER_TLS_CERT",
  "KF_CUSTOMER_TLS_KEY",
] as const;

const checked = schema.superRefine((c, ctx) => {
  if (c.KF_PRODUCERS_ADDRESS !== undefined && c.KF_INTERNAL_LISTEN === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["KF_INTERNAL_LISTEN"],
      message: "required with KF_PRODUCERS_ADDRESS (the producers service calls GatewayInternal)",
    });
  }
  if (c.KF_CUSTOMER_BACKUP_DIR !== undefined && c.KF_CUSTOMER_SLOT === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["KF_CUSTOMER_BACKUP_DIR"],
      message: "needs KF_CUSTOMER_SLOT (there is no customer fragment to back up)",
    });
  }
  if (c.KF_CUSTOMER_SLOT === undefined) return;
  for (const name of CUSTOMER_REQUIRED) {
    if (c[name] === undefined)
      ctx.addIssue({ code: "custom", path: [name], message: "required with KF_CUSTOMER_SLOT" });
  }
  if (c.KF_CUSTOMER_BACKUP_DIR === undefined) return;
  if (c.KF_CUSTOMER_BACKUP_PASSPHRASE_FILE === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["KF_CUSTOMER_BACKUP_PASSPHRASE_FILE"],
      message: "required with KF_CUSTOMER_BACKUP_DIR",
    });
  }
  if (c.KF_CUSTOMER_DATA_DIR !== undefined) {
    const data = resolve(c.KF_CUSTOMER_DATA_DIR);
    const backups = resolve(c.KF_CUSTOMER_BACKUP_DIR);
    if (backups === data || backups.startsWith(data + sep) || data.startsWith(backups + sep)) {
      ctx.addIssue({
        code: "custom",
        path: ["KF_CUSTOMER_BACKUP_DIR"],
        message:
          "must be outside KF_CUSTOMER_DATA_DIR (and not contain it): a lost data directory must not take its backups along",
      });
    }
  }
});

export type GatewayConfig = z.infer<typeof schema> & {
  nodeId: string;
  /** The customer fragment node's configuration, when KF_CUSTOMER_SLOT is set. */
  customer?: FragmentManagerConfig;
};

/** Reads the gateway's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = parseConfig(checked, source);
  return { ...config, nodeId: config.KF_NODE_ID, customer: customerConfig(config) };
}

/** The embedded fragment node's configuration: a fragment manager's, from KF_CUSTOMER_*. */
function customerConfig(c: z.infer<typeof schema>): FragmentManagerConfig | undefined {
  const slot = c.KF_CUSTOMER_SLOT;
  if (slot === undefined) return undefined;
  const need = (v: string | undefined) => v as string; // checked by the refinement above
  return {
    KF_NODE_ID: `${c.KF_NODE_ID}-customer`,
    KF_REGION: "customer",
    KF_ZONE: "customer",
    KF_SLOT: slot,
    KF_DATA_DIR: need(c.KF_CUSTOMER_DATA_DIR),
    // Unset: the node runs no server (main.ts passes listen: false); this value is then unused.
    KF_LISTEN: c.KF_CUSTOMER_LISTEN ?? "",
    KF_ADVERTISE: c.KF_CUSTOMER_ADVERTISE,
    KF_TLS_CA: c.KF_TLS_CA,
    KF_TLS_CERT: need(c.KF_CUSTOMER_TLS_CERT),
    KF_TLS_KEY: need(c.KF_CUSTOMER_TLS_KEY),
    KF_IDENTITY_KEY_FILE: need(c.KF_CUSTOMER_IDENTITY_KEY_FILE),
    KF_NODE_KEY_FILE: need(c.KF_CUSTOMER_NODE_KEY_FILE),
    KF_SLOT_PEERS_FILE: c.KF_CUSTOMER_SLOT_PEERS_FILE,
    KF_NATS_URL: c.KF_NATS_URL,
    // The gateway's own NATS user: it may announce the customer fragment's heartbeats.
    KF_NATS_USER: c.KF_NATS_USER,
    KF_NATS_PASSWORD_FILE: c.KF_NATS_PASSWORD_FILE,
    KF_CLUSTER: c.KF_CLUSTER,
    KF_HEARTBEAT_MS: c.KF_CUSTOMER_HEARTBEAT_MS,
    KF_PREVIOUS_GRACE_MS: 60_000,
    KF_FAULT_CORRUPT_EVALUATIONS: false,
    KF_LOG_LEVEL: c.KF_LOG_LEVEL,
  };
}
