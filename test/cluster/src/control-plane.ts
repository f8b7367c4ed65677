import { existsSync, readFileSync } from "node:fs";
import type { ChannelCredentials } from "@grpc/grpc-js";
import type { ProcessSpec } from "@keyfrag/local-cluster";
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
import type { TestNats, TestRedis } from "@keyfrag/test-support";
import { waitFor } from "./cluster.js";
import type { ClusterEnv } from "./cluster-env.js";
import { requireBuilt } from "./process.js";
import { type SpecProcess, specProcesses, topologyOn } from "./topology.js";

/** The identity, access and audit services, in the order they start. */
export const CONTROL_SERVICES = ["policy", "audit", "auth"] as const;
export type ControlService = (typeof CONTROL_SERVICES)[number];

export interface ControlNode extends SpecProcess {
  readonly name: ControlService;
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
  const { env, owned, specs } = await topologyOn(options.env, "keyfrag-control-", {
    extraEnv: (spec) => options.extraEnv?.[spec.service as ControlService],
  });
  return startControlPlaneOf(env, specs, owned);
}

/** Starts the policy, audit and auth processes of `specs`; dispose stops them (and `owned`). */
export async function startControlPlaneOf(
  env: ClusterEnv,
  specs: readonly ProcessSpec[],
  owned?: AsyncDisposable,
): Promise<ControlPlane> {
  const { dir, redis, nats, clusterName, auditKey, pki } = env;
  const credentialsFile = env.paths.adminCredentials;
  const ofService = (service: ControlService) => {
    const spec = specs.find((s) => s.service === service);
    if (!spec) throw new Error(`the topology has no ${service} process`);
    return spec;
  };
  const controlSpecs = CONTROL_SERVICES.map(ofService);
  const redisPrefix = Object.fromEntries(
    controlSpecs.map((spec) => [spec.service, spec.env.KF_REDIS_PREFIX]),
  ) as Record<ControlService, string>;
  let processes: SpecProcess[];
  let gateway: ChannelCredentials;
  try {
    processes = await specProcesses(env, controlSpecs);
    gateway = clientCredentials(await pki.tls("gateway"));
  } catch (err) {
    await owned?.[Symbol.asyncDispose]();
    throw err;
  }
  const nodes = Object.fromEntries(
    CONTROL_SERVICES.map((name, i) => [name, { ...(processes[i] as SpecProcess), name }]),
  ) as Record<ControlService, ControlNode>;
  const address = (s: ControlService) => nodes[s].address;

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
      await owned?.[Symbol.asyncDispose]();
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
