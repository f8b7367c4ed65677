/**
 * The local cluster's topology and every process's environment, in one place: `pnpm start`
 * runs it, and the compose file and Helm chart are checked against it so the three ways of
 * running keyfrag never drift apart.
 */
import { join } from "node:path";
import { InvalidArgumentError, type NodeRole } from "@keyfrag/rpc";

/** The service programs (`services/<name>/dist/main.js`). */
export type ServiceName =
  | "fragment-manager"
  | "coordinator"
  | "policy"
  | "audit"
  | "auth"
  | "secrets"
  | "gateway"
  | "producers";

/** One process of the cluster. */
export interface ProcessSpec {
  /** Unique name: the node id, the log file name and the certificate name. */
  name: string;
  service: ServiceName;
  /** The certificate role of the process. */
  role: NodeRole;
  port: number;
  /** The gateway: GatewayInternal's port, a listener of its own for cluster certificates only. */
  internalPort?: number;
  /** The gateway: the REST API's port (HTTPS). */
  restPort?: number;
  /** Fragment managers: the slot they hold (their certificate certifies it). */
  slot?: number;
  /**
   * The gateway: the customer fragment it holds, a fragment node of its own with a
   * fragment-manager certificate named `name` certifying `slot`.
   */
  customer?: { name: string; slot: number; port: number };
  env: Record<string, string>;
}

export interface LocalClusterOptions {
  /** State folder (`.keyfrag`): certificates, keys, fragment data, logs. */
  home: string;
  redisUrl: string;
  natsUrl: string;
  /** NATS subject prefix, and the Redis key namespace (`<cluster>:<service>`). */
  cluster: string;
  /** The gateway's port; every other port is counted from it (unless `portOf` picks them). */
  gatewayPort?: number;
  /** The gateway's REST API port (default 8081). */
  restPort?: number;
  /**
   * Picks the port of each listener instead of counting from `gatewayPort` (the test cluster:
   * free ports); asked again for a listener, it answers the same. Listeners: a process's name (`fm-1a`, `coordinator-1`,
   * `gateway-1`, `gateway-1-customer`…) for its gRPC listener, `<name>:internal`,
   * `<name>:rest` and `<name>:http` for the gateway's and the producers service's others.
   */
  portOf?: (listener: string) => number;
  /** Fragment-manager slots (default `LOCAL_SLOTS`). */
  slots?: number;
  /** Where each replica of a slot lives, primary first (default `LOCAL_PLACEMENT`). */
  placement?: readonly Place[];
  /** The gateway's customer slot (default `LOCAL_CUSTOMER_SLOT`); false: no customer fragment. */
  customerSlot?: number | false;
  /**
   * Whether the producers service runs (default true); without it the gateway has no
   * KF_PRODUCERS_ADDRESS and no GatewayInternal listener.
   */
  producers?: boolean;
  /** Each service's Redis key namespace (default `<cluster>:<service>`). */
  redisPrefix?: (service: ServiceName) => string;
  /**
   * Each service connects as its own NATS user with only its subjects (default true); false:
   * as the NATS server lets anyone (a test's shared server without users).
   */
  natsUsers?: boolean;
  /** More environment for one process, over what the topology gives it (test timings, faults). */
  extraEnv?: (spec: Readonly<ProcessSpec>) => Record<string, string> | undefined;
  /** Host the services listen on and reach each other at. */
  host: string;
  /**
   * Where others reach process `name` (default: `host`): its service name in docker-compose,
   * for instance, while each listens on `listenHost`.
   */
  hostOf?: (name: string) => string;
  /** The address every process listens on (default: `host`), e.g. 0.0.0.0 in a container. */
  listenHost?: string;
  /**
   * How many coordinators (default 2, as compose and Helm run): `coordinator-1` …
   * `coordinator-N`, one of which leads at a time; the gateway is told about all of them. With
   * one, its restart stops key creation, rotation and first lookups of keys the gateway has not
   * used yet; with two, the other serves lookups and takes the lead.
   */
  coordinators?: number;
}

/** Where a replica lives. */
export interface Place {
  region: string;
  zone: string;
}

/** Where each replica of a slot lives: primary, another AZ of its region, another region. */
export const LOCAL_PLACEMENT = [
  { region: "region-a", zone: "az-1" },
  { region: "region-a", zone: "az-2" },
  { region: "region-b", zone: "az-1" },
] as const satisfies readonly Place[];
export const LOCAL_SLOTS = 3;
/** The local gateway's customer slot: a number the cluster's slots never reach. */
export const LOCAL_CUSTOMER_SLOT = 100;

/** The name of replica `replica` (0: the primary) of slot `slot`: fm-1a, fm-1b, … */
export function fragmentNodeName(slot: number, replica: number): string {
  return `fm-${slot}${String.fromCharCode(97 + replica)}`;
}

/** Files of the cluster's state folder. */
export function localPaths(home: string) {
  return {
    pki: join(home, "pki"),
    ca: join(home, "pki", "ca.pem"),
    cert: (name: string) => join(home, "pki", `${name}.pem`),
    key: (name: string) => join(home, "pki", `${name}-key.pem`),
    keys: join(home, "keys"),
    identityKey: (name: string) => join(home, "keys", `${name}.identity.key`),
    nodeKey: (name: string) => join(home, "keys", `${name}.node.key`),
    /** The identity public keys of a slot's replicas: the only keys its fragments go to. */
    slotPeers: (slot: number) => join(home, "keys", `slot-${slot}.peers`),
    /** The NATS password of a service's user (every process of the service shares it). */
    natsPassword: (service: string) => join(home, "keys", `nats-${service}.password`),
    /** The NATS server's users and their permissions (nats-auth.ts), made with the passwords. */
    natsUsers: join(home, "nats", "users.conf"),
    auditKey: join(home, "keys", "audit.key"),
    data: (name: string) => join(home, "data", name),
    logs: join(home, "logs"),
    log: (name: string) => join(home, "logs", `${name}.log`),
    adminCredentials: join(home, "admin-credentials.json"),
    /** This folder's random id, which Redis keeps to know which folder its state belongs to. */
    clusterId: join(home, "cluster-id"),
  };
}

/**
 * A gateway's KF_CUSTOMER_* environment for its customer fragment `customer` (a fragment node
 * of its own: certificate, identity and node keys, data, slot peers under `home`), listening at
 * `listen` and reached by others at `advertise`.
 */
export function customerFragmentEnv(
  home: string,
  customer: { name: string; slot: number },
  listen: string,
  advertise: string,
): Record<string, string> {
  const paths = localPaths(home);
  return {
    KF_CUSTOMER_SLOT: String(customer.slot),
    KF_CUSTOMER_LISTEN: listen,
    KF_CUSTOMER_ADVERTISE: advertise,
    KF_CUSTOMER_DATA_DIR: paths.data(customer.name),
    KF_CUSTOMER_IDENTITY_KEY_FILE: paths.identityKey(customer.name),
    KF_CUSTOMER_NODE_KEY_FILE: paths.nodeKey(customer.name),
    KF_CUSTOMER_TLS_CERT: paths.cert(customer.name),
    KF_CUSTOMER_TLS_KEY: paths.key(customer.name),
    KF_CUSTOMER_SLOT_PEERS_FILE: paths.slotPeers(customer.slot),
  };
}

/** Every process of the local cluster, in start order, with its environment. */
export function localTopology(o: LocalClusterOptions): ProcessSpec[] {
  const coordinators = o.coordinators ?? 2;
  if (!Number.isInteger(coordinators) || coordinators < 1 || coordinators > 9) {
    throw new InvalidArgumentError("coordinators must be a whole number from 1 to 9");
  }
  const slots = o.slots ?? LOCAL_SLOTS;
  const placement = o.placement ?? LOCAL_PLACEMENT;
  const customerSlot = o.customerSlot ?? LOCAL_CUSTOMER_SLOT;
  const withProducers = o.producers ?? true;
  const base = o.gatewayPort;
  if (o.portOf === undefined) {
    if (base === undefined) throw new InvalidArgumentError("gatewayPort or portOf is needed");
    // Counted ports: fragment managers at +30…+38, the second coordinator on at +40.
    if (slots * placement.length > 9) {
      throw new InvalidArgumentError("counted ports have room for 9 fragment managers");
    }
  }
  /** The port of `listener`: the one `portOf` picks, or `offset` past the gateway's. */
  const port = (listener: string, offset: number) =>
    o.portOf ? o.portOf(listener) : (base as number) + offset;
  const paths = localPaths(o.home);
  const listen = (port: number) => `${o.listenHost ?? o.host}:${port}`;
  /** The address of process `name` as the others dial it. */
  const peer = (name: string, port: number) => `${o.hostOf?.(name) ?? o.host}:${port}`;
  const ports = {
    gateway: port("gateway-1", 0),
    auth: port("auth-1", 10),
    policy: port("policy-1", 11),
    audit: port("audit-1", 12),
    secrets: port("secrets-1", 13),
    /** The first coordinator's; further ones count on past the fragment managers'. */
    coordinator: (n: number) => port(`coordinator-${n}`, n === 1 ? 19 : 38 + n),
    fragmentManager: (name: string, i: number) => port(name, 30 + i),
    /** The REST API (Akeyless V2 conventions): its own well-known port. */
    rest: o.portOf ? o.portOf("gateway-1:rest") : (o.restPort ?? 8081),
  };
  const tls = (name: string) => ({
    KF_TLS_CA: paths.ca,
    KF_TLS_CERT: paths.cert(name),
    KF_TLS_KEY: paths.key(name),
  });
  const common = { KF_NATS_URL: o.natsUrl, KF_CLUSTER: o.cluster, KF_LOG_LEVEL: "info" };
  /** Each service's own NATS user, with only its subjects (nats-auth.ts). */
  const nats = (service: ServiceName): Record<string, string> =>
    o.natsUsers === false
      ? {}
      : { KF_NATS_USER: service, KF_NATS_PASSWORD_FILE: paths.natsPassword(service) };
  const redis = (service: ServiceName) => ({
    KF_REDIS_URL: o.redisUrl,
    KF_REDIS_PREFIX: o.redisPrefix?.(service) ?? `${o.cluster}:${service}`,
  });
  const control = (name: string, service: ServiceName, port: number) => ({
    ...common,
    ...nats(service),
    ...tls(name),
    KF_NODE_ID: name,
    KF_LISTEN: listen(port),
    ...redis(service),
  });

  const specs: ProcessSpec[] = [];
  let i = 0;
  for (let slot = 1; slot <= slots; slot++) {
    for (const [r, place] of placement.entries()) {
      const name = fragmentNodeName(slot, r);
      const port = ports.fragmentManager(name, i++);
      specs.push({
        name,
        service: "fragment-manager",
        role: "fragment-manager",
        port,
        slot,
        env: {
          ...common,
          ...nats("fragment-manager"),
          ...tls(name),
          KF_NODE_ID: name,
          KF_REGION: place.region,
          KF_ZONE: place.zone,
          KF_SLOT: String(slot),
          KF_LISTEN: listen(port),
          KF_ADVERTISE: peer(name, port),
          KF_DATA_DIR: paths.data(name),
          KF_IDENTITY_KEY_FILE: paths.identityKey(name),
          KF_NODE_KEY_FILE: paths.nodeKey(name),
          KF_SLOT_PEERS_FILE: paths.slotPeers(slot),
        },
      });
    }
  }
  const coordinatorNames: string[] = [];
  for (let n = 1; n <= coordinators; n++) {
    const name = `coordinator-${n}`;
    coordinatorNames.push(name);
    specs.push({
      name,
      service: "coordinator",
      role: "coordinator",
      port: ports.coordinator(n),
      env: {
        ...common,
        ...nats("coordinator"),
        ...tls(name),
        KF_NODE_ID: name,
        KF_LISTEN: listen(ports.coordinator(n)),
        ...redis("coordinator"),
        KF_AUDIT_KEY_FILE: paths.auditKey,
        // Only the gateway's customer fragment may be a customer slot (not a node's own say-so).
        ...(customerSlot === false ? {} : { KF_CUSTOMER_SLOTS: String(customerSlot) }),
      },
    });
  }
  specs.push({
    name: "policy-1",
    service: "policy",
    role: "policy",
    port: ports.policy,
    env: control("policy-1", "policy", ports.policy),
  });
  specs.push({
    name: "audit-1",
    service: "audit",
    role: "audit",
    port: ports.audit,
    env: { ...control("audit-1", "audit", ports.audit), KF_AUDIT_KEY_FILE: paths.auditKey },
  });
  specs.push({
    name: "auth-1",
    service: "auth",
    role: "auth",
    port: ports.auth,
    env: {
      ...control("auth-1", "auth", ports.auth),
      KF_AUDIT_KEY_FILE: paths.auditKey,
      KF_POLICY_ADDRESS: peer("policy-1", ports.policy),
      KF_BOOTSTRAP_CREDENTIALS_FILE: paths.adminCredentials,
    },
  });
  specs.push({
    name: "secrets-1",
    service: "secrets",
    role: "secrets",
    port: ports.secrets,
    env: control("secrets-1", "secrets", ports.secrets),
  });
  const customer =
    customerSlot === false
      ? undefined
      : { name: "gateway-1-customer", slot: customerSlot, port: port("gateway-1-customer", 20) };
  /** The producers service and the gateway's GatewayInternal listener it calls. */
  const producers = withProducers
    ? {
        port: port("producers-1", 14),
        http: port("producers-1:http", 15),
        gatewayInternal: port("gateway-1:internal", 16),
      }
    : undefined;
  specs.push({
    name: "gateway-1",
    service: "gateway",
    role: "gateway",
    port: ports.gateway,
    ...(producers ? { internalPort: producers.gatewayInternal } : {}),
    restPort: ports.rest,
    ...(customer ? { customer } : {}),
    env: {
      ...control("gateway-1", "gateway", ports.gateway),
      KF_AUDIT_KEY_FILE: paths.auditKey,
      KF_AUTH_ADDRESS: peer("auth-1", ports.auth),
      KF_POLICY_ADDRESS: peer("policy-1", ports.policy),
      KF_SECRETS_ADDRESS: peer("secrets-1", ports.secrets),
      KF_AUDIT_ADDRESS: peer("audit-1", ports.audit),
      KF_COORDINATOR_ADDRESSES: coordinatorNames
        .map((name, i) => peer(name, ports.coordinator(i + 1)))
        .join(","),
      ...(producers
        ? {
            KF_PRODUCERS_ADDRESS: peer("producers-1", producers.port),
            KF_INTERNAL_LISTEN: listen(producers.gatewayInternal),
          }
        : {}),
      KF_REST_LISTEN: listen(ports.rest),
      // The key views it has used, kept across restarts (a restart during a coordinator outage).
      KF_DATA_DIR: paths.data("gateway-1"),
      ...(customer
        ? customerFragmentEnv(
            o.home,
            customer,
            listen(customer.port),
            peer("gateway-1", customer.port),
          )
        : {}),
    },
  });
  if (producers) {
    // After the gateway: it seals, unseals and signs through the gateway.
    specs.push({
      name: "producers-1",
      service: "producers",
      role: "producers",
      port: producers.port,
      env: {
        ...control("producers-1", "producers", producers.port),
        KF_AUDIT_KEY_FILE: paths.auditKey,
        KF_GATEWAY_ADDRESSES: peer("gateway-1", producers.gatewayInternal),
        KF_HTTP_LISTEN: listen(producers.http),
      },
    });
  }
  for (const spec of specs) Object.assign(spec.env, o.extraEnv?.(spec));
  return specs;
}
