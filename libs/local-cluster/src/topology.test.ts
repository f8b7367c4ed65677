import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLocalState } from "./local-state.js";
import {
  type LocalClusterOptions,
  localPaths,
  localTopology,
  type ProcessSpec,
  type ServiceName,
} from "./topology.js";

let home: string;
let options: LocalClusterOptions;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "kf-local-"));
  options = {
    home,
    redisUrl: "redis://127.0.0.1:6379",
    natsUrl: "nats://127.0.0.1:4222",
    cluster: "keyfrag",
    gatewayPort: 50051,
    host: "127.0.0.1",
  };
});

/** The one process of `service`; fails the test when there is none or more than one. */
function only(specs: readonly ProcessSpec[], service: ServiceName): ProcessSpec {
  const found = specs.filter((s) => s.service === service);
  expect(found.map((s) => s.service)).toEqual([service]);
  return found[0] as ProcessSpec;
}

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("the local topology", () => {
  it("places 3 slots × 3 replicas over two regions and three zones, then the control plane", () => {
    const specs = localTopology(options);
    expect(specs.map((s) => s.service)).toEqual([
      ...Array(9).fill("fragment-manager"),
      "coordinator",
      "coordinator",
      "policy",
      "audit",
      "auth",
      "secrets",
      "gateway",
      "producers",
    ]);
    expect(new Set(specs.map((s) => s.port)).size).toBe(specs.length);
    expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);
    for (let slot = 1; slot <= 3; slot++) {
      const replicas = specs.filter((s) => s.slot === slot);
      const places = replicas.map((s) => `${s.env.KF_REGION}/${s.env.KF_ZONE}`);
      expect(places).toEqual(["region-a/az-1", "region-a/az-2", "region-b/az-1"]);
    }
    const gateway = only(specs, "gateway");
    expect(gateway.env.KF_LISTEN).toBe("127.0.0.1:50051");
    // The gateway holds the customer slot, on a port and slot of its own.
    expect(gateway.customer).toEqual({ name: "gateway-1-customer", slot: 100, port: 50071 });
    expect(gateway.env.KF_CUSTOMER_SLOT).toBe("100");
    expect(gateway.env.KF_CUSTOMER_LISTEN).toBe("127.0.0.1:50071");
    // The producers service reaches GatewayInternal on its own listener, not the public one.
    expect(gateway.env.KF_INTERNAL_LISTEN).toBe("127.0.0.1:50067");
    expect(gateway.internalPort).toBe(50067);
    expect(only(specs, "producers").env.KF_GATEWAY_ADDRESSES).toBe("127.0.0.1:50067");
    expect(specs.map((s) => s.port)).not.toContain(50067);
    expect(specs.map((s) => s.port)).not.toContain(50071);
    expect(specs.map((s) => s.slot)).not.toContain(100);
    // Every address another process is told about is one some process listens on.
    const listening = new Set(
      specs.flatMap((s) => [s.env.KF_LISTEN, s.env.KF_INTERNAL_LISTEN].filter(Boolean)),
    );
    const told: string[] = [];
    for (const s of specs) {
      for (const [name, value] of Object.entries(s.env)) {
        if (!/_ADDRESS(ES)?$/.test(name)) continue;
        told.push(`${s.name} ${name}`);
        for (const address of value.split(",")) expect(listening).toContain(address);
      }
    }
    // The check above saw every address a process is told (an empty loop proves nothing).
    expect(told.sort()).toEqual([
      "auth-1 KF_POLICY_ADDRESS",
      "gateway-1 KF_AUDIT_ADDRESS",
      "gateway-1 KF_AUTH_ADDRESS",
      "gateway-1 KF_COORDINATOR_ADDRESSES",
      "gateway-1 KF_POLICY_ADDRESS",
      "gateway-1 KF_PRODUCERS_ADDRESS",
      "gateway-1 KF_SECRETS_ADDRESS",
      "producers-1 KF_GATEWAY_ADDRESSES",
    ]);
  });

  it("runs two coordinators by default (like compose and Helm) and as many as asked, all known to the gateway", () => {
    const one = localTopology({ ...options, coordinators: 1 });
    expect(one.filter((s) => s.service === "coordinator").map((s) => s.name)).toEqual([
      "coordinator-1",
    ]);
    expect(only(one, "gateway").env.KF_COORDINATOR_ADDRESSES).toBe("127.0.0.1:50070");
    expect(localTopology(options)).toEqual(localTopology({ ...options, coordinators: 2 }));

    const two = localTopology({ ...options, coordinators: 2 });
    const coordinators = two.filter((s) => s.service === "coordinator");
    expect(coordinators.map((s) => s.env.KF_NODE_ID)).toEqual(["coordinator-1", "coordinator-2"]);
    expect(new Set(two.map((s) => s.port)).size).toBe(two.length);
    const gateway = only(two, "gateway");
    expect(gateway.customer?.port).toBe(50071);
    expect(coordinators.map((s) => s.port)).toEqual([50070, 50091]);
    expect(gateway.env.KF_COORDINATOR_ADDRESSES?.split(",")).toEqual([
      "127.0.0.1:50070",
      "127.0.0.1:50091",
    ]);
    // Only the coordinators are added; everything else is as with one.
    expect(two.filter((s) => s.service !== "coordinator").map((s) => s.name)).toEqual(
      one.filter((s) => s.service !== "coordinator").map((s) => s.name),
    );
    for (const coordinators of [0, 1.5, 10]) {
      expect(() => localTopology({ ...options, coordinators })).toThrow(/coordinators/);
    }
  });

  it("takes the test cluster's choices: picked ports, fewer processes, no NATS users, own Redis prefixes, more environment", () => {
    const picked = new Map<string, number>();
    const specs = localTopology({
      ...options,
      gatewayPort: undefined,
      portOf: (listener) => {
        if (!picked.has(listener)) picked.set(listener, 30_000 + picked.size);
        return picked.get(listener) as number;
      },
      coordinators: 1,
      slots: 2,
      placement: [{ region: "r", zone: "z" }],
      customerSlot: false,
      producers: false,
      natsUsers: false,
      redisPrefix: (service) => `kf:test:x:${service}`,
      extraEnv: (spec) => (spec.name === "fm-2a" ? { KF_FAULT: "yes" } : undefined),
    });
    expect(specs.map((s) => s.name)).toEqual([
      "fm-1a",
      "fm-2a",
      "coordinator-1",
      "policy-1",
      "audit-1",
      "auth-1",
      "secrets-1",
      "gateway-1",
    ]);
    // Every listener was picked once and no port counted from a gateway port.
    expect([...picked.keys()].sort()).toEqual(
      [...specs.map((s) => s.name), "gateway-1:rest"].sort(),
    );
    for (const s of specs) expect(s.env.KF_LISTEN).toBe(`127.0.0.1:${picked.get(s.name)}`);
    const gateway = only(specs, "gateway");
    expect(gateway.env.KF_REST_LISTEN).toBe(`127.0.0.1:${picked.get("gateway-1:rest")}`);
    // No producers: no GatewayInternal listener and nothing the gateway would call.
    expect(gateway.internalPort).toBeUndefined();
    expect(gateway.env.KF_PRODUCERS_ADDRESS).toBeUndefined();
    expect(gateway.env.KF_INTERNAL_LISTEN).toBeUndefined();
    // No customer fragment, and the coordinators are told of no customer slot.
    expect(gateway.customer).toBeUndefined();
    expect(Object.keys(gateway.env).filter((k) => k.startsWith("KF_CUSTOMER_"))).toEqual([]);
    expect(only(specs, "coordinator").env.KF_CUSTOMER_SLOTS).toBeUndefined();
    for (const s of specs) {
      expect(s.env.KF_NATS_USER).toBeUndefined();
      expect(s.env.KF_NATS_PASSWORD_FILE).toBeUndefined();
      if (s.env.KF_REDIS_PREFIX !== undefined) {
        expect(s.env.KF_REDIS_PREFIX).toBe(`kf:test:x:${s.service}`);
      }
    }
    expect(only(specs, "secrets").env.KF_REDIS_PREFIX).toBe("kf:test:x:secrets");
    expect(specs.filter((s) => s.env.KF_FAULT === "yes").map((s) => s.name)).toEqual(["fm-2a"]);
    expect(specs.find((s) => s.name === "fm-2a")?.env.KF_ZONE).toBe("z");
    // Counted ports without a gateway port cannot be.
    expect(() => localTopology({ ...options, gatewayPort: undefined })).toThrow(/gatewayPort/);
  });

  it("makes its state once: certificates certify each fragment manager's slot, secrets are 0600", async () => {
    const specs = localTopology(options);
    const made = await ensureLocalState(home, specs);
    expect(made).toContain("dev CA");
    // One per process, and one for the gateway's customer fragment.
    expect(made.filter((m) => m.startsWith("certificate"))).toHaveLength(specs.length + 1);
    expect(await ensureLocalState(home, specs)).toEqual([]);

    const paths = localPaths(home);
    const fm = new X509Certificate(await readFile(paths.cert("fm-2b")));
    expect(fm.subject).toContain("CN=fragment-manager:fm-2b");
    expect(fm.subjectAltName).toContain("urn:keyfrag:slot:2");
    expect(fm.checkIssued(new X509Certificate(await readFile(paths.ca)))).toBe(true);
    const customer = new X509Certificate(await readFile(paths.cert("gateway-1-customer")));
    expect(customer.subject).toContain("CN=fragment-manager:gateway-1-customer");
    expect(customer.subjectAltName).toContain("urn:keyfrag:slot:100");
    // Every file the gateway's customer fragment is configured with exists.
    const files = Object.entries(only(specs, "gateway").env).filter(
      ([name]) => name.startsWith("KF_CUSTOMER_") && /(FILE|CERT|KEY|DIR)$/.test(name),
    );
    expect(files.map(([name]) => name).sort()).toEqual([
      "KF_CUSTOMER_DATA_DIR",
      "KF_CUSTOMER_IDENTITY_KEY_FILE",
      "KF_CUSTOMER_NODE_KEY_FILE",
      "KF_CUSTOMER_SLOT_PEERS_FILE",
      "KF_CUSTOMER_TLS_CERT",
      "KF_CUSTOMER_TLS_KEY",
    ]);
    for (const [, path] of files) await stat(path); // throws when missing
    for (const secret of [
      paths.auditKey,
      paths.nodeKey("fm-1a"),
      paths.identityKey("fm-1a"),
      paths.nodeKey("gateway-1-customer"),
      paths.identityKey("gateway-1-customer"),
    ]) {
      expect((await stat(secret)).mode & 0o777).toBe(0o600);
    }
  });
});
