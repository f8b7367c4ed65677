import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type AuditClient,
  type AuthClient,
  clientCredentials,
  createAuditClient,
  createAuthClient,
  createPolicyClient,
  type NodeRole,
  type PolicyClient,
  type TlsMaterial,
} from "@keyfrag/rpc";
import { freePort, type TestNats, type TestRedis } from "@keyfrag/test-support";
import { waitFor } from "./cluster.js";
import { type ClusterEnv, createClusterEnv } from "./cluster-env.js";
import { requireBuilt, ServiceProcess, serviceScript } from "./process.js";

/** The identity, access and audit services, in the order they start. */
export const CONTROL_SERVICES = ["policy", "audit", "auth"] as const;
export type ControlService = (typeof CONTROL_SERVICES)[number];

export interface ControlNode {
  readonly name: ControlService;
  readonly address: string;
  readonly process: ServiceProcess;
  start(extraEnv?: Record<string, string>): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ControlPlaneOptions {
  /** Share a CA, Redis, NATS and audit key with other processes (default: a new one). */
  env?: ClusterEnv;
  /** Extra environment variables per service. */
  extraEnv?: Partial<Record<ControlService, Record<string, string>>>;
}

/** Auth, policy and audit as real processes over one Redis, one NATS and one dev CA. */
export interface ControlPlane extends AsyncDisposable {
  readonly dir: string;
  readonly redis: TestRedis;
  readonly nats: TestNats;
  /** NATS subject prefix (KF_CLUSTER). */
  readonly clusterName: string;
  /** The cluster's audit key, as the services read it from KF_AUDIT_KEY_FILE. */
  readonly auditKey: Uint8Array;
  /** Redis prefix of each service. */
  readonly redisPrefix: Record<ControlService, string>;
  readonly nodes: Record<ControlService, ControlNode>;
  /** Where the auth bootstrap writes the admin credentials. */
  readonly credentialsFile: string;
  tls(role: NodeRole, name?: string): Promise<TlsMaterial>;
  /** Clients with a gateway certificate (the role that calls these services). */
  readonly auth: AuthClient;
  readonly policy: PolicyClient;
  readonly audit: AuditClient;
  /** Waits for the bootstrap's admin credentials file and reads it. */
  adminCredentials(timeoutMs?: number): Promise<{ accessId: string; accessKey: string }>;
}

/** Starts policy, audit and auth (which bootstraps the admin) as processes. */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  requireBuilt(CONTROL_SERVICES);
  // Started on a shared environment, the control plane leaves it to its owner.
  const ownEnv = options.env ? undefined : await createClusterEnv("keyfrag-control-");
  const env = options.env ?? (ownEnv as ClusterEnv);
  const { dir, redis, nats, clusterName, auditKey, auditKeyFile, pki } = env;
  const credentialsFile = join(dir, "admin-credentials.json");

  const ports = Object.fromEntries(
    await Promise.all(CONTROL_SERVICES.map(async (s) => [s, await freePort()] as const)),
  ) as Record<ControlService, number>;
  const address = (s: ControlService) => `127.0.0.1:${ports[s]}`;
  const redisPrefix = Object.fromEntries(CONTROL_SERVICES.map((s) => [s, redis.key(s)])) as Record<
    ControlService,
    string
  >;
  const own: Record<ControlService, Record<string, string>> = {
    policy: {},
    audit: {},
    auth: { KF_POLICY_ADDRESS: address("policy"), KF_BOOTSTRAP_CREDENTIALS_FILE: credentialsFile },
  };

  const nodes = {} as Record<ControlService, ControlNode>;
  for (const name of CONTROL_SERVICES) {
    const f = await pki.certFiles(name, `${name}-1`);
    const process_ = new ServiceProcess(name, serviceScript(name), join(dir, `${name}.log.jsonl`));
    const processEnv = {
      KF_NODE_ID: `${name}-1`,
      KF_LISTEN: address(name),
      KF_TLS_CA: f.ca,
      KF_TLS_CERT: f.cert,
      KF_TLS_KEY: f.key,
      KF_REDIS_URL: redis.url,
      KF_REDIS_PREFIX: redisPrefix[name],
      KF_NATS_URL: nats.url,
      KF_CLUSTER: clusterName,
      KF_AUDIT_KEY_FILE: auditKeyFile,
      KF_LOG_LEVEL: "info",
      ...own[name],
      ...options.extraEnv?.[name],
    };
    nodes[name] = {
      name,
      address: address(name),
      process: process_,
      start: async (extraEnv = {}) => {
        await process_.start({ ...processEnv, ...extraEnv });
      },
      stop: async (signal = "SIGTERM") => {
        await process_.stop(signal);
      },
    };
  }

  const gateway = clientCredentials(await pki.tls("gateway"));
  const clients = {
    auth: createAuthClient(address("auth"), gateway),
    policy: createPolicyClient(address("policy"), gateway),
    audit: createAuditClient(address("audit"), gateway),
  };
  const plane: ControlPlane = {
    dir,
    redis,
    nats,
    clusterName,
    auditKey,
    redisPrefix,
    nodes,
    credentialsFile,
    tls: (role, name) => pki.tls(role, name),
    ...clients,
    async adminCredentials(timeoutMs = 20_000) {
      await waitFor(() => existsSync(credentialsFile), timeoutMs, "the admin credentials file");
      // The file is written in one call; a reader racing it may see it empty for an instant.
      let parsed: { access_id?: string; access_key?: string } = {};
      await waitFor(
        () => {
          try {
            parsed = JSON.parse(readFileSync(credentialsFile, "utf8"));
            return true;
          } catch {
            return false;
          }
        },
        2_000,
        "a complete credentials file",
      );
      if (!parsed.access_id || !parsed.access_key) throw new Error("malformed credentials file");
      return { accessId: parsed.access_id, accessKey: parsed.access_key };
    },
    async [Symbol.asyncDispose]() {
      await Promise.all(Object.values(nodes).map((n) => n.stop("SIGKILL").catch(() => undefined)));
      for (const c of Object.values(clients)) c.close();
      await ownEnv?.[Symbol.asyncDispose]();
    },
  };
  try {
    for (const name of CONTROL_SERVICES) await nodes[name].start();
  } catch (err) {
    await plane[Symbol.asyncDispose]();
    throw err;
  }
  return plane;
}
