/**
 * The compose cluster built and run for real: deploy/docker-compose.yml with the offline
 * override deploy/docker-compose.local.yml, on the images `pnpm images:local` built with
 * podman (keyfrag's from deploy/Dockerfile), every container started by podman-compose in
 * depends_on order until every health check passes (`pnpm compose:local`'s podmanComposeUp),
 * then deploy/README.md's compose quick start from the host — the admin's credentials where
 * `init` points, a secret, encrypt/decrypt, a PostgreSQL dynamic secret on the compose
 * PostgreSQL and a login with it — a fragment manager killed and everything read again, what
 * the gateway and producers containers can read of the keys, and `down -v`.
 *
 * Not part of `pnpm test`: `pnpm test:compose` builds the images and runs this (CI runs it
 * after the suite; see deploy/README.md). Needs root, podman, podman-compose and the images.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import {
  COMPOSE_HOME,
  composeTopology,
  LOCAL_IMAGES,
  podmanComposeUp,
  podmanContainer,
  processState,
} from "@keyfrag/local-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, "../../..");
const files = [
  join(repo, "deploy", "docker-compose.yml"),
  join(repo, "deploy", "docker-compose.local.yml"),
];
// A project of its own: a user's cluster (project `deploy`) is left alone.
const PROJECT = "kfe2e";
const compose = ["-p", PROJECT, ...files.flatMap((f) => ["-f", f])];
const container = (service: string) => podmanContainer(PROJECT, service);
const CLI = join(repo, "libs", "cli", "dist", "main.js");
const PG_PASSWORD = `pg-${randomBytes(9).toString("base64url")}`;

let home: string;
let upMs = 0;

const podman = async (...args: string[]) =>
  (await run("podman", args, { maxBuffer: 1 << 26 })).stdout;

/** The CLI on the host, as deploy/README.md runs it (`pnpm keyfrag …`), on its own profile. */
async function keyfrag(args: string[], input?: string): Promise<string> {
  const child = execFile(process.execPath, [CLI, ...args], {
    env: { ...process.env, KEYFRAG_HOME: join(home, "cli") },
    maxBuffer: 1 << 24,
  });
  if (input !== undefined) child.stdin?.end(input);
  else child.stdin?.end();
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((r) => child.on("close", r));
  if (code !== 0) throw new Error(`keyfrag ${args[0]} exited ${code}: ${stderr}`);
  return stdout.trim();
}

/** Removes what an earlier, interrupted run of this test left (containers, volumes, network). */
async function clean() {
  const label = `label=io.podman.compose.project=${PROJECT}`;
  const ids = (await podman("ps", "-a", "-q", "--filter", label)).split("\n").filter(Boolean);
  if (ids.length) await podman("rm", "-f", "-t", "1", ...ids);
  const vols = (await podman("volume", "ls", "-q", "--filter", label)).split("\n").filter(Boolean);
  if (vols.length) await podman("volume", "rm", "-f", ...vols);
  // podman-compose 1.0.3's down leaves the project's network.
  await podman("network", "rm", "-f", `${PROJECT}_default`).catch(() => {});
}

beforeAll(async () => {
  for (const image of ["localhost/keyfrag:latest", ...Object.values(LOCAL_IMAGES)]) {
    await podman("image", "exists", image).catch(() => {
      throw new Error(`no image ${image}: run pnpm images:local (pnpm test:compose does)`);
    });
  }
  home = await mkdtemp(join(tmpdir(), "kf-compose-e2e-"));
  await clean();
  const result = await podmanComposeUp({
    files,
    project: PROJECT,
    timeoutMs: 600_000,
    log: (line) => console.log(`[compose:local] ${line}`),
  });
  upMs = result.upToReadyMs;
  console.log(
    `[compose:local] every service ready ${(upMs / 1000).toFixed(1)} s after the first start`,
  );
}, 900_000);

afterAll(async () => {
  if (process.env.KF_COMPOSE_E2E_KEEP !== "1") await clean();
  if (home) await rm(home, { recursive: true, force: true });
}, 300_000);

describe("the compose cluster under podman", () => {
  it("runs every service healthy and the one-shots pki and init done, init pointing at the admin's credentials", async () => {
    // podmanComposeUp resolved: every health check passed, pki and init exited 0.
    for (const service of ["pki", "init"]) {
      expect(
        (
          await podman(
            "inspect",
            "--format",
            "{{.State.Status}} {{.State.ExitCode}}",
            container(service),
          )
        ).trim(),
      ).toBe("exited 0");
    }
    const ps = await podman(
      "ps",
      "--filter",
      `label=io.podman.compose.project=${PROJECT}`,
      "--format",
      "{{.Names}}",
    );
    // Every keyfrag process, Redis, NATS and PostgreSQL running.
    for (const spec of composeTopology()) expect(ps).toContain(container(spec.name));
    for (const service of ["redis", "nats", "postgres"]) expect(ps).toContain(container(service));
    const initLog = await podman("logs", container("init"));
    expect(initLog).toContain("keyfrag is ready");
    expect(initLog).toMatch(/admin access id\s+p-\S+/);
  });

  it("answers deploy/README.md's quick start from the host: login, a secret, encrypt/decrypt", async () => {
    // The CA out of the gateway's volume, the admin's credentials where init says.
    await podman(
      "cp",
      `${container("gateway-1")}:${COMPOSE_HOME}/pki/ca.pem`,
      join(home, "ca.pem"),
    );
    const initLog = await podman("logs", container("init"));
    const credentialsFile = /admin access key\s+in (\S+)/.exec(initLog)?.[1];
    expect(credentialsFile).toBeDefined();
    const credentials = await podman("exec", container("auth-1"), "cat", credentialsFile as string);
    const accessId = /admin access id\s+(p-\S+)/.exec(initLog)?.[1];
    expect(JSON.parse(credentials)).toMatchObject({ access_id: accessId });
    const credentialsPath = join(home, "admin-credentials.json");
    await writeFile(credentialsPath, credentials, { mode: 0o600 });
    await chmod(credentialsPath, 0o600);

    await keyfrag([
      "auth",
      "--gateway",
      "127.0.0.1:50051",
      "--ca-file",
      join(home, "ca.pem"),
      "--access-key-file",
      credentialsPath,
    ]);
    const value = `s3cr3t-${randomBytes(6).toString("hex")}`;
    await keyfrag(["create-secret", "--name", "/demo/db-password", "--value", value]);
    expect(await keyfrag(["get-secret-value", "--name", "/demo/db-password"])).toBe(value);

    await keyfrag(["create-dfc-key", "--name", "/demo/aes", "--alg", "AES256GCM"]);
    const ciphertext = await keyfrag([
      "encrypt",
      "--key-name",
      "/demo/aes",
      "--plaintext",
      "hello compose",
    ]);
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await keyfrag(["decrypt", "--key-name", "/demo/aes", "--ciphertext", ciphertext])).toBe(
      "hello compose",
    );
    await writeFile(join(home, "state.json"), JSON.stringify({ value, ciphertext }));
  });

  it("issues a PostgreSQL role on the compose PostgreSQL that logs in with its password", async () => {
    // The compose file's demo password (KEYFRAG_DEMO_POSTGRES_PASSWORD unset): keyfrag-demo.
    await keyfrag(
      [
        "create-target",
        "--name",
        "/demo/pg",
        "--type",
        "postgresql",
        "--host",
        "postgres",
        "--database",
        "postgres",
        "--username",
        "postgres",
        "--password-stdin",
      ],
      process.env.KEYFRAG_DEMO_POSTGRES_PASSWORD ?? "keyfrag-demo",
    );
    await keyfrag([
      "create-dynamic-secret",
      "--name",
      "/demo/pg-reader",
      "--type",
      "postgresql",
      "--target",
      "/demo/pg",
      "--user-ttl",
      "15m",
      "--max-ttl",
      "1h",
      "--creation-statement",
      `CREATE ROLE "{{name}}" LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT pg_read_all_data TO "{{name}}";`,
    ]);
    const issued = JSON.parse(
      await keyfrag(["get-dynamic-secret-value", "--name", "/demo/pg-reader", "--output", "json"]),
    ) as { value: { username: string; password: string }; lease: { id: string } };
    expect(issued.lease.id).toContain("/demo/pg-reader");
    // Over TCP (-h 127.0.0.1): the image asks network clients for their password.
    const login = (password: string) =>
      podman(
        "exec",
        "-e",
        `PGPASSWORD=${password}`,
        container("postgres"),
        "psql",
        "-h",
        "127.0.0.1",
        "-U",
        issued.value.username,
        "-d",
        "postgres",
        "-tAc",
        "select current_user",
      );
    expect((await login(issued.value.password)).trim()).toBe(issued.value.username);
    await expect(login(PG_PASSWORD)).rejects.toThrow(/password authentication failed/);
  });

  it("still reads and decrypts with a fragment manager killed", async () => {
    await podman("kill", container("fm-1a"));
    const state = (
      await podman("inspect", "--format", "{{.State.Status}}", container("fm-1a"))
    ).trim();
    expect(state).not.toBe("running");
    const { value, ciphertext } = JSON.parse(await readFile(join(home, "state.json"), "utf8")) as {
      value: string;
      ciphertext: string;
    };
    expect(await keyfrag(["get-secret-value", "--name", "/demo/db-password"])).toBe(value);
    expect(await keyfrag(["decrypt", "--key-name", "/demo/aes", "--ciphertext", ciphertext])).toBe(
      "hello compose",
    );
    // And a new key's fragments are made with it down.
    await keyfrag(["create-dfc-key", "--name", "/demo/aes-2", "--alg", "AES256GCM"]);
    const again = await keyfrag(["encrypt", "--key-name", "/demo/aes-2", "--plaintext", "x"]);
    expect(await keyfrag(["decrypt", "--key-name", "/demo/aes-2", "--ciphertext", again])).toBe(
      "x",
    );
  });

  it("gives the gateway and producers containers their own files only: no other node's keys, no CA key", async () => {
    const specs = composeTopology();
    for (const name of ["gateway-1", "producers-1"]) {
      const spec = specs.find((s) => s.name === name);
      if (!spec) throw new Error(`no ${name} in the topology`);
      // Every file it can see under the state folder, but its own data volume's.
      const listed = (
        await podman(
          "exec",
          container(name),
          "find",
          COMPOSE_HOME,
          "-path",
          `${COMPOSE_HOME}/data`,
          "-prune",
          "-o",
          "-type",
          "f",
          "-print",
        )
      )
        .split("\n")
        .filter(Boolean)
        .sort();
      expect(listed, name).toEqual(processState(COMPOSE_HOME, spec).files);
      // The build machine's extra CAs (the local Node image's, for npm) are not trusted here.
      expect(
        await podman(
          "exec",
          container(name),
          "sh",
          "-c",
          'echo "[$NODE_EXTRA_CA_CERTS]"; ls /etc/keyfrag-local 2>&1 || true',
        ),
        name,
      ).toMatch(/^\[\]\n.*No such file/);
      expect(
        listed.some((f) => /ca-key|ca\.key/.test(f)),
        name,
      ).toBe(false);
      for (const other of specs.filter((s) => s.name !== name)) {
        expect(
          listed.filter(
            (f) =>
              f.split("/").at(-1)?.startsWith(`${other.name}.`) || f.includes(`/${other.name}-key`),
          ),
          `${name} sees ${other.name}'s files`,
        ).toEqual([]);
      }
      // The volumes it mounts: its own, never the shared state volume nor another process's.
      const mounts = JSON.parse(
        await podman("inspect", "--format", "{{json .Mounts}}", container(name)),
      ) as { Name?: string; Destination: string }[];
      const volumes = mounts.map((m) => m.Name).filter(Boolean);
      expect(volumes).not.toContain(`${PROJECT}_keyfrag`);
      for (const v of volumes)
        expect(v, `${name} mounts ${v}`).toMatch(new RegExp(`^${PROJECT}_${name}-`));
    }
    // Only the pki step mounts the whole state (the CA key among it).
    const mountingState: string[] = [];
    for (const spec of [...specs.map((s) => s.name), "init", "nats", "redis", "postgres", "pki"]) {
      const mounts = await podman(
        "inspect",
        "--format",
        "{{range .Mounts}}{{.Name}} {{end}}",
        container(spec),
      );
      if (mounts.split(" ").includes(`${PROJECT}_keyfrag`)) mountingState.push(spec);
    }
    expect(mountingState).toEqual(["pki"]);
  });

  it("tears down with its volumes", async () => {
    await run("podman-compose", [...compose, "down", "-v"], { maxBuffer: 1 << 26 });
    const label = `label=io.podman.compose.project=${PROJECT}`;
    expect((await podman("ps", "-a", "-q", "--filter", label)).trim()).toBe("");
    expect((await podman("volume", "ls", "-q", "--filter", label)).trim()).toBe("");
    console.log(`[compose:local] up → every service ready: ${(upMs / 1000).toFixed(1)} s`);
  });
});
