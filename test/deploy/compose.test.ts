/**
 * deploy/docker-compose.yml: current with its generator, accepted by docker-compose, and
 * starting the same processes with the same environment variables as `pnpm start`.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import {
  LOCAL_IMAGES,
  localTopology,
  NATS_29_CONF,
  natsConf,
  natsUsersConf,
  renderComposeLocalYaml,
  renderComposeYaml,
} from "@keyfrag/local-cluster";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const execFileAsync = promisify(execFile);
const repo = resolve(import.meta.dirname, "../..");
const composePath = resolve(repo, "deploy/docker-compose.yml");
const natsConfPath = resolve(repo, "deploy/nats/nats.conf");
const REGENERATE = "regenerate it with `pnpm gen:compose` and commit the result";

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  labels?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

let text: string;
let services: Record<string, Service>;
let volumes: Record<string, unknown>;

beforeAll(async () => {
  text = await readFile(composePath, "utf8");
  // docker-compose reads YAML 1.1.
  const doc = parse(text, { version: "1.1" }) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };
  services = doc.services;
  volumes = doc.volumes;
});

/** The topology `pnpm start` runs (libs/local-cluster/src/main.ts's options). */
const pnpmStart = () =>
  localTopology({
    home: "/home/me/keyfrag/.keyfrag",
    redisUrl: "redis://127.0.0.1:6379",
    natsUrl: "nats://127.0.0.1:4222",
    cluster: "keyfrag",
    gatewayPort: 50051,
    host: "127.0.0.1",
  });

/** The compose services that run a keyfrag service program (`command: [<service>]`). */
const keyfragServices = () =>
  Object.entries(services).filter(
    ([name, s]) => s.image?.startsWith("keyfrag:") && !["pki", "init"].includes(name),
  );

describe("deploy/docker-compose.yml", () => {
  it("is what its generator makes from the cluster's topology", async () => {
    expect(text, `deploy/docker-compose.yml is out of date: ${REGENERATE}`).toBe(
      renderComposeYaml(),
    );
    expect(
      await readFile(natsConfPath, "utf8"),
      `deploy/nats/nats.conf is out of date: ${REGENERATE}`,
    ).toBe(natsConf());
  });

  it("has the podman override beside it, current with its generator", async () => {
    expect(
      await readFile(resolve(repo, "deploy/docker-compose.local.yml"), "utf8"),
      `deploy/docker-compose.local.yml is out of date: ${REGENERATE}`,
    ).toBe(renderComposeLocalYaml());
    const nats29 = await readFile(resolve(repo, "deploy/nats", NATS_29_CONF), "utf8");
    expect(nats29, `deploy/nats/${NATS_29_CONF} is out of date: ${REGENERATE}`).toBe(
      natsConf({ nats29: true }),
    );
    const override = parse(
      await readFile(resolve(repo, "deploy/docker-compose.local.yml"), "utf8"),
      {
        version: "1.1",
      },
    ) as { services: Record<string, Service> };
    // Only images and nats's configuration change: every override service is a base service,
    // and nats's file is mounted where the base mounts nats.conf (compose merges by target).
    expect(Object.keys(override.services).sort()).toEqual(["nats", "postgres", "redis"]);
    for (const [name, s] of Object.entries(override.services)) {
      expect(services[name], name).toBeDefined();
      expect(Object.values(LOCAL_IMAGES)).toContain(s.image);
    }
    const target = (v: string) => v.split(":")[1];
    expect(override.services.nats?.volumes?.map(target)).toEqual(
      services.nats?.volumes?.filter((v) => v.includes("nats.conf")).map(target),
    );
  });

  it("has a NATS 2.9 configuration Debian's nats-server accepts, where it refuses nats.conf", async () => {
    // Debian 12's nats-server is 2.9: it refuses sync_interval, the reason for nats-2.9.conf.
    const dir = await mkdtemp(join(tmpdir(), "kf-nats29-"));
    try {
      await mkdir(join(dir, "auth"));
      await writeFile(join(dir, "auth", "users.conf"), natsUsersConf("kf", { gateway: "pw" }));
      for (const name of ["nats.conf", NATS_29_CONF]) {
        await writeFile(
          join(dir, name),
          await readFile(resolve(repo, "deploy/nats", name), "utf8"),
        );
      }
      const test = (name: string) =>
        execFileAsync("nats-server", ["-c", join(dir, name), "-t"]).then(
          () => "valid",
          (e: { stderr?: string }) => e.stderr ?? "",
        );
      expect(await test(NATS_29_CONF)).toBe("valid");
      const { stdout } = await execFileAsync("nats-server", ["--version"]);
      if (stdout.includes("v2.9."))
        expect(await test("nats.conf")).toMatch(/unknown field "sync_interval"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is accepted by `docker-compose config`", async () => {
    try {
      await execFileAsync("docker-compose", ["-f", composePath, "config", "-q"], {
        cwd: repo,
        timeout: 60_000,
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      throw new Error(
        e.code === "ENOENT"
          ? "docker-compose is not installed (Debian: apt-get install docker-compose; .ci/run does)"
          : `docker-compose config rejects deploy/docker-compose.yml: ${e.stderr || e.message}`,
      );
    }
  });

  it("starts every process of `pnpm start` with the same environment variables", () => {
    const local = pnpmStart();
    const compose = keyfragServices();
    for (const spec of local) expect(Object.keys(services), spec.name).toContain(spec.name);
    for (const [name, service] of compose) {
      // A process `pnpm start` runs once more times in compose (a second coordinator) is
      // compared with its first.
      const program = service.command?.[0];
      const twin = local.find((s) => s.name === name) ?? local.find((s) => s.service === program);
      expect(twin, `${name}: no such process in pnpm start`).toBeDefined();
      expect(program, name).toBe(twin?.service);
      expect(Object.keys(service.environment ?? {}).sort(), name).toEqual(
        Object.keys(twin?.env ?? {}).sort(),
      );
    }
  });

  it("points every address, URL and file at the compose network and the state volume", () => {
    const hosts = new Set(Object.keys(services));
    for (const [name, service] of keyfragServices()) {
      const env = service.environment ?? {};
      expect(env.KF_NATS_URL, name).toBe("nats://nats:4222");
      if (env.KF_REDIS_URL) expect(env.KF_REDIS_URL, name).toBe("redis://redis:6379");
      for (const [key, value] of Object.entries(env)) {
        if (/_(ADDRESS|ADDRESSES|ADVERTISE)$/.test(key)) {
          for (const address of value.split(",")) {
            expect(hosts, `${name} ${key}=${address}`).toContain(address.split(":")[0]);
          }
        }
        if (/_LISTEN$/.test(key)) expect(value, `${name} ${key}`).toMatch(/^0\.0\.0\.0:\d+$/);
        if (/_(FILE|DIR|CA|CERT|KEY)$/.test(key)) {
          expect(value, `${name} ${key}`).toMatch(/^\/keyfrag\//);
        }
      }
    }
  });

  it("runs Redis with an fsync'd append-only file and no eviction, NATS 2.11+ with synced JetStream", async () => {
    const redis = services.redis?.command?.join(" ") ?? "";
    expect(redis).toContain("--appendonly yes");
    expect(redis).toContain("--appendfsync always");
    expect(redis).toContain("--maxmemory-policy noeviction");

    const [, major, minor] = /^nats:(\d+)\.(\d+)/.exec(services.nats?.image ?? "") ?? [];
    expect(Number(major) * 1000 + Number(minor)).toBeGreaterThanOrEqual(2011);
    expect(services.nats?.volumes).toContain("./nats/nats.conf:/etc/nats/nats.conf:ro");
    const conf = await readFile(natsConfPath, "utf8");
    expect(conf).toMatch(/jetstream\s*\{[^}]*store_dir:\s*\/data[^}]*sync_interval:\s*always/);
    for (const name of ["redis", "nats", "postgres", ...keyfragServices().map(([n]) => n)]) {
      expect(services[name]?.healthcheck?.test, name).toBeDefined();
    }
  });

  it("places nine fragment managers over regions and zones, each with its own volume; two coordinators", () => {
    const fms = keyfragServices().filter(([, s]) => s.command?.[0] === "fragment-manager");
    expect(fms).toHaveLength(9);
    const places = new Set<string>();
    const dataVolumes = new Set<string>();
    for (const [name, service] of fms) {
      const labels = service.labels ?? {};
      const env = service.environment ?? {};
      expect(labels["io.keyfrag.region"], name).toBe(env.KF_REGION);
      expect(labels["io.keyfrag.zone"], name).toBe(env.KF_ZONE);
      expect(labels["io.keyfrag.slot"], name).toBe(env.KF_SLOT);
      places.add(
        `${labels["io.keyfrag.slot"]}/${labels["io.keyfrag.region"]}/${labels["io.keyfrag.zone"]}`,
      );
      const data = (service.volumes ?? []).find((v) => {
        const target = v.split(":")[1] ?? "";
        return env.KF_DATA_DIR?.startsWith(`${target}/`) && target !== "/keyfrag";
      });
      expect(data, `${name} has no volume for ${env.KF_DATA_DIR}`).toBeDefined();
      const volume = data?.split(":")[0] ?? "";
      expect(Object.keys(volumes)).toContain(volume);
      dataVolumes.add(volume);
    }
    expect(places.size).toBe(9);
    expect(dataVolumes.size).toBe(9);
    expect(
      keyfragServices()
        .filter(([, s]) => s.command?.[0] === "coordinator")
        .map(([, s]) => s.environment?.KF_NODE_ID),
    ).toEqual(["coordinator-1", "coordinator-2"]);
    expect(services["gateway-1"]?.environment?.KF_COORDINATOR_ADDRESSES?.split(",")).toHaveLength(
      2,
    );
  });

  it("publishes only the gateway (gRPC and REST) and the JWKS endpoint, on loopback; bootstraps through init", () => {
    const published = Object.entries(services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => `${name} ${p}`),
    );
    expect(published.sort()).toEqual([
      "gateway-1 127.0.0.1:50051:50051",
      "gateway-1 127.0.0.1:8081:8081",
      "producers-1 127.0.0.1:50066:50066",
    ]);
    expect(services.pki?.command?.slice(0, 1)).toEqual(["pki"]);
    expect(services.init?.command?.slice(0, 1)).toEqual(["wait-bootstrap"]);
    expect(services.init?.depends_on?.["gateway-1"]).toEqual({ condition: "service_healthy" });
    expect(services.postgres?.image).toMatch(/^postgres:/);
  });
});
