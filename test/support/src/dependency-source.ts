import type * as Testcontainers from "testcontainers";

/** Where a dependency comes from: a testcontainers container or an already-running service. */
export type DependencySource = "containers" | "local";

/** One external service a test can ask for. */
export interface Dependency {
  /** Human name used in error messages, e.g. "PostgreSQL". */
  readonly name: string;
  /** Environment variable that points tests at an already-running instance. */
  readonly envVar: string;
  /** URL tried when the environment variable is unset. */
  readonly localUrl: string;
  /** Describes the container started when a Docker engine answers. */
  readonly container: (testcontainers: typeof Testcontainers) => ContainerRecipe;
}

/** A container definition plus how to turn its mapped host and port into a URL. */
export interface ContainerRecipe {
  readonly container: Testcontainers.GenericContainer;
  readonly port: number;
  readonly url: (host: string, port: number) => string;
}

// A missing engine fails fast, but a wedged socket can hang; never let the probe stall a test.
const DOCKER_PROBE_TIMEOUT_MS = 2_000;

let source: Promise<DependencySource> | undefined;
const containers = new Map<string, Promise<string>>();

/** Decides once per process whether dependencies come from containers or local services. */
export function dependencySource(): Promise<DependencySource> {
  source ??= pickSource();
  return source;
}

/** The URL a test should use for `dependency`, starting its container on first use. */
export async function dependencyUrl(dependency: Dependency, override?: string): Promise<string> {
  if (override !== undefined) return override;
  if ((await dependencySource()) === "local") {
    return process.env[dependency.envVar] || dependency.localUrl;
  }
  let url = containers.get(dependency.name);
  if (url === undefined) {
    url = startContainer(dependency);
    containers.set(dependency.name, url);
  }
  return url;
}

async function pickSource(): Promise<DependencySource> {
  const forced = process.env.KEYFRAG_TEST_DEPS;
  if (forced === "local") return "local";
  if (forced !== undefined && forced !== "" && forced !== "docker") {
    throw new Error(`KEYFRAG_TEST_DEPS must be "local", "docker" or unset, got "${forced}"`);
  }
  // Imported lazily so runs pinned to local services never pay for loading the Docker client.
  const { getContainerRuntimeClient } = await import("testcontainers");
  if (forced === "docker") {
    try {
      await getContainerRuntimeClient();
    } catch (cause) {
      throw new Error("KEYFRAG_TEST_DEPS=docker, but no Docker engine answered", { cause });
    }
    return "containers";
  }
  try {
    await withTimeout(getContainerRuntimeClient(), DOCKER_PROBE_TIMEOUT_MS);
    return "containers";
  } catch {
    return "local";
  }
}

async function startContainer(dependency: Dependency): Promise<string> {
  const recipe = dependency.container(await import("testcontainers"));
  // No stop(): testcontainers' reaper removes the container when this process exits,
  // which is exactly the "one per test process" lifetime we want.
  const started = await recipe.container.withExposedPorts(recipe.port).start();
  return recipe.url(started.getHost(), started.getMappedPort(recipe.port));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
