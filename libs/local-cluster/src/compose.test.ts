import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  COMPOSE_HOME,
  composeFile,
  composeHostsOf,
  composeTopology,
  renderComposeYaml,
} from "./compose.js";
import { ensureLocalState, processState } from "./local-state.js";
import { localPaths } from "./topology.js";

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const file = composeFile();
const services = file.services as Record<string, Service>;

describe("the compose topology", () => {
  it("listens on every interface and dials each process at its compose service name", () => {
    const specs = composeTopology();
    expect(specs.filter((s) => s.service === "coordinator")).toHaveLength(2);
    const listening = new Map(
      specs.flatMap((s) => [
        [s.port, s.name] as const,
        ...(s.internalPort === undefined ? [] : [[s.internalPort, s.name] as const]),
      ]),
    );
    for (const s of specs) {
      expect(s.env.KF_LISTEN).toBe(`0.0.0.0:${s.port}`);
      if (s.internalPort !== undefined)
        expect(s.env.KF_INTERNAL_LISTEN).toBe(`0.0.0.0:${s.internalPort}`);
      for (const [name, value] of Object.entries(s.env)) {
        if (!/_ADDRESS(ES)?$/.test(name)) continue;
        for (const address of value.split(",")) {
          const [host, port] = address.split(":");
          expect(listening.get(Number(port)), `${s.name} ${name}`).toBe(host);
        }
      }
    }
    const gateway = specs.find((s) => s.service === "gateway");
    expect(gateway?.env.KF_CUSTOMER_ADVERTISE).toBe(`gateway-1:${gateway?.customer?.port}`);
  });

  describe("certificates", () => {
    let home: string;
    beforeAll(async () => {
      home = await mkdtemp(join(tmpdir(), "kf-compose-"));
    });
    afterAll(async () => {
      await rm(home, { recursive: true, force: true });
    });

    it("name the service others dial, and localhost for the host's CLI and health checks", async () => {
      expect(composeHostsOf("fm-2b")).toEqual(["fm-2b", "localhost", "127.0.0.1"]);
      // The customer fragment lives in the gateway's container.
      expect(composeHostsOf("gateway-1-customer")).toEqual(["gateway-1", "localhost", "127.0.0.1"]);

      await ensureLocalState(home, composeTopology(), composeHostsOf);
      const paths = localPaths(home);
      const gateway = new X509Certificate(await readFile(paths.cert("gateway-1")));
      expect(gateway.checkHost("gateway-1")).toBe("gateway-1");
      expect(gateway.checkHost("localhost")).toBe("localhost");
      expect(gateway.checkIP("127.0.0.1")).toBe("127.0.0.1");
      const coordinator = new X509Certificate(await readFile(paths.cert("coordinator-2")));
      expect(coordinator.checkHost("coordinator-2")).toBe("coordinator-2");
      expect(coordinator.checkHost("coordinator-1")).toBeUndefined();
      const customer = new X509Certificate(await readFile(paths.cert("gateway-1-customer")));
      expect(customer.checkHost("gateway-1")).toBe("gateway-1");
    });
  });
});

describe("the compose file", () => {
  it("starts each service after what it depends on, in pnpm start's order, without cycles", () => {
    const names = Object.keys(services);
    for (const [name, service] of Object.entries(services)) {
      for (const dep of Object.keys(service.depends_on ?? {})) {
        expect(names, `${name} depends on ${dep}`).toContain(dep);
        // Declared before: the services are listed in start order, so no cycle is possible.
        expect(names.indexOf(dep), `${name} depends on ${dep}`).toBeLessThan(names.indexOf(name));
      }
    }
    const gateway = services["gateway-1"]?.depends_on ?? {};
    expect(Object.keys(gateway)).toEqual(
      expect.arrayContaining(["coordinator-1", "coordinator-2", "auth-1", "policy-1", "secrets-1"]),
    );
    // The gateway forwards to producers, which start after it (they call the gateway).
    expect(Object.keys(gateway)).not.toContain("producers-1");
    expect(services["producers-1"]?.depends_on?.["gateway-1"]).toEqual({
      condition: "service_healthy",
    });
    expect(services["coordinator-1"]?.depends_on?.["fm-3c"]).toEqual({
      condition: "service_healthy",
    });
    for (const spec of composeTopology()) {
      expect(services[spec.name]?.depends_on?.pki).toEqual({
        condition: "service_completed_successfully",
      });
    }
  });

  it("mounts the state with the CA key into the pki step alone; every process gets a volume of its own files", () => {
    const declared = Object.keys(file.volumes);
    const owners = new Map<string, string[]>();
    for (const [name, service] of Object.entries(services)) {
      for (const mount of service.volumes ?? []) {
        const [source = ""] = mount.split(":");
        if (source.startsWith(".")) continue; // a file from deploy/
        expect(declared).toContain(source);
        owners.set(source, [...(owners.get(source) ?? []), name]);
      }
    }
    // The whole state (CA key, every node's keys): the one-shot pki step only.
    expect(owners.get("keyfrag")).toEqual(["pki"]);
    for (const spec of composeTopology()) {
      const mounts = services[spec.name]?.volumes ?? [];
      const own = mounts.find((m) => m.split(":")[1] === COMPOSE_HOME);
      const [volume = "", , mode] = (own ?? "").split(":");
      expect(volume, spec.name).toBe(`${spec.name}-secrets`);
      // Written by pki (which fills it) and, for auth only, by the process itself.
      const writers = spec.env.KF_BOOTSTRAP_CREDENTIALS_FILE ? [spec.name] : [];
      expect(mode === "ro", spec.name).toBe(writers.length === 0);
      const readers = spec.env.KF_BOOTSTRAP_CREDENTIALS_FILE ? ["init"] : [];
      expect(owners.get(volume)?.sort(), spec.name).toEqual(["pki", spec.name, ...readers].sort());
      // A fragment node's data outlives its container, in a volume of its own.
      const dataDir = spec.env.KF_DATA_DIR ?? spec.env.KF_CUSTOMER_DATA_DIR;
      if (!dataDir) continue;
      const data = mounts.find((m) => {
        const target = m.split(":")[1] ?? "";
        return target !== COMPOSE_HOME && dataDir.startsWith(`${target}/`);
      });
      expect(owners.get(data?.split(":")[0] ?? ""), spec.name).toEqual([spec.name]);
    }
  });

  it("gives each process a copy of its own files only: no CA key, no other node's keys", async () => {
    const home = await mkdtemp(join(tmpdir(), "kf-compose-state-"));
    try {
      const specs = composeTopology().map((s) => ({
        ...s,
        env: Object.fromEntries(
          Object.entries(s.env).map(([k, v]) => [k, v.replace(COMPOSE_HOME, home)]),
        ),
      }));
      await ensureLocalState(home, specs, composeHostsOf);
      const paths = localPaths(home);
      for (const spec of specs) {
        const { files } = processState(home, spec);
        expect(files, spec.name).toContain(paths.ca);
        expect(files, spec.name).not.toContain(join(paths.pki, "ca-key.pem"));
        const keyFiles = files.filter((f) => /(-key\.pem|\.key)$/.test(f));
        const mine = [spec.name, spec.customer?.name].filter(Boolean);
        for (const f of keyFiles) {
          if (f === paths.auditKey) continue;
          expect(
            mine.some((n) => f.endsWith(`/${n}-key.pem`) || f.includes(`/${n}.`)),
            `${spec.name} gets ${f}`,
          ).toBe(true);
        }
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it("renders as YAML that docker-compose reads back as the same document", () => {
    const text = renderComposeYaml();
    expect(text.startsWith("# generated by pnpm gen:compose")).toBe(true);
    // docker-compose reads YAML 1.1, where an unquoted yes/no would be a boolean.
    expect(parse(text, { version: "1.1" })).toEqual(file);
    expect(text).toContain('restart: "no"');
    expect(text).not.toMatch(/[&*]a\d/); // no anchors or aliases
  });
});
