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
import { ensureLocalState } from "./local-state.js";
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

  it("keeps each fragment node's data in a volume of its own; only pki and auth write the shared state", () => {
    const declared = Object.keys(file.volumes);
    const owners = new Map<string, string[]>();
    for (const [name, service] of Object.entries(services)) {
      for (const mount of service.volumes ?? []) {
        const [source, target, mode] = mount.split(":");
        if (source?.startsWith(".")) continue; // a file from deploy/
        expect(declared).toContain(source);
        owners.set(source ?? "", [...(owners.get(source ?? "") ?? []), name]);
        if (source === "keyfrag") {
          expect(target).toBe(COMPOSE_HOME);
          expect(mode === "ro", name).toBe(!["pki", "auth-1"].includes(name));
        }
      }
    }
    for (const spec of composeTopology()) {
      const dataDir = spec.env.KF_DATA_DIR ?? spec.env.KF_CUSTOMER_DATA_DIR;
      if (!dataDir) continue;
      const mount = services[spec.name]?.volumes?.find((m) => {
        const target = m.split(":")[1] ?? "";
        return target !== COMPOSE_HOME && dataDir.startsWith(`${target}/`);
      });
      const volume = mount?.split(":")[0] ?? "";
      expect(owners.get(volume), spec.name).toEqual([spec.name]);
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
