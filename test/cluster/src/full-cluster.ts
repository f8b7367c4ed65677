import { type ChannelCredentials, credentials, Metadata } from "@grpc/grpc-js";
import { customerFragmentEnv, type ProcessSpec, type ServiceName } from "@keyfrag/local-cluster";
import {
  type CallOptions,
  type GatewayClient,
  loadKeyfragProto,
  type NodeRole,
} from "@keyfrag/rpc";
import { freePort } from "@keyfrag/test-support";
import { type Cluster, startFragmentCluster, testTimingEnv } from "./cluster.js";
import { type ClusterEnv, createClusterEnv } from "./cluster-env.js";
import { type ControlPlane, startControlPlaneOf } from "./control-plane.js";
import type { CertificatePaths } from "./pki.js";
import { requireBuilt } from "./process.js";
import { type SpecProcess, specProcesses, testTopology } from "./topology.js";

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
   * false: the gateway's customer fragment gets no KF_CUSTOMER_LISTEN (no customer port; the
   * gateway calls it in process). Default true.
   */
  customerPort?: boolean;
  /**
   * The coordinators' KF_CUSTOMER_SLOTS (default: `customerSlot` alone), e.g.
   * `acme=100,globex=101` for gateways of two segments (the others through `startGateway`).
   */
  customerSlots?: string;
}

/** The services a full cluster runs. */
export type ServiceKind = ServiceName;

/** The gateway's customer fragment, when the cluster was started with `customerSlot`. */
export interface CustomerFragment {
  readonly slot: number;
  readonly nodeId: string;
  /** Its port, for the customer's other gateways (undefined: started with no port). */
  readonly address?: string;
  readonly dataDir: string;
  readonly nodeKeyFile: string;
  readonly identityKeyFile: string;
}

/** One service process started on the shared environment (secrets, gateway, producers). */
export interface ServiceNode extends SpecProcess {
  /** Its certificate and key files (cluster CA). */
  readonly tls: CertificatePaths;
  readonly redisPrefix: string;
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
 * one CA, Redis, NATS and audit key, all from one `localTopology()`. Dispose stops everything
 * and deletes its state.
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
    const own: Partial<Record<ServiceKind, Record<string, string>>> = {
      gateway: options.gatewayEnv,
      secrets: options.secretsEnv,
      producers: options.producersEnv,
    };
    const specs = await testTopology(env, {
      coordinators: options.coordinators ?? 1,
      producers: options.producersEnv !== undefined,
      ...(options.customerSlot ? { customerSlot: options.customerSlot } : {}),
      extraEnv: (spec) => ({
        ...testTimingEnv(spec),
        // Several customer segments: every slot the coordinators take for a customer's.
        ...(spec.service === "coordinator" && options.customerSlots
          ? { KF_CUSTOMER_SLOTS: options.customerSlots }
          : {}),
        ...options.serviceEnv?.(spec.service),
        ...own[spec.service],
      }),
    });
    if (options.customerPort === false) {
      for (const spec of specs.filter((s) => s.service === "gateway")) {
        delete spec.env.KF_CUSTOMER_LISTEN;
        delete spec.env.KF_CUSTOMER_ADVERTISE;
      }
    }
    const fragments = await startFragmentCluster(env, specs);
    opened.push(fragments);
    const control = await startControlPlaneOf(env, specs);
    opened.push(control);

    const serviceSpecs = specs.filter((s) =>
      ["secrets", "gateway", "producers"].includes(s.service),
    );
    // The gateway creates the system key before it is ready: DKG takes a while.
    const processes = await specProcesses(env, serviceSpecs, 60_000);
    const serviceNode = (spec: ProcessSpec, p: SpecProcess): ServiceNode => {
      const n = {
        ...p,
        tls: {
          ca: spec.env.KF_TLS_CA ?? "",
          cert: spec.env.KF_TLS_CERT ?? "",
          key: spec.env.KF_TLS_KEY ?? "",
        },
        redisPrefix: spec.env.KF_REDIS_PREFIX ?? "",
      };
      nodes.push(n);
      return n;
    };
    const node = (service: ServiceKind): ServiceNode | undefined => {
      const i = serviceSpecs.findIndex((s) => s.service === service);
      if (i < 0) return undefined;
      return serviceNode(serviceSpecs[i] as ProcessSpec, processes[i] as SpecProcess);
    };
    const secrets = node("secrets") as ServiceNode;
    await secrets.start();
    const gateway = node("gateway") as ServiceNode;
    await gateway.start();
    const producers = node("producers");
    await producers?.start();
    const gatewaySpec = serviceSpecs.find((s) => s.service === "gateway") as ProcessSpec;
    const producersHttp = serviceSpecs.find((s) => s.service === "producers")?.env.KF_HTTP_LISTEN;
    const gatewayInternal = gatewaySpec.env.KF_INTERNAL_LISTEN;
    const customerOf = (spec: ProcessSpec): CustomerFragment | undefined =>
      spec.customer && {
        slot: spec.customer.slot,
        nodeId: spec.customer.name,
        ...(spec.env.KF_CUSTOMER_LISTEN ? { address: `127.0.0.1:${spec.customer.port}` } : {}),
        dataDir: env.paths.data(spec.customer.name),
        nodeKeyFile: env.paths.nodeKey(spec.customer.name),
        identityKeyFile: env.paths.identityKey(spec.customer.name),
      };
    const customer = customerOf(gatewaySpec);

    const { Gateway } = loadKeyfragProto().grpcObject.keyfrag.v1;
    const ca = (await env.pki.tls("client")).ca;
    const open = (creds: ChannelCredentials, address = gateway.address) => {
      const c = new Gateway(address, creds) as GatewayClient;
      clients.push(c);
      return c;
    };
    return {
      env,
      fragments,
      control,
      secrets,
      gateway,
      // The REST API on a free port of its own (the default, 8081, is one per machine).
      gatewayRest: `127.0.0.1:${gatewaySpec.restPort}`,
      ...(producers && producersHttp ? { producers, producersHttp } : {}),
      ...(gatewayInternal ? { gatewayInternal } : {}),
      ...(customer ? { customer } : {}),
      client: () => open(credentials.createSsl(ca)),
      async clientWithCertificate(role, name) {
        const tls = await env.pki.tls(role, name);
        return open(credentials.createSsl(tls.ca, tls.key, tls.cert));
      },
      async startGateway(nodeId, extra = {}) {
        const spec = await anotherGateway(env, gatewaySpec, nodeId, extra.customerSlot);
        // As the first gateway's: test timings, then the test's own environment.
        Object.assign(
          spec.env,
          testTimingEnv(spec),
          options.serviceEnv?.("gateway"),
          options.gatewayEnv,
        );
        const [p] = await specProcesses(env, [spec], 60_000);
        const started = serviceNode(spec, p as SpecProcess);
        await started.start();
        const own = customerOf(spec);
        return {
          node: started,
          rest: spec.env.KF_REST_LISTEN ?? "",
          ...(own ? { customer: own } : {}),
          client: () => open(credentials.createSsl(ca), started.address),
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

/**
 * Another gateway like `gateway` (the topology's, same backend) named `nodeId`, on free ports,
 * with its own certificate, data directory and REST API, a customer fragment of `customerSlot`
 * if given, and no producers (GatewayInternal stays with the first).
 */
async function anotherGateway(
  env: ClusterEnv,
  gateway: ProcessSpec,
  nodeId: string,
  customerSlot: number | undefined,
): Promise<ProcessSpec> {
  const address = (port: number) => `127.0.0.1:${port}`;
  const port = await freePort();
  const customer = customerSlot
    ? { name: `${nodeId}-customer`, slot: customerSlot, port: await freePort() }
    : undefined;
  const inherited = Object.fromEntries(
    Object.entries(gateway.env).filter(
      ([name]) =>
        !name.startsWith("KF_CUSTOMER_") &&
        name !== "KF_INTERNAL_LISTEN" &&
        name !== "KF_PRODUCERS_ADDRESS",
    ),
  );
  const rest = await freePort();
  return {
    name: nodeId,
    service: "gateway",
    role: "gateway",
    port,
    restPort: rest,
    ...(customer ? { customer } : {}),
    env: {
      ...inherited,
      KF_NODE_ID: nodeId,
      KF_LISTEN: address(port),
      KF_TLS_CERT: env.paths.cert(nodeId),
      KF_TLS_KEY: env.paths.key(nodeId),
      KF_REST_LISTEN: address(rest),
      KF_DATA_DIR: env.paths.data(nodeId),
      ...(customer
        ? customerFragmentEnv(env.dir, customer, address(customer.port), address(customer.port))
        : {}),
    },
  };
}
