import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ChannelCredentials, credentials, Metadata } from "@grpc/grpc-js";
import { generateIdentityKeyPair } from "@keyfrag/crypto";
import {
  type CallOptions,
  type GatewayClient,
  loadKeyfragProto,
  type NodeRole,
  slotIdentityUris,
} from "@keyfrag/rpc";
import { freePort } from "@keyfrag/test-support";
import { type Cluster, startCluster } from "./cluster.js";
import { type ClusterEnv, createClusterEnv } from "./cluster-env.js";
import { type ControlPlane, startControlPlane } from "./control-plane.js";
import type { CertificatePaths } from "./pki.js";
import { requireBuilt, ServiceProcess, serviceScript } from "./process.js";

/** Call options carrying `authorization: Bearer <token>`, as gateway callers send it. */
export function bearer(token: string, deadlineMs = 30_000): CallOptions {
  const metadata = new Metadata();
  metadata.set("authorization", `Bearer ${token}`);
  return { metadata, deadlineMs };
}

/**
 * Calls a gateway method with a hand-encoded request (bytes the generated client would never
 * send, e.g. a string field that is not UTF-8); resolves with the gRPC status code.
 */
export function rawGatewayCall(
  client: GatewayClient,
  method: string,
  request: Buffer,
  options: CallOptions = {},
): Promise<number> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      `/keyfrag.v1.Gateway/${method}`,
      (b: Buffer) => b,
      (b: Buffer) => b,
      request,
      options.metadata?.clone() ?? new Metadata(),
      { deadline: Date.now() + (options.deadlineMs ?? 10_000) },
      (err) => resolve(err?.code ?? 0),
    );
  });
}

export interface FullClusterOptions {
  coordinators?: number;
  /** Extra environment of the gateway (e.g. KF_MAX_VALUE_BYTES). */
  gatewayEnv?: Record<string, string>;
  secretsEnv?: Record<string, string>;
  /** Starts the producers service (dynamic secrets) with this extra environment. */
  producersEnv?: Record<string, string>;
  /** Every process's NATS (default: the shared test NATS), e.g. a private server a test stops. */
  natsUrl?: string;
  /** Extra environment of every process of a service, e.g. its own NATS user. */
  serviceEnv?: (service: ServiceKind) => Record<string, string>;
  /**
   * Gives the gateway a customer fragment of this slot (a number the cluster's 1..3 do not
   * use): its certificate, identity and node keys and data directory, in KF_CUSTOMER_*.
   */
  customerSlot?: number;
  /**
   * The coordinators' KF_CUSTOMER_SLOTS (default: `customerSlot` alone), e.g.
   * `acme=100,globex=101` for gateways of two segments (the others through `startGateway`).
   */
  customerSlots?: string;
}

/** The services a full cluster runs. */
export type ServiceKind =
  | "fragment-manager"
  | "coordinator"
  | "policy"
  | "audit"
  | "auth"
  | "secrets"
  | "gateway"
  | "producers";

/** The gateway's customer fragment, when the cluster was started with `customerSlot`. */
export interface CustomerFragment {
  readonly slot: number;
  readonly nodeId: string;
  readonly address: string;
  readonly dataDir: string;
}

/** A gateway started by `startGateway`. */
export interface ExtraGateway {
  readonly node: ServiceNode;
  /** Its REST API, e.g. `127.0.0.1:43210`. */
  readonly rest: string;
  readonly customer?: CustomerFragment;
  /** A client of its public API as SDK users have it. */
  client(): GatewayClient;
}

/** One service process started on the shared environment (secrets, gateway). */
export interface ServiceNode {
  readonly address: string;
  /** Its certificate and key files (cluster CA). */
  readonly tls: CertificatePaths;
  readonly redisPrefix: string;
  readonly process: ServiceProcess;
  start(extraEnv?: Record<string, string>): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Everything keyfrag runs, as processes on one environment, reached through the gateway. */
export interface FullCluster extends AsyncDisposable {
  readonly env: ClusterEnv;
  /** Fragment managers and coordinators. */
  readonly fragments: Cluster;
  /** Policy, audit and auth. */
  readonly control: ControlPlane;
  readonly secrets: ServiceNode;
  readonly gateway: ServiceNode;
  /** The gateway's REST API (HTTPS with the cluster CA's certificate), e.g. `127.0.0.1:43210`. */
  readonly gatewayRest: string;
  /** The producers service (only with `producersEnv`); its JWKS endpoints at `producersHttp`. */
  readonly producers?: ServiceNode;
  readonly producersHttp?: string;
  /** The gateway's GatewayInternal listener (only with `producersEnv`): cluster certificates only. */
  readonly gatewayInternal?: string;
  /** The gateway's customer fragment (only with `customerSlot`). */
  readonly customer?: CustomerFragment;
  /** A gateway client as SDK users have it: trusts the CA, presents no certificate. */
  client(): GatewayClient;
  /** A gateway client presenting a certificate of `role` issued by the cluster CA. */
  clientWithCertificate(role: NodeRole, name?: string): Promise<GatewayClient>;
  /**
   * Starts one more gateway (node id `nodeId`, e.g. `gateway-2`) on the same backend, with a
   * customer fragment of `customerSlot` if given (pinned to it alone), and its own REST port
   * and data directory. Stopped with the cluster.
   */
  startGateway(nodeId: string, options?: { customerSlot?: number }): Promise<ExtraGateway>;
  /** The bootstrap admin's access key credentials. */
  adminCredentials(): Promise<{ accessId: string; accessKey: string }>;
}

/**
 * Starts the fragment cluster (9 fragment managers, coordinators), the control plane (policy,
 * audit, auth with its bootstrap admin), the secrets service and the gateway as processes on
 * one CA, Redis, NATS and audit key. Dispose stops everything and deletes its state.
 */
export async function startFullCluster(options: FullClusterOptions = {}): Promise<FullCluster> {
  requireBuilt(options.producersEnv ? ["secrets", "gateway", "producers"] : ["secrets", "gateway"]);
  const env = await createClusterEnv(
    "keyfrag-full-",
    options.natsUrl ? { natsUrl: options.natsUrl } : {},
  );
  const opened: AsyncDisposable[] = [];
  const clients: GatewayClient[] = [];
  const nodes: ServiceNode[] = [];
  const dispose = async () => {
    await Promise.all(nodes.map((n) => n.stop("SIGKILL").catch(() => undefined)));
    for (const c of clients) c.close();
    for (const d of opened.reverse()) {
      await Promise.resolve(d[Symbol.asyncDispose]()).catch(() => undefined);
    }
    await env[Symbol.asyncDispose]();
  };
  try {
    // One after the other: each picks its ports when it starts, and two launchers picking at
    // once can be handed the same free port.
    const envOf = options.serviceEnv ?? (() => ({}));
    const fragments = await startCluster({
      env,
      coordinators: options.coordinators ?? 1,
      fragmentManagerEnv: () => envOf("fragment-manager"),
      coordinatorEnv: {
        // The coordinators take only the gateway's customer fragment for a customer slot.
        ...(options.customerSlots || options.customerSlot
          ? { KF_CUSTOMER_SLOTS: options.customerSlots ?? String(options.customerSlot) }
          : {}),
        ...envOf("coordinator"),
      },
    });
    opened.push(fragments);
    const control = await startControlPlane({
      env,
      extraEnv: { policy: envOf("policy"), audit: envOf("audit"), auth: envOf("auth") },
    });
    opened.push(control);

    const common = {
      KF_REDIS_URL: env.redis.url,
      KF_NATS_URL: env.nats.url,
      KF_CLUSTER: env.clusterName,
      KF_LOG_LEVEL: "info",
    };
    const node = async (
      name: "secrets" | "gateway" | "producers",
      own: Record<string, string>,
      chosenAddress?: string,
      nodeId = `${name}-1`,
    ): Promise<ServiceNode> => {
      const address = chosenAddress ?? `127.0.0.1:${await freePort()}`;
      const f = await env.pki.certFiles(name, nodeId);
      const redisPrefix = env.redis.key(name);
      const proc = new ServiceProcess(
        nodeId === `${name}-1` ? name : nodeId,
        serviceScript(name),
        join(env.dir, `${nodeId === `${name}-1` ? name : nodeId}.log.jsonl`),
      );
      const processEnv = {
        ...common,
        ...envOf(name),
        KF_NODE_ID: nodeId,
        KF_LISTEN: address,
        KF_TLS_CA: f.ca,
        KF_TLS_CERT: f.cert,
        KF_TLS_KEY: f.key,
        KF_REDIS_PREFIX: redisPrefix,
        ...own,
      };
      const n: ServiceNode = {
        address,
        tls: f,
        redisPrefix,
        process: proc,
        start: async (extraEnv = {}) => {
          // The gateway creates the system key before it is ready: DKG takes a while.
          await proc.start({ ...processEnv, ...extraEnv }, 60_000);
        },
        stop: async (signal = "SIGTERM") => {
          await proc.stop(signal);
        },
      };
      nodes.push(n);
      return n;
    };

    const secrets = await node("secrets", options.secretsEnv ?? {});
    await secrets.start();
    const customer = options.customerSlot
      ? await customerFragment(env, "gateway-1", options.customerSlot)
      : undefined;
    // The gateway and the producers service call each other: the producers' address comes first.
    const producersAddress = options.producersEnv ? `127.0.0.1:${await freePort()}` : undefined;
    // GatewayInternal (what the producers service calls) listens apart from the public API.
    const gatewayInternal = options.producersEnv ? `127.0.0.1:${await freePort()}` : undefined;
    // The REST API on a free port of its own (the default, 8081, is one per machine).
    const gatewayRest = `127.0.0.1:${await freePort()}`;
    /** What every gateway of the cluster is given: the services behind it. */
    const gatewayBackend = {
      KF_AUDIT_KEY_FILE: env.auditKeyFile,
      KF_AUTH_ADDRESS: control.nodes.auth.address,
      KF_POLICY_ADDRESS: control.nodes.policy.address,
      KF_AUDIT_ADDRESS: control.nodes.audit.address,
      KF_SECRETS_ADDRESS: secrets.address,
      KF_COORDINATOR_ADDRESSES: fragments.coordinators.map((c) => c.address).join(","),
    };
    const gateway = await node("gateway", {
      ...customer?.env,
      KF_REST_LISTEN: gatewayRest,
      ...(producersAddress ? { KF_PRODUCERS_ADDRESS: producersAddress } : {}),
      ...(gatewayInternal ? { KF_INTERNAL_LISTEN: gatewayInternal } : {}),
      ...gatewayBackend,
      // The key views it has used, kept across its restarts.
      KF_DATA_DIR: join(env.dir, "gateway-1-data"),
      ...options.gatewayEnv,
    });
    await gateway.start();
    let producers: ServiceNode | undefined;
    let producersHttp: string | undefined;
    if (options.producersEnv) {
      producersHttp = `127.0.0.1:${await freePort()}`;
      producers = await node(
        "producers",
        {
          KF_AUDIT_KEY_FILE: env.auditKeyFile,
          KF_GATEWAY_ADDRESSES: gatewayInternal ?? gateway.address,
          KF_HTTP_LISTEN: producersHttp,
          ...options.producersEnv,
        },
        producersAddress,
      );
      await producers.start();
    }

    const { Gateway } = loadKeyfragProto().grpcObject.keyfrag.v1;
    const ca = (await env.pki.tls("client")).ca;
    const open = (creds: ChannelCredentials) => {
      const c = new Gateway(gateway.address, creds) as GatewayClient;
      clients.push(c);
      return c;
    };
    return {
      env,
      fragments,
      control,
      secrets,
      gateway,
      gatewayRest,
      ...(producers ? { producers, producersHttp } : {}),
      ...(gatewayInternal ? { gatewayInternal } : {}),
      ...(customer ? { customer: customer.fragment } : {}),
      client: () => open(credentials.createSsl(ca)),
      async clientWithCertificate(role, name) {
        const tls = await env.pki.tls(role, name);
        return open(credentials.createSsl(tls.ca, tls.key, tls.cert));
      },
      async startGateway(nodeId, extra = {}) {
        const own = extra.customerSlot
          ? await customerFragment(env, nodeId, extra.customerSlot)
          : undefined;
        const rest = `127.0.0.1:${await freePort()}`;
        const started = await node(
          "gateway",
          {
            ...own?.env,
            KF_REST_LISTEN: rest,
            ...gatewayBackend,
            KF_DATA_DIR: join(env.dir, `${nodeId}-data`),
            ...options.gatewayEnv,
          },
          undefined,
          nodeId,
        );
        await started.start();
        return {
          node: started,
          rest,
          ...(own ? { customer: own.fragment } : {}),
          client: () => {
            const c = new Gateway(started.address, credentials.createSsl(ca)) as GatewayClient;
            clients.push(c);
            return c;
          },
        };
      },
      adminCredentials: () => control.adminCredentials(),
      [Symbol.asyncDispose]: dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** Makes a gateway's customer-fragment state and returns its KF_CUSTOMER_* environment. */
async function customerFragment(
  env: ClusterEnv,
  gatewayId: string,
  slot: number,
): Promise<{ env: Record<string, string>; fragment: CustomerFragment }> {
  const nodeId = `${gatewayId}-customer`;
  const dir = join(env.dir, nodeId);
  const dataDir = join(dir, "data");
  await mkdir(dataDir, { recursive: true });
  const identity = generateIdentityKeyPair();
  const identityFile = join(dir, "identity.key");
  const nodeKeyFile = join(dir, "node.key");
  await writeFile(identityFile, Buffer.from(identity.privateKey).toString("hex"), { mode: 0o600 });
  await writeFile(nodeKeyFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  // Like a fragment manager's: the certificate certifies the slot and the identity key.
  const f = await env.pki.certFiles(
    "fragment-manager",
    nodeId,
    slotIdentityUris(slot, identity.publicKey),
  );
  const address = `127.0.0.1:${await freePort()}`;
  return {
    env: {
      KF_CUSTOMER_SLOT: String(slot),
      KF_CUSTOMER_LISTEN: address,
      KF_CUSTOMER_DATA_DIR: dataDir,
      KF_CUSTOMER_IDENTITY_KEY_FILE: identityFile,
      KF_CUSTOMER_NODE_KEY_FILE: nodeKeyFile,
      KF_CUSTOMER_TLS_CERT: f.cert,
      KF_CUSTOMER_TLS_KEY: f.key,
      KF_CUSTOMER_HEARTBEAT_MS: "300",
    },
    fragment: { slot, nodeId, address, dataDir },
  };
}
