import { type ChildProcess, execFile, spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { type CallOptions, call, type GatewayClient } from "@keyfrag/rpc";
import { adminLogin, type FullCluster, startFullCluster, waitFor } from "@keyfrag/test-cluster";
import { freePort, type TestPostgres, testPostgres } from "@keyfrag/test-support";
import { SignJWT } from "jose";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify as yaml } from "yaml";

const run = promisify(execFile);
const rand = () => randomBytes(3).toString("hex");
const CLI = resolve(import.meta.dirname, "../../libs/cli/dist/main.js");
const ISSUER = "https://kubernetes.default.svc";
const AUDIENCE = "keyfrag";

/** `keyfrag agent …` as a process; its stderr (JSON logs) collected. */
function agent(args: string[], env: Record<string, string> = {}) {
  const proc = spawn(process.execPath, [CLI, "agent", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  proc.stdout.on("data", (d: Buffer) => {
    out.stdout += d.toString();
  });
  proc.stderr.on("data", (d: Buffer) => {
    out.stderr += d.toString();
  });
  const exited = new Promise<number>((res) => proc.once("exit", (code) => res(code ?? -1)));
  return { proc, out, exited };
}

const logs = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { msg: string; lease?: string; replaces?: string });

// The agent as a process against the whole platform: a Kubernetes login with a
// service-account token signed by a local issuer, real PostgreSQL credentials.
describe("keyfrag agent", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;
  let pgDb: TestPostgres;
  let dir: string;
  let caFile: string;
  let accessId: string;
  let tokenFile: string;
  let signSa: (ns: string, sa: string) => Promise<string>;
  const folder = `/agent-${rand()}`;
  const running: ChildProcess[] = [];

  const pgLogin = async (user: string, password: string) => {
    const client = new pg.Client({
      host: "127.0.0.1",
      port: 5432,
      database: pgDb.database,
      user,
      password,
      connectionTimeoutMillis: 5_000,
    });
    await client.connect();
    const rows = await client.query("SELECT body FROM notes");
    await client.end();
    return rows.rows;
  };
  const pgRoleExists = async (name: string) =>
    (await pgDb.pool.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name])).rowCount === 1;
  const parseEnv = (text: string) =>
    Object.fromEntries(
      text
        .trim()
        .split("\n")
        .map((l) => l.split("=", 2) as [string, string]),
    );

  beforeAll(async () => {
    pgDb = await testPostgres();
    await pgDb.pool.query("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('hello')");
    full = await startFullCluster({ producersEnv: { KF_SWEEP_INTERVAL_MS: "0" } });
    gw = full.client();
    admin = await adminLogin(full, gw, 60_000);
    dir = await mkdtemp(join(tmpdir(), "kf-agent-"));
    caFile = (await full.env.pki.certFiles("client", "agent-test")).ca;

    // A local service-account issuer, as a cluster's API server is one.
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = JSON.stringify({ ...publicKey.export({ format: "jwk" }), kid: "sa" });
    signSa = (ns, sa) =>
      new SignJWT({
        "kubernetes.io": { namespace: ns, serviceaccount: { name: sa, uid: "u-1" } },
      })
        .setProtectedHeader({ alg: "ES256", kid: "sa" })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(`system:serviceaccount:${ns}:${sa}`)
        .setExpirationTime("10m")
        .sign(privateKey);
    const method = await call(
      gw,
      "CreateAuthMethod",
      {
        name: `${folder}/k8s`,
        kubernetes: {
          issuer: ISSUER,
          public_keys: [jwk],
          audiences: [AUDIENCE],
          bound_namespaces: ["payments"],
          bound_service_accounts: ["api"],
        },
      },
      admin,
    );
    accessId = method.method?.access_id ?? "";
    const role = `agent-${rand()}`;
    await call(gw, "CreateRole", { name: role }, admin);
    await call(
      gw,
      "SetRoleRule",
      {
        role_name: role,
        rule: {
          rule_type: "item",
          path: `${folder}/*`,
          capabilities: ["read", "update", "delete"],
        },
      },
      admin,
    );
    await call(gw, "AssocRoleAuthMethod", { role_name: role, access_id: accessId }, admin);
    tokenFile = join(dir, "sa-token");
    await writeFile(tokenFile, await signSa("payments", "api"));

    await call(
      gw,
      "CreateSecret",
      { name: `${folder}/app-config`, value: Buffer.from("v1") },
      admin,
    );
    await call(
      gw,
      "CreateTarget",
      {
        name: `${folder}/pg`,
        type: "postgresql",
        connection: {
          host: "127.0.0.1",
          port: "5432",
          database: pgDb.database,
          username: "postgres",
        },
        credentials: { password: "" },
      },
      admin,
    );
    // Short TTLs keep the test short: renewed at ~4 s, capped at 12 s, re-issued at ~10 s.
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: `${folder}/pg-reader`,
        type: "postgresql",
        target: `${folder}/pg`,
        user_ttl_seconds: 6,
        max_ttl_seconds: 12,
        sql: {
          creation_statements: [
            `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT SELECT ON notes TO "{{name}}";`,
          ],
        },
      },
      admin,
    );
  }, 240_000);

  afterAll(async () => {
    for (const p of running) p.kill("SIGKILL");
    await full?.[Symbol.asyncDispose]();
    await pgDb?.[Symbol.asyncDispose]();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const config = (extra: Record<string, unknown>) => ({
    gateway: full.gateway.address,
    caFile,
    auth: { method: "kubernetes", accessId, tokenFile },
    ...extra,
  });

  it("init writes the files with their modes; the sidecar renews, re-issues, reloads and revokes on SIGTERM", async () => {
    const dbEnv = join(dir, "db.env");
    const appConfig = join(dir, "app.conf");
    const reloads = join(dir, "reloads");
    const cfgFile = join(dir, "agent.yaml");
    const healthzPort = await freePort();
    await writeFile(
      cfgFile,
      yaml(
        config({
          files: [
            {
              path: dbEnv,
              source: `dynamic:${folder}/pg-reader`,
              template: "DB_USER={{username}}\nDB_PASSWORD={{password}}\n",
            },
            { path: appConfig, source: { secret: `${folder}/app-config` }, mode: "0440" },
          ],
          stateFile: join(dir, "state.json"),
          staticRefreshSeconds: 1,
          reload: { command: ["sh", "-c", `echo reload >> ${reloads}`] },
          healthz: `127.0.0.1:${healthzPort}`,
        }),
      ),
    );

    const init = agent(["--init", "--config", cfgFile]);
    expect(await init.exited).toBe(0);
    expect((await stat(dbEnv)).mode & 0o777).toBe(0o400);
    expect((await stat(appConfig)).mode & 0o777).toBe(0o440);
    expect(await readFile(appConfig, "utf8")).toBe("v1");
    const first = parseEnv(await readFile(dbEnv, "utf8"));
    expect(await pgLogin(first.DB_USER ?? "", first.DB_PASSWORD ?? "")).toEqual([
      { body: "hello" },
    ]);
    const initLease = logs(init.out.stderr).find((l) => l.msg === "file written");
    expect(initLease).toBeDefined();

    const side = agent(["--config", cfgFile]);
    running.push(side.proc);
    // It takes over the init run's lease (one database user per pod), then renews it.
    await waitFor(
      () => logs(side.out.stderr).some((l) => l.msg === "lease taken over from the init run"),
      10_000,
    );
    await waitFor(() => logs(side.out.stderr).some((l) => l.msg === "lease renewed"), 10_000);
    expect(await pgLogin(first.DB_USER ?? "", first.DB_PASSWORD ?? "")).toEqual([
      { body: "hello" },
    ]);
    const health = await fetch(`http://127.0.0.1:${healthzPort}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);

    // Before the max TTL a new credential replaces it: the file changes and the app reloads.
    await waitFor(
      async () => !(await readFile(dbEnv, "utf8")).includes(first.DB_USER ?? ""),
      15_000,
    );
    const second = parseEnv(await readFile(dbEnv, "utf8"));
    expect(second.DB_USER).not.toBe(first.DB_USER);
    expect((await stat(dbEnv)).mode & 0o777).toBe(0o400);
    expect(await pgLogin(second.DB_USER ?? "", second.DB_PASSWORD ?? "")).toEqual([
      { body: "hello" },
    ]);
    await waitFor(
      async () => (await readFile(reloads, "utf8").catch(() => "")).includes("reload"),
      5_000,
    );

    // A static secret's new version reaches its file at the next poll.
    await call(
      gw,
      "UpdateSecretVal",
      { name: `${folder}/app-config`, value: Buffer.from("v2") },
      admin,
    );
    await waitFor(async () => (await readFile(appConfig, "utf8")) === "v2", 10_000);

    // SIGTERM: both users (the current one and the one it replaced) are gone within seconds.
    side.proc.kill("SIGTERM");
    expect(await side.exited).toBe(0);
    expect(await pgRoleExists(second.DB_USER ?? "")).toBe(false);
    expect(await pgRoleExists(first.DB_USER ?? "")).toBe(false);
    // Nothing secret in the logs.
    const all = init.out.stderr + side.out.stderr;
    for (const secret of [
      first.DB_PASSWORD,
      second.DB_PASSWORD,
      await readFile(tokenFile, "utf8"),
    ]) {
      expect(all).not.toContain(secret);
    }
  }, 90_000);

  it("renders decrypt and encrypt results, a JSON secret's fields, an SSH certificate and a JWT (replaced before it expires), with an owner; signals a pid on change", async () => {
    await call(gw, "CreateDfcKey", { name: `${folder}/key`, algorithm: "AES256GCM" }, admin);
    await call(gw, "CreateDfcKey", { name: `${folder}/ssh-ca`, algorithm: "ED25519" }, admin);
    // A key signs for one dynamic secret only (a second needs a rule naming it).
    await call(gw, "CreateDfcKey", { name: `${folder}/jwt-key`, algorithm: "ED25519" }, admin);
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: `${folder}/ssh`,
        type: "ssh",
        user_ttl_seconds: 300,
        max_ttl_seconds: 600,
        ssh: { ca_key_name: `${folder}/ssh-ca`, allowed_principals: ["deploy"] },
      },
      admin,
    );
    // A JWT issuer: no lease, replaced at two thirds of the token's 3 s life.
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: `${folder}/jwt`,
        type: "jwt",
        user_ttl_seconds: 3,
        max_ttl_seconds: 3,
        jwt: { key_name: `${folder}/jwt-key` },
      },
      admin,
    );
    const sealed = await call(
      gw,
      "Encrypt",
      { key_name: `${folder}/key`, plaintext: Buffer.from("hunter2") },
      admin,
    );
    const json = `${folder}/json`;
    await call(
      gw,
      "CreateSecret",
      { name: json, value: Buffer.from('{"user":"app","pass":"p1"}') },
      admin,
    );
    const sshKey = join(dir, "id_ed25519");
    await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", sshKey]);
    // The app to signal: notes each SIGHUP.
    const hups = join(dir, "hups");
    const app = spawn(process.execPath, [
      "-e",
      `process.on("SIGHUP", () => require("fs").appendFileSync(${JSON.stringify(hups)}, "hup\\n")); setInterval(() => {}, 1e6)`,
    ]);
    running.push(app);
    await writeFile(join(dir, "app.pid"), String(app.pid));
    const f = (name: string) => join(dir, name);
    const root = process.getuid?.() === 0;
    const side = agent([], {
      KEYFRAG_AGENT_CONFIG: JSON.stringify(
        config({
          files: [
            {
              path: f("token"),
              source: {
                decrypt: `${folder}/key`,
                ciphertext: sealed.ciphertext.toString("base64"),
              },
              mode: "0600",
              ...(root ? { owner: "4321:4321" } : {}),
            },
            { path: f("sealed"), source: { encrypt: `${folder}/key`, plaintext: "abc" } },
            { path: f("creds"), source: `secret:${json}`, template: "{{data.user}}:{{data.pass}}" },
            { path: f("jwt"), source: `dynamic:${folder}/jwt`, template: "{{token}}" },
            {
              path: f("id_ed25519-cert.pub"),
              source: {
                ssh: `${folder}/ssh`,
                publicKeyFile: `${sshKey}.pub`,
                principals: ["deploy"],
              },
            },
          ],
          staticRefreshSeconds: 1,
          reload: { signal: "SIGHUP", pidFile: join(dir, "app.pid") },
        }),
      ),
    });
    running.push(side.proc);
    await waitFor(() => logs(side.out.stderr).some((l) => l.msg === "agent ready"), 20_000);
    expect(await readFile(f("token"), "utf8")).toBe("hunter2");
    expect((await stat(f("token"))).mode & 0o777).toBe(0o600);
    if (root) expect((await stat(f("token"))).uid).toBe(4321);
    const back = await call(
      gw,
      "Decrypt",
      {
        key_name: `${folder}/key`,
        ciphertext: Buffer.from(await readFile(f("sealed"), "utf8"), "base64"),
      },
      admin,
    );
    expect(back.plaintext.toString()).toBe("abc");
    expect(await readFile(f("creds"), "utf8")).toBe("app:p1");
    const listed = await run("ssh-keygen", ["-L", "-f", f("id_ed25519-cert.pub")]);
    expect(listed.stdout).toMatch(/Principals:\s+deploy/);

    const firstJwt = await readFile(f("jwt"), "utf8");
    expect(firstJwt.split(".")).toHaveLength(3);
    await waitFor(async () => (await readFile(f("jwt"), "utf8")) !== firstJwt, 10_000);
    // A file changed after the first render: the app got its SIGHUP.
    await waitFor(
      async () => (await readFile(hups, "utf8").catch(() => "")).includes("hup"),
      5_000,
    );

    // A new version of the JSON secret reaches its file.
    await call(
      gw,
      "UpdateSecretVal",
      { name: json, value: Buffer.from('{"user":"app","pass":"p2"}') },
      admin,
    );
    await waitFor(async () => (await readFile(f("creds"), "utf8")) === "app:p2", 10_000);
    side.proc.kill("SIGTERM");
    expect(await side.exited).toBe(0);
    app.kill("SIGKILL");
  }, 60_000);

  it("exec passes the values to the child's environment and nothing of the agent's own, then revokes", async () => {
    const script = "process.stdout.write(JSON.stringify(process.env)); process.exit(3)";
    const run = agent(
      [
        "exec",
        "--env",
        `DB_USER=dynamic:${folder}/pg-reader#username`,
        "--env",
        `DB_PASSWORD=dynamic:${folder}/pg-reader#password`,
        "--",
        process.execPath,
        "-e",
        script,
      ],
      {
        // The CA inline, as the injector gives it.
        KEYFRAG_AGENT_CONFIG: JSON.stringify({
          ...config({}),
          caFile: undefined,
          caPem: await readFile(caFile, "utf8"),
        }),
        APP_SETTING: "kept",
      },
    );
    expect(await run.exited).toBe(3);
    const childEnv = JSON.parse(run.out.stdout) as Record<string, string>;
    expect(childEnv.APP_SETTING).toBe("kept");
    expect(Object.keys(childEnv).filter((k) => k.startsWith("KEYFRAG_"))).toEqual([]);
    expect(
      await pgLogin(childEnv.DB_USER ?? "", childEnv.DB_PASSWORD ?? "").catch((e) => String(e)),
    ).toMatch(/password authentication failed|does not exist/);
    expect(await pgRoleExists(childEnv.DB_USER ?? "")).toBe(false);
  }, 30_000);

  it("a token from another namespace is refused: exit 1 with the reason, nothing written", async () => {
    const otherToken = join(dir, "other-token");
    await writeFile(otherToken, await signSa("default", "api"));
    const target = join(dir, "never.env");
    const run = agent(["--init", "--file", `${target}=secret:${folder}/app-config`], {
      KEYFRAG_AGENT_CONFIG: JSON.stringify({
        ...config({}),
        auth: { method: "kubernetes", accessId, tokenFile: otherToken },
      }),
    });
    expect(await run.exited).toBe(1);
    expect(run.out.stderr).toMatch(/could not fetch every secret/);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
  }, 30_000);

  it("a bad configuration is a usage error naming the field", async () => {
    const run = agent(["--init"], {
      KEYFRAG_AGENT_CONFIG: JSON.stringify(
        config({ files: [{ path: join(dir, "x"), source: "dynamc:/x" }] }),
      ),
    });
    expect(await run.exited).toBe(2);
    expect(run.out.stderr).toMatch(/files\.0\.source/);
  });
});
