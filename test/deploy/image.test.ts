/**
 * The container image, checked without a Docker engine: deploy/Dockerfile is parsed and held
 * against the repository (stages, user, entry point, health check, what is copied and what the
 * ignore file leaves out), the production dependency set is checked against what the compiled
 * code imports, and the image's entry point is run as the image runs it — health checks against
 * a real service process, a service under tini stopped by SIGTERM, certificates for init
 * containers. Needs the compiled output (`pnpm test` builds first).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join, posix, resolve } from "node:path";
import { SERVICES } from "@keyfrag/container";
import { COMPOSE_GATEWAY_PORT } from "@keyfrag/local-cluster";
import { createDevCa, issueCertificate, verifySlotCertificate } from "@keyfrag/rpc";
import {
  type ClusterEnv,
  createClusterEnv,
  requireBuilt,
  ServiceProcess,
  serviceScript,
} from "@keyfrag/test-cluster";
import { freePort } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

const repo = resolve(import.meta.dirname, "../..");
const ENTRY = join(repo, "libs", "container", "dist", "main.js");
const TINI = "/usr/bin/tini";

// ---------------------------------------------------------------------------------------------
// A Dockerfile reader: enough of the syntax for this file (continuations, comments, parser
// directives, exec-form JSON, --flags, ARG defaults in FROM).

interface Instruction {
  keyword: string;
  /** Flags (`--from=build`) and the remaining words or the exec-form array. */
  flags: Record<string, string>;
  args: string[];
  /** Whether the arguments were a JSON array (exec form). */
  json: boolean;
  raw: string;
}

interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

function parseDockerfile(text: string) {
  const lines = text.split("\n");
  const directives: Record<string, string> = {};
  for (const line of lines) {
    const m = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!m?.[1] || !m[2]) break;
    directives[m[1]] = m[2];
  }
  const logical: string[] = [];
  let current = "";
  for (const line of lines) {
    if (/^\s*#/.test(line)) continue; // comments, also inside continuations
    const continued = /\\\s*$/.test(line);
    current += `${line.replace(/\\\s*$/, "")} `;
    if (continued) continue;
    if (current.trim()) logical.push(current.trim().replace(/\s+/g, " "));
    current = "";
  }
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const raw of logical) {
    const [keyword = "", ...rest] = raw.split(" ");
    const upper = keyword.toUpperCase();
    let body = rest.join(" ");
    const flags: Record<string, string> = {};
    // HEALTHCHECK's options come before its CMD; RUN's and COPY's before their arguments.
    while (body.startsWith("--")) {
      const m = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(body);
      if (!m?.[1]) break;
      flags[m[1]] = m[2] ?? "true";
      body = body.slice(m[0].length);
    }
    let args: string[];
    let json = false;
    if (upper === "HEALTHCHECK" && body.startsWith("CMD ")) body = body.slice(4);
    if (body.startsWith("[")) {
      args = JSON.parse(body) as string[];
      json = true;
    } else {
      args = body.split(" ").filter(Boolean);
    }
    const instruction = { keyword: upper, flags, args, json, raw };
    if (upper === "FROM") {
      const image = (args[0] ?? "").replace(/\$\{(\w+)\}/g, (_, v: string) => globalArgs[v] ?? "");
      const as = args[1]?.toUpperCase() === "AS" ? args[2] : undefined;
      stages.push({ image, name: as, instructions: [] });
    } else if (stages.length === 0) {
      if (upper === "ARG") {
        // A default may use the ARGs declared before it.
        const [name = "", value = ""] = (args[0] ?? "").split("=");
        globalArgs[name] = value.replace(/\$\{(\w+)\}/g, (_, v: string) => globalArgs[v] ?? "");
      }
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { directives, globalArgs, stages };
}

// ---------------------------------------------------------------------------------------------
// .dockerignore matching as BuildKit does it (moby/patternmatcher): Go-style globs plus `**`,
// later patterns win, `!` re-includes, and a pattern that matches a folder matches all in it.

function dockerignore(text: string) {
  const patterns = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const exclusion = l.startsWith("!");
      const cleaned = posix.normalize((exclusion ? l.slice(1) : l).trim()).replace(/^\/+/, "");
      return { exclusion, re: globToRegExp(cleaned) };
    });
  return (path: string): boolean => {
    const parts = path.split("/");
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let ignored = false;
    for (const p of patterns) {
      if (candidates.some((c) => p.re.test(c))) ignored = !p.exclusion;
    }
    return ignored;
  };
}

function globToRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        i++;
        if (pattern[i + 1] === "/") {
          i++;
          re += "(.*/)?";
        } else {
          re += ".*";
        }
      } else {
        re += "[^/]*";
      }
    } else if (ch === "?") {
      re += "[^/]";
    } else {
      re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${re}$`);
}

// ---------------------------------------------------------------------------------------------

const dockerfile = parseDockerfile(readFileSync(join(repo, "deploy", "Dockerfile"), "utf8"));
const ignored = dockerignore(readFileSync(join(repo, "deploy", "Dockerfile.dockerignore"), "utf8"));
const stageNamed = (name: string) => {
  const stage = dockerfile.stages.find((s) => s.name === name);
  if (!stage) throw new Error(`no stage ${name}`);
  return stage;
};
const runtime = dockerfile.stages.at(-1) as Stage;
const only = (stage: Stage, keyword: string) => {
  const found = stage.instructions.filter((i) => i.keyword === keyword);
  expect(found, `${keyword} in stage ${stage.name}`).toHaveLength(1);
  return found[0] as Instruction;
};
const rootManifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
  packageManager: string;
  engines: { node: string };
};

/** The workspace's packages, as pnpm-workspace.yaml globs them (one level: `group/*`). */
function workspacePackages(): string[] {
  const workspace = parseYaml(readFileSync(join(repo, "pnpm-workspace.yaml"), "utf8")) as {
    packages: string[];
  };
  return workspace.packages.flatMap((glob) => {
    const group = glob.replace(/\/\*$/, "");
    return readdirSync(join(repo, group))
      .map((name) => `${group}/${name}`)
      .filter((dir) => existsSync(join(repo, dir, "package.json")));
  });
}

/** Files under `dir` (repo-relative), skipping what the build makes or installs. */
function sourceFiles(dir: string): string[] {
  const abs = join(repo, dir);
  if (statSync(abs).isFile()) return [dir];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    if (["node_modules", "dist"].includes(e.name) || e.name.endsWith(".tsbuildinfo")) return [];
    return sourceFiles(posix.join(dir, e.name));
  });
}

describe("deploy/Dockerfile", () => {
  it("uses BuildKit's Dockerfile syntax 1 and pinned Node and pnpm releases", () => {
    expect(dockerfile.directives.syntax).toBe("docker/dockerfile:1");
    const node = dockerfile.globalArgs.NODE_VERSION ?? "";
    expect(node).toMatch(/^20\.\d+\.\d+$/);
    // package.json's engines: ">=20.19".
    const [major, minor] = node.split(".").map(Number);
    const [, wantMajor, wantMinor] = /^>=(\d+)\.(\d+)/.exec(rootManifest.engines.node) ?? [];
    expect(major).toBe(Number(wantMajor));
    expect(minor).toBeGreaterThanOrEqual(Number(wantMinor));
    expect(`pnpm@${dockerfile.globalArgs.PNPM_VERSION}`).toBe(rootManifest.packageManager);
    for (const stage of dockerfile.stages) {
      expect([`node:${node}-bookworm-slim`, "base", "manifests"]).toContain(stage.image);
    }
  });

  it("takes its base image as the build argument BASE_IMAGE, the official Node image by default", () => {
    // pnpm images:local builds the same file on a Node image of its own (deploy/local).
    expect(dockerfile.globalArgs.BASE_IMAGE).toBe(
      `node:${dockerfile.globalArgs.NODE_VERSION}-bookworm-slim`,
    );
    const text = readFileSync(join(repo, "deploy", "Dockerfile"), "utf8");
    const froms = text.split("\n").filter((l) => /^FROM /.test(l));
    // Every stage starts from it or from an earlier stage: no second, hard-coded base.
    for (const from of froms) expect(from).toMatch(/^FROM (\$\{BASE_IMAGE\}|base|manifests) AS /);
    expect(froms.filter((l) => /^FROM \$\{BASE_IMAGE\} /.test(l))).toHaveLength(2);
  });

  it("never lets the runtime trust the CAs a local base image adds for the build", () => {
    // deploy/local's Node image sets NODE_EXTRA_CA_CERTS to /etc/keyfrag-local/extra-ca.pem
    // (the build machine's TLS-inspecting proxy); the runtime stage starts from that image.
    const text = readFileSync(join(repo, "deploy", "Dockerfile"), "utf8");
    const runtime = text.slice(text.indexOf("FROM ${BASE_IMAGE} AS runtime"));
    expect(runtime).toMatch(/^ENV .*\bNODE_EXTRA_CA_CERTS=$/m);
    expect(runtime).toMatch(/rm -rf [^\n]*\/etc\/keyfrag-local/);
  });

  it("is multi-stage, and every COPY --from names an earlier stage", () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    const names = dockerfile.stages.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [i, stage] of dockerfile.stages.entries()) {
      const earlier = dockerfile.stages.slice(0, i).map((s) => s.name);
      if (!stage.image.startsWith("node:")) expect(earlier).toContain(stage.image);
      for (const copy of stage.instructions.filter((x) => x.keyword === "COPY" && x.flags.from)) {
        expect(earlier, copy.raw).toContain(copy.flags.from);
      }
    }
  });

  it("runs as a fixed non-root uid that it creates", () => {
    const user = only(runtime, "USER").args[0] ?? "";
    expect(user).toMatch(/^\d+$/);
    expect(Number(user)).toBeGreaterThan(0);
    const runs = runtime.instructions.filter((i) => i.keyword === "RUN").map((i) => i.raw);
    expect(runs.some((r) => r.includes(`useradd --uid ${user} `))).toBe(true);
    // USER comes after every RUN: nothing runs as root once the user is set, and nothing the
    // runtime user could change was made after.
    const userAt = runtime.instructions.findIndex((i) => i.keyword === "USER");
    expect(runtime.instructions.slice(userAt).some((i) => i.keyword === "RUN")).toBe(false);
    expect(only(runtime, "ENV").raw).toBe("ENV NODE_ENV=production NODE_EXTRA_CA_CERTS=");
  });

  it("runs the entry point under tini, with a service as the default command", () => {
    const entrypoint = only(runtime, "ENTRYPOINT");
    expect(entrypoint.json).toBe(true);
    expect(entrypoint.args).toEqual([TINI, "--", "node", "/app/libs/container/dist/main.js"]);
    const runs = runtime.instructions.filter((i) => i.keyword === "RUN").map((i) => i.raw);
    expect(runs.some((r) => /apt-get install .*\btini\b/.test(r))).toBe(true);
    const cmd = only(runtime, "CMD");
    expect(cmd.json).toBe(true);
    expect(cmd.args).toEqual(["gateway"]);
    expect(SERVICES).toContain(cmd.args[0]);
    expect(only(runtime, "EXPOSE").args).toEqual([String(COMPOSE_GATEWAY_PORT)]);
  });

  it("health-checks with the entry point's healthcheck command, a file the build produces", () => {
    const healthcheck = only(runtime, "HEALTHCHECK");
    expect(healthcheck.json).toBe(true);
    expect(healthcheck.args).toEqual(["node", "/app/libs/container/dist/main.js", "healthcheck"]);
    // Docker kills a probe at --timeout; the probe's own deadline (3 s) must come first.
    expect(Number.parseInt(healthcheck.flags.timeout ?? "30", 10)).toBeGreaterThan(3);
    // /app is the repository: the file is what `tsc --build` makes, and the build stage
    // carries every lib's dist/ into the runtime.
    for (const path of [healthcheck.args[1], only(runtime, "ENTRYPOINT").args[3]]) {
      const inRepo = (path ?? "").replace(/^\/app\//, "");
      expect(existsSync(join(repo, inRepo)), `${inRepo} (run tsc --build)`).toBe(true);
    }
    const references = (
      JSON.parse(readFileSync(join(repo, "tsconfig.json"), "utf8")) as {
        references: { path: string }[];
      }
    ).references.map((r) => r.path);
    expect(references).toContain("libs/container");
    const gather = stageNamed("build").instructions.find((i) => i.raw.includes("/out"));
    expect(gather?.raw).toContain("libs/*/dist");
    expect(gather?.raw).toContain("services/*/dist");
    expect(gather?.raw).toContain(" proto ");
  });

  it("copies every workspace package's manifest before installing", () => {
    const manifests = stageNamed("manifests");
    const copied = manifests.instructions
      .filter((i) => i.keyword === "COPY")
      .flatMap((i) => i.args.slice(0, -1));
    for (const root of ["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc"]) {
      expect(copied).toContain(root);
    }
    const packages = workspacePackages();
    expect(packages).toContain("libs/container");
    expect(copied.filter((c) => c.endsWith("/package.json")).sort()).toEqual(
      packages.map((p) => `${p}/package.json`).sort(),
    );
    // And each lands where it came from.
    for (const copy of manifests.instructions.filter((i) => i.keyword === "COPY")) {
      const [src, dest] = copy.args;
      if (src?.endsWith("/package.json")) expect(dest).toBe(`${posix.dirname(src)}/`);
    }
  });

  it("installs production dependencies of the libs and services only, from the lockfile", () => {
    const install = stageNamed("prod-deps").instructions.find((i) =>
      i.raw.includes("pnpm install"),
    );
    const raw = install?.raw ?? "";
    for (const flag of ["--prod", "--frozen-lockfile", "--ignore-scripts"]) {
      expect(raw).toContain(flag);
    }
    const filters = [...raw.matchAll(/--filter "\.\/([^"]+)\/\*"/g)].map((m) => m[1]);
    const selected = workspacePackages().filter((p) => filters.includes(posix.dirname(p)));
    const expected = workspacePackages().filter((p) => /^(libs|services)\//.test(p));
    expect(selected.sort()).toEqual(expected.sort());
  });

  it("puts nothing from the build context into the runtime stage, only build output", () => {
    for (const copy of runtime.instructions.filter((i) => i.keyword === "COPY")) {
      expect(copy.flags.from, copy.raw).toBeDefined();
    }
    const froms = runtime.instructions
      .filter((i) => i.keyword === "COPY")
      .map((i) => `${i.flags.from} ${i.args[0]}`);
    expect(froms).toEqual(
      expect.arrayContaining([
        "prod-deps /app/node_modules/",
        "prod-deps /app/libs/",
        "prod-deps /app/services/",
        "build /out/",
      ]),
    );
  });

  it("copies only paths that exist and that the ignore file lets through", () => {
    const contextCopies = dockerfile.stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.keyword === "COPY" && !i.flags.from);
    expect(contextCopies.length).toBeGreaterThan(0);
    for (const copy of contextCopies) {
      for (const src of copy.args.slice(0, -1)) {
        const path = src.replace(/\/$/, "");
        expect(existsSync(join(repo, path)), `${path} exists`).toBe(true);
        expect(ignored(path), `${path} is not ignored`).toBe(false);
        // Sources, manifests, configs and contracts all reach the build.
        const needed = sourceFiles(path).filter((f) => /\.(ts|json|proto|yaml)$|\.npmrc$/.test(f));
        expect(needed.length, `${path} has files`).toBeGreaterThan(0);
        for (const file of needed) expect(ignored(file), `${file} is not ignored`).toBe(false);
      }
    }
  });

  it("leaves installed and built output, local state and history out of the context", () => {
    for (const path of [
      "node_modules/.pnpm/x",
      "libs/rpc/node_modules/@grpc",
      "services/gateway/dist/main.js",
      "libs/container/dist",
      "libs/rpc/tsconfig.tsbuildinfo",
      ".keyfrag/pki/ca-key.pem",
      ".keyfrag",
      ".git/HEAD",
    ]) {
      expect(ignored(path), path).toBe(true);
    }
    expect(ignored("libs/rpc/src/tls.ts")).toBe(false);
  });
});

describe("production dependencies", () => {
  const builtins = new Set(builtinModules);

  it("declare every package the compiled libs and services import", () => {
    const missing: string[] = [];
    const packages = workspacePackages().filter((p) => /^(libs|services)\//.test(p));
    for (const pkg of packages) {
      const dist = join(repo, pkg, "dist");
      expect(existsSync(dist), `${dist} (run tsc --build)`).toBe(true);
      const manifest = JSON.parse(readFileSync(join(repo, pkg, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      const files = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter(
        (f) => f.endsWith(".js") && !f.endsWith(".test.js"),
      );
      for (const file of files) {
        const code = readFileSync(join(dist, file), "utf8");
        for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"'\s]+)["']/g)) {
          const specifier = m[1] ?? "";
          if (/^(\.|\/|node:)/.test(specifier) || builtins.has(specifier.split("/")[0] ?? "")) {
            continue;
          }
          const parts = specifier.split("/");
          const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? "");
          // pnpm install --prod links `dependencies` only: an import served by a
          // devDependency works in the repository and fails in the image.
          if (!manifest.dependencies?.[name]) missing.push(`${pkg}/dist/${file} imports ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled entry point as the image does (`node /app/libs/container/dist/main.js`). */
function entry(args: string[], env: Record<string, string> = {}, timeoutMs = 20_000) {
  return new Promise<Ran>((done, fail) => {
    const child = spawn(process.execPath, [ENTRY, ...args], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`${args.join(" ")} did not finish in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe("the image's entry point", () => {
  let env: ClusterEnv;
  let secrets: ServiceProcess;
  let serviceEnv: Record<string, string>;
  let probeEnv: Record<string, string>;
  let entryChild: ChildProcess | undefined;

  beforeAll(async () => {
    requireBuilt(["secrets"]);
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`pnpm build\` first`);
    env = await createClusterEnv("keyfrag-image-");
    const f = await env.pki.certFiles("secrets", "secrets-1");
    serviceEnv = {
      KF_REDIS_URL: env.redis.url,
      KF_NATS_URL: env.nats.url,
      KF_CLUSTER: env.clusterName,
      KF_LOG_LEVEL: "warn",
      KF_NODE_ID: "secrets-1",
      KF_REDIS_PREFIX: env.redis.key("secrets"),
      KF_TLS_CA: f.ca,
      KF_TLS_CERT: f.cert,
      KF_TLS_KEY: f.key,
    };
    // As in a container: listening on every interface, probed on loopback.
    const port = await freePort();
    secrets = new ServiceProcess(
      "secrets",
      serviceScript("secrets"),
      join(env.dir, "secrets.log.jsonl"),
    );
    await secrets.start({ ...serviceEnv, KF_LISTEN: `0.0.0.0:${port}` });
    probeEnv = {
      KF_LISTEN: `0.0.0.0:${port}`,
      KF_TLS_CA: f.ca,
      KF_TLS_CERT: f.cert,
      KF_TLS_KEY: f.key,
    };
  });

  afterAll(async () => {
    entryChild?.kill("SIGKILL");
    await secrets?.stop("SIGKILL");
    await env?.[Symbol.asyncDispose]();
  });

  it("healthcheck: exit 0 against a serving service, at KF_LISTEN on loopback", async () => {
    const ran = await entry(["healthcheck"], probeEnv);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
  });

  it("healthcheck: exit 1 when nothing listens, quickly", async () => {
    const started = Date.now();
    const ran = await entry(["healthcheck", `127.0.0.1:${await freePort()}`], probeEnv);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^keyfrag healthcheck: 127\.0\.0\.1:\d+: /);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("healthcheck: exit 1 with a client certificate from another CA", async () => {
    await createDevCa(join(env.dir, "rogue-ca"), { commonName: "rogue CA" });
    const rogue = await issueCertificate({
      caDir: join(env.dir, "rogue-ca"),
      dir: join(env.dir, "rogue"),
      name: "secrets-1",
      role: "secrets",
    });
    const ran = await entry(["healthcheck"], {
      ...probeEnv,
      KF_TLS_CERT: rogue.certFile,
      KF_TLS_KEY: rogue.keyFile,
    });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^keyfrag healthcheck: /);
  });

  it("runs a service in its own process under tini, which SIGTERM stops cleanly", async () => {
    const port = await freePort();
    // tini as the image's PID 1 where it is installed (the image installs it); plain node
    // otherwise, which still shows the service runs in the entry point's own process.
    const command = existsSync(TINI)
      ? [TINI, "--", process.execPath, ENTRY, "secrets"]
      : [process.execPath, ENTRY, "secrets"];
    const child = spawn(command[0] as string, command.slice(1), {
      env: { PATH: process.env.PATH ?? "", ...serviceEnv, KF_LISTEN: `0.0.0.0:${port}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    entryChild = child;
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    await new Promise<void>((ready, fail) => {
      let out = "";
      child.stdout?.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes('{"ready":"secrets"')) ready();
      });
      void exited.then((code) => fail(new Error(`exited ${code} before ready: ${stderr}`)));
    });
    expect((await entry(["healthcheck"], { ...probeEnv, KF_LISTEN: `0.0.0.0:${port}` })).code).toBe(
      0,
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    entryChild = undefined;
  });

  it("issue-cert: certifies a fragment manager's slot and identity, keeping the keys on rerun", async () => {
    const ca = await createDevCa(join(env.dir, "cluster-ca"));
    const volume = join(env.dir, "fm-3c");
    const args = [
      "issue-cert",
      "--ca-cert",
      ca.certFile,
      "--ca-key",
      ca.keyFile,
      "--out-dir",
      join(volume, "tls"),
      "--role",
      "fragment-manager",
      "--name",
      "fm-3c",
      "--host",
      "fm-3c.keyfrag-fm.keyfrag.svc",
      "--slot",
      "3",
      "--identity-key",
      join(volume, "identity.key"),
      "--node-key",
      join(volume, "node.key"),
    ];
    const first = await entry(args);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("made a new identity key and node key");
    const caPem = await readFile(join(volume, "tls", "ca.pem"), "utf8");
    const certified = verifySlotCertificate(
      await readFile(join(volume, "tls", "fm-3c.pem"), "utf8"),
      caPem,
    );
    expect(certified).toMatchObject({ nodeId: "fm-3c", slot: 3 });
    const cert = await readFile(join(volume, "tls", "fm-3c.pem"), "utf8");
    expect(cert).toBeTruthy();
    const identityKey = await readFile(join(volume, "identity.key"), "utf8");
    const nodeKey = await readFile(join(volume, "node.key"), "utf8");

    const second = await entry(args);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain("made a new");
    expect(await readFile(join(volume, "identity.key"), "utf8")).toBe(identityKey);
    expect(await readFile(join(volume, "node.key"), "utf8")).toBe(nodeKey);
    const reissued = await readFile(join(volume, "tls", "fm-3c.pem"), "utf8");
    expect(reissued).not.toBe(cert);
    expect(Buffer.from(verifySlotCertificate(reissued, caPem).identityPublicKey)).toEqual(
      Buffer.from(certified.identityPublicKey),
    );
    await rm(volume, { recursive: true, force: true });
  });

  it("unknown command: usage on stderr, exit 2", async () => {
    const ran = await entry(["frobnicate"]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe("");
    expect(ran.stderr).toContain('unknown command "frobnicate"');
    expect(ran.stderr).toContain("usage:");
    for (const service of SERVICES) expect(ran.stderr).toContain(service);
  });
});
