/**
 * The compose cluster under podman-compose, started as `docker compose up` starts it.
 *
 * Debian 12's podman-compose (1.0.3) makes every container, volume and the network from the
 * compose files, but starts all containers at once, 1 s apart, ignoring `depends_on`'s
 * conditions (`service_healthy`, `service_completed_successfully`): the services would start
 * before the one-shot `pki` made their certificates and crash until it has. And podman runs
 * health checks from systemd timers, so on a host without systemd (a container, CI) no health
 * check ever runs and no container becomes healthy. So this has podman-compose create the
 * containers (`up --no-start`), then starts each once what it depends on is as its condition
 * asks, running the health checks itself (`podman healthcheck run`, the compose file's test
 * in the container), and returns when every service is healthy and every one-shot has exited
 * 0: what `docker compose up --wait` does.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { parse } from "yaml";

const run = promisify(execFile);

export interface PodmanComposeOptions {
  /** The compose files, in order (base first, then overrides). */
  files: string[];
  /** The compose project (podman-compose's `-p`); containers are `<project>_<service>_1`. */
  project: string;
  /** Give up when the cluster is not up within this (default 600 s). */
  timeoutMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

type Condition = "service_started" | "service_healthy" | "service_completed_successfully";

export interface ComposeServicePlan {
  name: string;
  /** The services it waits for, with the condition each must meet. */
  dependsOn: { service: string; condition: Condition }[];
  /** Whether the compose file gives it a health check (not `disable: true`). */
  healthcheck: boolean;
  /** A one-shot step (`restart: "no"` and no health check): done when it exited 0. */
  oneShot: boolean;
}

interface RawService {
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
}

const CONDITIONS = new Set<string>([
  "service_started",
  "service_healthy",
  "service_completed_successfully",
]);

/**
 * The services of the merged compose files (later files' keys win, `depends_on` entries add
 * up), each with what it waits for, in an order in which every service comes after those it
 * depends on. Throws on an unknown service or condition and on a cycle.
 */
export function composePlan(documents: readonly unknown[]): ComposeServicePlan[] {
  const merged = new Map<string, RawService>();
  for (const doc of documents) {
    const services = (doc as { services?: Record<string, RawService> } | null)?.services ?? {};
    for (const [name, service] of Object.entries(services)) {
      const before = merged.get(name) ?? {};
      const dependsOn = { ...normalizeDependsOn(before), ...normalizeDependsOn(service) };
      merged.set(name, {
        ...before,
        ...service,
        depends_on: dependsOn,
        healthcheck: { ...before.healthcheck, ...service.healthcheck },
      });
    }
  }
  const plans = new Map<string, ComposeServicePlan>();
  for (const [name, service] of merged) {
    const dependsOn = Object.entries(normalizeDependsOn(service)).map(([dep, { condition }]) => {
      if (!merged.has(dep)) throw new Error(`service ${name} depends on unknown service ${dep}`);
      if (!CONDITIONS.has(condition))
        throw new Error(`service ${name}: unknown depends_on condition ${condition}`);
      return { service: dep, condition: condition as Condition };
    });
    const healthcheck = Boolean(service.healthcheck?.test) && service.healthcheck?.disable !== true;
    plans.set(name, {
      name,
      dependsOn,
      healthcheck,
      oneShot: !healthcheck && service.restart === "no",
    });
  }
  // Depth-first, in the files' order: each service after what it depends on.
  const ordered: ComposeServicePlan[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting")
      throw new Error(`depends_on cycle: ${[...path, name].join(" → ")}`);
    state.set(name, "visiting");
    const plan = plans.get(name) as ComposeServicePlan;
    for (const dep of plan.dependsOn) visit(dep.service, [...path, name]);
    state.set(name, "done");
    ordered.push(plan);
  };
  for (const name of plans.keys()) visit(name, []);
  return ordered;
}

function normalizeDependsOn(service: RawService): Record<string, { condition: string }> {
  const raw = service.depends_on;
  if (!raw) return {};
  if (Array.isArray(raw))
    return Object.fromEntries(raw.map((s) => [s, { condition: "service_started" }]));
  return Object.fromEntries(
    Object.entries(raw).map(([s, v]) => [s, { condition: v?.condition ?? "service_started" }]),
  );
}

/** podman-compose's name for a service's (first) container. */
export const podmanContainer = (project: string, service: string) => `${project}_${service}_1`;

export interface PodmanUpResult {
  /** Milliseconds from the first start to every service ready. */
  upToReadyMs: number;
  /** When each service was ready (healthy, exited 0, or running), ms after the first start. */
  readyAtMs: Record<string, number>;
}

/**
 * Creates the cluster's containers with podman-compose and starts them in `depends_on` order,
 * as their conditions ask; resolves when every service is ready. Containers that exist
 * already are started as they are (podman-compose does not recreate them), so a stopped
 * cluster resumes. On a failed one-shot or the timeout it rejects, with the last log lines
 * of what is not ready.
 */
export async function podmanComposeUp(o: PodmanComposeOptions): Promise<PodmanUpResult> {
  const log = o.log ?? (() => {});
  const timeoutMs = o.timeoutMs ?? 600_000;
  const documents = await Promise.all(
    o.files.map(async (f) => parse(await readFile(f, "utf8"), { version: "1.1" }) as unknown),
  );
  const plan = composePlan(documents);
  const composeArgs = ["-p", o.project, ...o.files.flatMap((f) => ["-f", f])];
  log(`podman-compose ${composeArgs.join(" ")} up --no-build --no-start`);
  // Creates the network, the volumes and every container, and starts none.
  await run("podman-compose", [...composeArgs, "up", "--no-build", "--no-start"], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const name = (service: string) => podmanContainer(o.project, service);
  for (const s of plan) {
    // podman-compose prints and ignores a failed create; find out here.
    await run("podman", ["container", "exists", name(s.name)]).catch(() => {
      throw new Error(`podman-compose made no container ${name(s.name)}`);
    });
  }

  const started = new Set<string>();
  const healthySeen = new Set<string>();
  const ready = new Map<string, number>();
  const t0 = Date.now();
  const deadline = t0 + timeoutMs;
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const byName = new Map(plan.map((p) => [p.name, p]));
  // Services something waits for to have exited 0 (besides the one-shots themselves).
  const awaitedCompletion = new Set(
    plan.flatMap((p) =>
      p.dependsOn
        .filter((d) => d.condition === "service_completed_successfully")
        .map((d) => d.service),
    ),
  );

  while (ready.size < plan.length) {
    if (Date.now() > deadline) {
      const waiting = plan.filter((p) => !ready.has(p.name));
      const logs = await Promise.all(
        waiting.filter((p) => started.has(p.name)).map(async (p) => tail(name(p.name))),
      );
      throw new Error(
        `not ready within ${timeoutMs / 1000} s: ${waiting.map((p) => p.name).join(", ")}\n${logs.join("\n")}`,
      );
    }
    // One look at every started container, then the health checks not yet passed, together.
    const states = await statesOf([...started].map(name));
    const stateOf = (service: string) => states.get(name(service)) ?? { status: "", exitCode: 0 };
    await Promise.all(
      plan
        .filter(
          (p) =>
            started.has(p.name) &&
            p.healthcheck &&
            !healthySeen.has(p.name) &&
            stateOf(p.name).status === "running",
        )
        .map(async (p) => {
          if (await healthy(name(p.name))) healthySeen.add(p.name);
        }),
    );
    for (const service of started) {
      const { status, exitCode } = stateOf(service);
      const oneShot = byName.get(service)?.oneShot || awaitedCompletion.has(service);
      if (oneShot && status === "exited" && exitCode !== 0)
        throw new Error(`${service} exited with ${exitCode}\n${await tail(name(service))}`);
    }
    /** Whether `service` meets `condition` now (healthy stays healthy once seen, as in compose). */
    const meets = (service: string, condition: Condition): boolean => {
      if (!started.has(service)) return false;
      const { status } = stateOf(service);
      if (condition === "service_completed_successfully") return status === "exited";
      if (condition === "service_healthy") {
        if (!byName.get(service)?.healthcheck)
          throw new Error(`${service} has no health check to wait for`);
        return healthySeen.has(service);
      }
      return status === "running" || status === "exited";
    };

    for (const s of plan) {
      if (!started.has(s.name) || ready.has(s.name)) continue;
      const [condition, what]: [Condition, string] = s.oneShot
        ? ["service_completed_successfully", "exited 0"]
        : s.healthcheck
          ? ["service_healthy", "healthy"]
          : ["service_started", "running"];
      if (meets(s.name, condition)) {
        ready.set(s.name, Date.now() - t0);
        log(`${s.name}: ${what} at ${since()}`);
      }
    }
    const startable = plan.filter(
      (s) => !started.has(s.name) && s.dependsOn.every((d) => meets(d.service, d.condition)),
    );
    for (const s of startable) {
      await run("podman", ["start", name(s.name)]);
      started.add(s.name);
      log(`${s.name}: started at ${since()}`);
    }
    if (ready.size < plan.length) await new Promise((r) => setTimeout(r, 1_000));
  }
  return { upToReadyMs: Date.now() - t0, readyAtMs: Object.fromEntries(ready) };
}

/** Each container's status (`running`, `exited`, …) and exit code, by name. */
async function statesOf(containers: string[]) {
  const states = new Map<string, { status: string; exitCode: number }>();
  if (containers.length === 0) return states;
  const { stdout } = await run("podman", [
    "inspect",
    "--format",
    "{{.Name}} {{.State.Status}} {{.State.ExitCode}}",
    ...containers,
  ]);
  for (const line of stdout.trim().split("\n")) {
    const [container = "", status = "", code = ""] = line.trim().split(" ");
    states.set(container.replace(/^\//, ""), { status, exitCode: Number(code) });
  }
  return states;
}

/** Runs the container's health check once (the compose file's test, in the container). */
const healthy = (container: string) =>
  run("podman", ["healthcheck", "run", container]).then(
    () => true,
    () => false,
  );

async function tail(container: string): Promise<string> {
  const { stdout, stderr } = await run("podman", ["logs", "--tail", "30", container]).catch(
    (e: { stdout?: string; stderr?: string }) => ({
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
    }),
  );
  return `--- ${container} (last 30 lines) ---\n${stdout}${stderr}`;
}
