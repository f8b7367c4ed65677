import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScriptedGateway, startScriptedGateway } from "../../sdk/test/scripted-gateway.js";
import { certificatePath, formatDuration } from "./dynamic-commands.js";
import { runCli } from "./index.js";
import { parseDuration } from "./parse.js";

let gw: ScriptedGateway;
let home: string;

beforeAll(async () => {
  gw = await startScriptedGateway();
  home = await mkdtemp(join(tmpdir(), "kf-cli-dyn-"));
});
afterAll(async () => {
  await gw?.[Symbol.asyncDispose]();
  if (home) await rm(home, { recursive: true, force: true });
});
beforeEach(async () => {
  gw.reset();
  // The scripted gateway answers the dynamic-secret methods with what each test scripts; by
  // default they echo the request, so tests see what the CLI sent.
  for (const method of [
    "CreateTarget",
    "GetTarget",
    "UpdateTarget",
    "DeleteTarget",
    "CreateDynamicSecret",
    "GetDynamicSecret",
    "DeleteDynamicSecret",
  ]) {
    gw.on(method, (req: Record<string, unknown>) => ({ created_at_ms: 1_800_000_000_000, ...req }));
  }
  for (const method of ["RenewLease", "RevokeLease", "GetLease", "ForgetLease"]) {
    gw.on(method, (req: { lease_id: string }) => lease(req.lease_id));
  }
  await login();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], options: { stdin?: string } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: (async function* () {
      if (options.stdin !== undefined) yield Buffer.from(options.stdin);
    })(),
    env: { KEYFRAG_HOME: home },
  });
  return { code, stdout, stderr };
}

async function login(): Promise<void> {
  const run = await cli([
    "--gateway",
    gw.address,
    "--ca-file",
    gw.caFile,
    "auth",
    "--access-id",
    "p-123",
    "--access-key",
    "good-key",
  ]);
  expect(run).toMatchObject({ code: 0, stderr: "" });
}

const EXPIRES = Date.UTC(2026, 10, 22, 11, 0, 0);

function lease(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    dynamic_secret: "/db/app",
    target: "/t/pg",
    type: "postgresql",
    external_id: "kf_app_x1",
    created_at_ms: EXPIRES - 3_600_000,
    expires_at_ms: EXPIRES,
    max_expires_at_ms: EXPIRES + 82_800_000,
    state: "active",
    access_id: "p-123",
    ...extra,
  };
}

/** The requests of `method` that reached the gateway. */
const sent = (method: string) => gw.calls.filter((c) => c.method === method).map((c) => c.request);
const lastRequest = (method: string) => sent(method).at(-1);
const dynamicCalls = () => gw.calls.filter((c) => c.method !== "Auth");

async function usageError(args: string[], message: string | RegExp, stdin?: string) {
  const run = await cli(args, stdin === undefined ? {} : { stdin });
  expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(2);
  if (typeof message === "string") expect(run.stderr).toBe(`error: ${message}\n`);
  else expect(run.stderr).toMatch(message);
  expect(run.stdout).toBe("");
}

describe("target commands", () => {
  it("create-target sends the connection, the password from stdin and the settings", async () => {
    const run = await cli(
      [
        "create-target",
        "--name",
        "/t/pg",
        "--type",
        "postgresql",
        "--host",
        "127.0.0.1",
        "--port",
        "5432",
        "--database",
        "app",
        "--username",
        "postgres",
        "--sslmode",
        "disable",
        "--connection",
        "application_name=kf",
        "--password-stdin",
        "--key",
        "/keys/targets",
        "--user-prefix",
        "kf_",
        "--description",
        "main db",
      ],
      { stdin: "s3cret pw\n" },
    );
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(lastRequest("CreateTarget")).toEqual({
      name: "/t/pg",
      type: "postgresql",
      connection: {
        application_name: "kf",
        host: "127.0.0.1",
        port: "5432",
        database: "app",
        username: "postgres",
        sslmode: "disable",
      },
      credentials: { password: "s3cret pw" },
      sealed_credentials: Buffer.alloc(0),
      key_name: "/keys/targets",
      description: "main db",
      user_prefix: "kf_",
    });
    expect(run.stdout).toMatch(/^name: \/t\/pg\ntype: postgresql\nconnection: .*host=127\.0\.0\.1/);
    expect(run.stdout).toContain("key: /keys/targets");

    // A password file; --tls for Redis; no password at all is allowed (trust auth).
    await writeFile(join(home, "pw"), "from-file\r\n");
    const redis = await cli([
      "create-target",
      "--name",
      "/t/r",
      "--type",
      "redis",
      "--host",
      "localhost",
      "--tls",
      "--password-file",
      join(home, "pw"),
      "--output",
      "json",
    ]);
    expect(redis.code).toBe(0);
    expect(lastRequest("CreateTarget")).toMatchObject({
      connection: { host: "localhost", tls: "true" },
      credentials: { password: "from-file" },
      key_name: "",
    });
    // The scripted gateway echoes the request; the real one never returns credentials.
    expect(JSON.parse(redis.stdout)).toMatchObject({ name: "/t/r", type: "redis" });

    await cli(["create-target", "--name", "/t/m", "--type", "mysql", "--host", "db"]);
    expect(lastRequest("CreateTarget")).toMatchObject({ credentials: {} });
  });

  it("update-target sends only what changes, the new password from stdin", async () => {
    const run = await cli(
      [
        "update-target",
        "--name",
        "/t/pg",
        "--host",
        "db2",
        "--connection",
        "application_name=",
        "--password-stdin",
      ],
      { stdin: "new pw\n" },
    );
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(lastRequest("UpdateTarget")).toEqual({
      name: "/t/pg",
      connection: { application_name: "", host: "db2" },
      credentials: { password: "new pw" },
      sealed_credentials: Buffer.alloc(0),
      description: "",
      same_server: false,
    });
    await cli(["update-target", "--name", "/t/pg", "--description", "moved"]);
    expect(lastRequest("UpdateTarget")).toMatchObject({
      connection: {},
      credentials: {},
      description: "moved",
    });
    await cli(["update-target", "--name", "/t/pg", "--host", "db1.internal", "--same-server"]);
    expect(lastRequest("UpdateTarget")).toMatchObject({
      connection: { host: "db1.internal" },
      same_server: true,
    });
    await usageError(
      ["update-target", "--name", "/t/pg"],
      "nothing to change: give connection flags, --password-stdin/--password-file or --description",
    );
    await usageError(
      ["update-target", "--name", "/t/pg", "--port", "99999"],
      '--port must be a number from 1 to 65535, not "99999"',
    );
  });

  it("create-target refuses bad flags before calling the gateway", async () => {
    const base = ["create-target", "--name", "/t/x"];
    await usageError(
      [...base, "--type", "oracle", "--host", "h"],
      '--type must be postgresql, mysql or redis, not "oracle"',
    );
    await usageError([...base, "--type", "mysql"], "--host is required");
    await usageError(
      [...base, "--type", "mysql", "--host", "h", "--sslmode", "require"],
      "--sslmode is for type postgresql, not mysql",
    );
    await usageError(
      [...base, "--type", "postgresql", "--host", "h", "--tls"],
      "--tls is for type mysql, redis, not postgresql",
    );
    await usageError(
      [...base, "--type", "redis", "--host", "h", "--database", "0"],
      "--database is for type postgresql, mysql, not redis",
    );
    await usageError(
      [...base, "--type", "mysql", "--host", "h", "--port", "99999"],
      '--port must be a number from 1 to 65535, not "99999"',
    );
    await usageError(
      [...base, "--type", "mysql", "--host", "h", "--connection", "host=g"],
      "give --host or --connection host=…, not both",
    );
    await usageError(
      [...base, "--type", "mysql", "--connection", "host=g", "--connection", "host=h"],
      "--connection host given twice",
    );
    await usageError(
      [...base, "--type", "mysql", "--host", "h", "--connection", "novalue"],
      '--connection takes key=value, not "novalue"',
    );
    await usageError(
      [...base, "--type", "mysql", "--host", "h", "--password-stdin", "--password-file", "f"],
      "give --password-stdin or --password-file, not both",
    );
    await usageError(
      [...base, "--type", "mysql", "--host", "h", "--password-stdin"],
      "--password-stdin: stdin was empty",
      "\n",
    );
    await usageError(
      [...base, "--type", "mysql", "--host", "h", "--key", "a", "--key-name", "b"],
      "give --key-name or --key, not both",
    );
    // A password is never a flag's value (it would show in the process list).
    await usageError(
      [...base, "--type", "mysql", "--host", "h", "--password", "pw"],
      /^error: unknown option '--password'/,
    );
    const missing = await cli([
      ...base,
      "--type",
      "mysql",
      "--host",
      "h",
      "--password-file",
      "/nope",
    ]);
    expect(missing).toMatchObject({ code: 1, stderr: "error: cannot read /nope: ENOENT\n" });
    expect(dynamicCalls()).toHaveLength(0);
  });

  it("get-target, delete-target and list-targets (every page)", async () => {
    gw.on("GetTarget", (req: { name: string }) => ({
      name: req.name,
      type: "mysql",
      connection: { host: "db", port: "3306" },
      key_name: "system",
      user_prefix: "kf_",
    }));
    const got = await cli(["get-target", "--name", "/t/m"]);
    expect(got.stdout).toBe(
      "name: /t/m\ntype: mysql\nconnection: host=db, port=3306\nkey: system\nuser prefix: kf_\n",
    );
    const deleted = await cli(["delete-target", "--name", "/t/m"]);
    expect(deleted).toMatchObject({ code: 0, stdout: "deleted target /t/m\n" });
    expect(lastRequest("DeleteTarget")).toEqual({ name: "/t/m" });

    gw.on("ListTargets", (req: { page_token: string }) =>
      req.page_token === ""
        ? {
            targets: [{ name: "/t/a", type: "redis", connection: { host: "r", port: "6379" } }],
            next_page_token: "p2",
          }
        : { targets: [{ name: "/t/b", type: "mysql", connection: { host: "m" } }] },
    );
    const listed = await cli(["list-targets", "--prefix", "/t/", "--page-size", "1"]);
    expect(sent("ListTargets")).toMatchObject([
      { prefix: "/t/", page_size: 1, page_token: "" },
      { prefix: "/t/", page_size: 1, page_token: "p2" },
    ]);
    expect(listed.stdout).toMatch(
      /^NAME\s+TYPE\s+ADDRESS\s+CREATED\n\/t\/a\s+redis\s+r:6379\n\/t\/b\s+mysql\s+m\n$/,
    );
    const json = await cli(["list-targets", "--output", "json"]);
    expect(JSON.parse(json.stdout).targets.map((t: { name: string }) => t.name)).toEqual([
      "/t/a",
      "/t/b",
    ]);
    gw.on("ListTargets", () => ({ targets: [] }));
    expect((await cli(["list-targets"])).stdout).toBe("(no targets)\n");
  });
});

describe("dynamic secret commands", () => {
  it("create-dynamic-secret builds each type's producer", async () => {
    const create = async (args: string[], stdin?: string) => {
      const run = await cli(
        ["create-dynamic-secret", ...args],
        stdin === undefined ? {} : { stdin },
      );
      expect(run, run.stderr).toMatchObject({ code: 0, stderr: "" });
      return { run, request: lastRequest("CreateDynamicSecret") };
    };

    const pg = await create([
      "--name",
      "/db/app",
      "--type",
      "postgresql",
      "--target",
      "/t/pg",
      "--user-ttl",
      "15m",
      "--max-ttl",
      "7200",
      "--creation-statement",
      "CREATE ROLE \"{{name}}\" LOGIN PASSWORD '{{password}}'",
      "--creation-statement",
      'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{{name}}"',
      "--revocation-statement",
      'DROP ROLE "{{name}}"',
      "--description",
      "app users",
    ]);
    expect(pg.request).toMatchObject({
      name: "/db/app",
      type: "postgresql",
      target: "/t/pg",
      user_ttl_seconds: 900,
      max_ttl_seconds: 7200,
      description: "app users",
      producer: "sql",
      sql: {
        creation_statements: [
          "CREATE ROLE \"{{name}}\" LOGIN PASSWORD '{{password}}'",
          'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{{name}}"',
        ],
        revocation_statements: ['DROP ROLE "{{name}}"'],
        renew_statements: [],
      },
    });
    expect(pg.run.stdout).toMatch(
      /^name: \/db\/app\ntype: postgresql\ntarget: \/t\/pg\nuser ttl: 15m\nmax ttl: 2h\n/,
    );
    expect(pg.run.stdout).toContain("creation statement 2: GRANT SELECT");

    // No statements: the producers service uses its safe defaults.
    const my = await create(["--name", "/db/my", "--type", "mysql", "--target", "/t/my"]);
    expect(my.request).toMatchObject({ producer: "sql", user_ttl_seconds: 0, max_ttl_seconds: 0 });

    const redis = await create([
      "--name",
      "/cache/app",
      "--type",
      "redis",
      "--target",
      "/t/r",
      "--acl-rule",
      "~app:*",
      "--acl-rule",
      "+@read",
    ]);
    expect(redis.request).toMatchObject({
      producer: "redis",
      redis: { acl_rules: ["~app:*", "+@read"] },
    });

    const ssh = await create([
      "--name",
      "/ssh/ops",
      "--type",
      "ssh",
      "--ca-key",
      "/keys/ssh-ca",
      "--allowed-principal",
      "ops",
      "--allowed-principal",
      "deploy",
      "--default-principal",
      "ops",
      "--extension",
      "permit-pty",
      "--extension",
      "permit-port-forwarding=",
      "--critical-option",
      "source-address=10.0.0.0/8",
      "--user-ttl",
      "1h30m",
    ]);
    expect(ssh.request).toMatchObject({
      type: "ssh",
      target: "",
      user_ttl_seconds: 5400,
      producer: "ssh",
      ssh: {
        ca_key_name: "/keys/ssh-ca",
        allowed_principals: ["ops", "deploy"],
        default_principals: ["ops"],
        extensions: { "permit-pty": "", "permit-port-forwarding": "" },
        critical_options: { "source-address": "10.0.0.0/8" },
      },
    });
    expect(ssh.run.stdout).toContain("extensions: permit-pty, permit-port-forwarding\n");
    expect(ssh.run.stdout).toContain("critical options: source-address=10.0.0.0/8\n");

    const jwt = await create([
      "--name",
      "/jwt/api",
      "--type",
      "jwt",
      "--key-name",
      "/keys/jwt",
      "--issuer",
      "https://kf.example",
      "--audience",
      "api",
      "--claims-template",
      '{"team":"{{sub_claim.team}}"}',
    ]);
    expect(jwt.request).toMatchObject({
      producer: "jwt",
      jwt: {
        key_name: "/keys/jwt",
        issuer: "https://kf.example",
        audience: ["api"],
        claims_template: '{"team":"{{sub_claim.team}}"}',
      },
    });

    await writeFile(join(home, "payload.json"), '{"api_key":"k-1"}\n');
    const custom = await create([
      "--name",
      "/hooks/app",
      "--type",
      "custom",
      "--create-url",
      "https://hooks.example/create",
      "--revoke-url",
      "https://hooks.example/revoke",
      "--payload-file",
      join(home, "payload.json"),
      "--timeout",
      "30s",
    ]);
    expect(custom.request).toMatchObject({
      producer: "custom",
      custom: {
        create_url: "https://hooks.example/create",
        revoke_url: "https://hooks.example/revoke",
        rotate_url: "",
        payload: '{"api_key":"k-1"}\n',
        key_name: "",
        timeout_seconds: 30,
      },
    });
    const fromStdin = await create(
      [
        "--name",
        "/hooks/b",
        "--type",
        "custom",
        "--create-url",
        "https://h/c",
        "--revoke-url",
        "https://h/r",
        "--payload-stdin",
      ],
      "token=abc",
    );
    expect(fromStdin.request).toMatchObject({ custom: { payload: "token=abc" } });
  });

  it("create-dynamic-secret refuses bad flags before calling the gateway", async () => {
    const base = ["create-dynamic-secret", "--name", "/d/x"];
    await usageError(
      [...base, "--type", "ldap"],
      '--type must be postgresql, mysql, redis, ssh, jwt or custom, not "ldap"',
    );
    await usageError([...base, "--type", "postgresql"], "--target is required for type postgresql");
    await usageError(
      [...base, "--type", "postgresql", "--target", "/t", "--acl-rule", "+@all"],
      "--acl-rule is for type redis, not postgresql",
    );
    await usageError(
      [...base, "--type", "ssh", "--target", "/t"],
      "--target is for type postgresql, mysql, redis, not ssh",
    );
    await usageError(
      [...base, "--type", "redis", "--target", "/t", "--user-ttl", "an hour"],
      '--user-ttl takes seconds or a duration (90s, 15m, 1h, 7d), not "an hour"',
    );
    // 0 would be sent as "the default" (1 h): refused rather than silently meaning an hour.
    await usageError(
      [...base, "--type", "redis", "--target", "/t", "--user-ttl", "0"],
      "--user-ttl must be more than 0 (leave it out for the default)",
    );
    await usageError(
      [...base, "--type", "ssh", "--ca-key-name", "k", "--allowed-principal", ""],
      "--allowed-principal must not be empty",
    );
    await usageError(
      [...base, "--type", "ssh", "--allowed-principal", "a"],
      "--ca-key-name is required for type ssh",
    );
    await usageError(
      [...base, "--type", "ssh", "--ca-key-name", "k"],
      '--allowed-principal is required for type ssh (use "*" for any)',
    );
    await usageError(
      [
        ...base,
        "--type",
        "ssh",
        "--ca-key-name",
        "k",
        "--allowed-principal",
        "a",
        "--critical-option",
        "force-command",
      ],
      '--critical-option takes key=value, not "force-command"',
    );
    await usageError(
      [
        ...base,
        "--type",
        "ssh",
        "--ca-key-name",
        "k",
        "--allowed-principal",
        "a",
        "--extension",
        "x",
        "--extension",
        "x=1",
      ],
      "--extension x given twice",
    );
    await usageError([...base, "--type", "jwt"], "--key-name is required for type jwt");
    await usageError(
      [...base, "--type", "jwt", "--key-name", "k", "--claims-template", "[1]"],
      "--claims-template must be a JSON object",
    );
    await usageError(
      [...base, "--type", "jwt", "--key-name", "k", "--claims-template", "{team:"],
      "--claims-template must be JSON",
    );
    await usageError(
      [...base, "--type", "custom", "--create-url", "https://h/c"],
      "--create-url and --revoke-url are required for type custom",
    );
    await usageError(
      [...base, "--type", "custom", "--create-url", "u", "--revoke-url", "v", "--payload-stdin"],
      "--payload-stdin: stdin was empty",
      "",
    );
    expect(dynamicCalls()).toHaveLength(0);
  });

  it("update-dynamic-secret sends the new TTLs, and keeps the kinds of statement not given", async () => {
    gw.on("GetDynamicSecret", (req: { name: string }) =>
      req.name === "/r/app"
        ? { name: req.name, type: "redis", redis: { acl_rules: ["~x:*"] } }
        : {
            name: req.name,
            type: "postgresql",
            sql: {
              creation_statements: ["CREATE ROLE x"],
              revocation_statements: ["DROP ROLE x"],
              renew_statements: [],
            },
          },
    );
    gw.on("UpdateDynamicSecret", (req: Record<string, unknown>) => ({
      ...req,
      type: "postgresql",
    }));
    const run = await cli([
      "update-dynamic-secret",
      "--name",
      "/db/app",
      "--user-ttl",
      "15m",
      "--creation-statement",
      "CREATE ROLE y",
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(lastRequest("UpdateDynamicSecret")).toMatchObject({
      name: "/db/app",
      user_ttl_seconds: 900,
      max_ttl_seconds: 0,
      sql: {
        creation_statements: ["CREATE ROLE y"],
        revocation_statements: ["DROP ROLE x"],
        renew_statements: [],
      },
    });
    await cli(["update-dynamic-secret", "--name", "/r/app", "--acl-rule", "~app:*"]);
    expect(lastRequest("UpdateDynamicSecret")).toMatchObject({ redis: { acl_rules: ["~app:*"] } });
    await usageError(
      ["update-dynamic-secret", "--name", "/db/app"],
      "nothing to change: give --user-ttl, --max-ttl, --description or the producer's flags (see --help)",
    );
    await usageError(
      ["update-dynamic-secret", "--name", "/db/app", "--acl-rule", "+get"],
      "--acl-rule is for type redis; /db/app is a postgresql dynamic secret",
    );
    await usageError(
      ["update-dynamic-secret", "--name", "/db/app", "--user-ttl", "0"],
      "--user-ttl must be more than 0 (leave it out for the default)",
    );
  });

  it("update-dynamic-secret of an SSH CA, a JWT issuer or a custom producer replaces what is given and keeps the rest", async () => {
    const current: Record<string, Record<string, unknown>> = {
      "/ssh/ops": {
        type: "ssh",
        ssh: {
          ca_key_name: "/keys/ca",
          allowed_principals: ["deploy"],
          default_principals: ["deploy"],
          extensions: { "permit-pty": "" },
          critical_options: { "force-command": "/bin/true" },
        },
      },
      "/jwt/api": {
        type: "jwt",
        jwt: { key_name: "/keys/jwt", issuer: "keyfrag", audience: ["a"], claims_template: "" },
      },
      "/hooks/h": {
        type: "custom",
        custom: {
          create_url: "https://h/create",
          revoke_url: "https://h/revoke",
          rotate_url: "",
          key_name: "/keys/p",
          timeout_seconds: 15,
        },
      },
    };
    gw.on("GetDynamicSecret", (req: { name: string }) => ({
      name: req.name,
      ...current[req.name],
    }));
    gw.on("UpdateDynamicSecret", (req: Record<string, unknown>) => req);
    const ok = async (args: string[], stdin?: string) =>
      expect(
        await cli(["update-dynamic-secret", ...args], stdin === undefined ? {} : { stdin }),
      ).toMatchObject({ code: 0, stderr: "" });

    await ok(["--name", "/ssh/ops", "--allowed-principal", "deploy", "--allowed-principal", "ops"]);
    expect(lastRequest("UpdateDynamicSecret")).toMatchObject({
      ssh: {
        ca_key_name: "",
        allowed_principals: ["deploy", "ops"],
        default_principals: ["deploy"],
        extensions: { "permit-pty": "" },
        critical_options: { "force-command": "/bin/true" },
      },
    });
    await ok(["--name", "/jwt/api", "--audience", "b", "--claims-template", '{"team":"x"}']);
    expect(lastRequest("UpdateDynamicSecret")).toMatchObject({
      jwt: { key_name: "", issuer: "keyfrag", audience: ["b"], claims_template: '{"team":"x"}' },
    });
    await ok(["--name", "/hooks/h", "--create-url", "https://h2/create", "--timeout", "30s"]);
    expect(lastRequest("UpdateDynamicSecret")).toMatchObject({
      custom: {
        create_url: "https://h2/create",
        revoke_url: "https://h/revoke",
        payload: "",
        key_name: "",
        timeout_seconds: 30,
      },
    });
    await ok(["--name", "/hooks/h", "--payload-stdin"], "new payload");
    expect(lastRequest("UpdateDynamicSecret")).toMatchObject({
      custom: { create_url: "https://h/create", payload: "new payload" },
    });
    await usageError(
      ["update-dynamic-secret", "--name", "/jwt/api", "--allowed-principal", "x"],
      "--allowed-principal is for type ssh; /jwt/api is a jwt dynamic secret",
    );
    await usageError(
      ["update-dynamic-secret", "--name", "/ssh/ops", "--allowed-principal", ""],
      "--allowed-principal must not be empty",
    );
    await usageError(
      ["update-dynamic-secret", "--name", "/jwt/api", "--claims-template", "[1]"],
      "--claims-template must be a JSON object",
    );
  });

  it("get, list (every page) and delete dynamic secrets", async () => {
    gw.on("GetDynamicSecret", (req: { name: string }) => ({
      name: req.name,
      type: "jwt",
      user_ttl_seconds: 600,
      max_ttl_seconds: 86_400,
      jwt: { key_name: "/keys/jwt", issuer: "keyfrag", audience: ["a", "b"] },
    }));
    const got = await cli(["get-dynamic-secret", "--name", "/jwt/api"]);
    expect(got.stdout).toBe(
      "name: /jwt/api\ntype: jwt\nuser ttl: 10m\nmax ttl: 1d\nkey: /keys/jwt\nissuer: keyfrag\naudience: a, b\n",
    );
    gw.on("ListDynamicSecrets", (req: { page_token: string }) =>
      req.page_token === ""
        ? {
            dynamic_secrets: [
              { name: "/db/app", type: "postgresql", target: "/t/pg", user_ttl_seconds: 3600 },
            ],
            next_page_token: "n",
          }
        : { dynamic_secrets: [{ name: "/ssh/ops", type: "ssh" }] },
    );
    const listed = await cli(["list-dynamic-secrets", "--prefix", "/"]);
    expect(sent("ListDynamicSecrets").map((r) => r.page_token)).toEqual(["", "n"]);
    expect(listed.stdout).toMatch(
      /^NAME\s+TYPE\s+TARGET\s+TTL\s+MAX TTL\s+CREATED\n\/db\/app\s+postgresql\s+\/t\/pg\s+1h\n\/ssh\/ops\s+ssh\n$/,
    );
    const deleted = await cli(["delete-dynamic-secret", "--name", "/db/app"]);
    expect(deleted.stdout).toBe("deleted dynamic secret /db/app\n");
    expect(lastRequest("DeleteDynamicSecret")).toEqual({ name: "/db/app" });
  });
});

describe("credential commands", () => {
  it("get-dynamic-secret-value prints the credential and its lease", async () => {
    gw.on("GetDynamicSecretValue", (req: { name: string }) =>
      req.name === "/jwt/api"
        ? { lease: null, value_json: JSON.stringify({ token: "eyJ.x.y", jti: "j1" }) }
        : {
            lease: lease("/db/app/l1"),
            value_json: JSON.stringify({ username: "kf_app_x1", password: "pw-1", port: 5432 }),
          },
    );
    const text = await cli(["get-dynamic-secret-value", "--name", "/db/app", "--ttl", "10m"]);
    expect(text).toMatchObject({ code: 0, stderr: "" });
    expect(text.stdout).toBe(
      `username: kf_app_x1\npassword: pw-1\nport: 5432\nlease id: /db/app/l1\nexpires: ${new Date(EXPIRES).toISOString()}\n`,
    );
    expect(lastRequest("GetDynamicSecretValue")).toMatchObject({
      name: "/db/app",
      ttl_seconds: 600,
      args_json: "",
    });

    const json = await cli([
      "get-dynamic-secret-value",
      "--name",
      "/hooks/app",
      "--args",
      '{"scope": ["read"]}',
      "--output",
      "json",
    ]);
    expect(lastRequest("GetDynamicSecretValue")).toMatchObject({
      ttl_seconds: 0,
      args_json: '{"scope":["read"]}',
    });
    expect(JSON.parse(json.stdout)).toMatchObject({
      value: { username: "kf_app_x1", password: "pw-1", port: 5432 },
      // Times in JSON are RFC 3339, as everywhere in the CLI's JSON.
      lease: { id: "/db/app/l1", state: "active", expires_at: new Date(EXPIRES).toISOString() },
    });

    const jwt = await cli(["get-dynamic-secret-value", "--name", "/jwt/api"]);
    expect(jwt.stdout).toBe("token: eyJ.x.y\njti: j1\n");
    const jwtJson = await cli([
      "--output",
      "json",
      "get-dynamic-secret-value",
      "--name",
      "/jwt/api",
    ]);
    expect(JSON.parse(jwtJson.stdout)).toEqual({
      value: { token: "eyJ.x.y", jti: "j1" },
      lease: null,
    });

    await usageError(
      ["get-dynamic-secret-value", "--name", "/hooks/app", "--args", "{secret"],
      "--args must be JSON",
    );
    await usageError(
      ["get-dynamic-secret-value", "--name", "/db/app", "--ttl", "-5"],
      '--ttl takes seconds or a duration (90s, 15m, 1h, 7d), not "-5"',
    );
  });

  it("get-ssh-certificate writes <key>-cert.pub (0644) and prints its validity", async () => {
    const dir = await mkdtemp(join(home, "ssh-"));
    const pub = join(dir, "id_ed25519.pub");
    await writeFile(pub, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ me@host\n");
    gw.on("GetSshCertificate", (req: { principals: string[] }) => ({
      certificate: "ssh-ed25519-cert-v01@openssh.com AAAAcert me@host",
      serial: "42",
      principals: req.principals.length ? req.principals : ["ops"],
      valid_after_ms: EXPIRES - 600_000,
      valid_before_ms: EXPIRES,
      ca_public_key: "ssh-ed25519 AAAAca",
    }));
    const run = await cli([
      "get-ssh-certificate",
      "--name",
      "/ssh/ops",
      "--public-key-file",
      pub,
      "--principal",
      "ops",
      "--principal",
      "deploy",
      "--ttl",
      "10m",
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(lastRequest("GetSshCertificate")).toMatchObject({
      name: "/ssh/ops",
      public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ me@host",
      principals: ["ops", "deploy"],
      ttl_seconds: 600,
    });
    const certFile = join(dir, "id_ed25519-cert.pub");
    expect(await readFile(certFile, "utf8")).toBe(
      "ssh-ed25519-cert-v01@openssh.com AAAAcert me@host\n",
    );
    expect((await stat(certFile)).mode & 0o777).toBe(0o644);
    expect(run.stdout).toBe(
      `certificate: ${certFile}\nserial: 42\nprincipals: ops, deploy\nvalid after: ${new Date(EXPIRES - 600_000).toISOString()}\nvalid before: ${new Date(EXPIRES).toISOString()}\nCA (for TrustedUserCAKeys): ssh-ed25519 AAAAca\n`,
    );

    // --out elsewhere, JSON output, and an existing file that gets replaced.
    const out = join(dir, "other-cert.pub");
    await writeFile(out, "old", { mode: 0o600 });
    const json = await cli([
      "get-ssh-certificate",
      "--name",
      "/ssh/ops",
      "--public-key-file",
      pub,
      "--out",
      out,
      "--output",
      "json",
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      certificate_file: out,
      serial: "42",
      principals: ["ops"],
      ca_public_key: "ssh-ed25519 AAAAca",
    });
    expect((await stat(out)).mode & 0o777).toBe(0o644);
    expect(await readFile(out, "utf8")).toMatch(/^ssh-ed25519-cert-v01/);

    const printed = await cli([
      "get-ssh-certificate",
      "--name",
      "/ssh/ops",
      "--public-key-file",
      pub,
      "--out",
      "-",
    ]);
    expect(printed.stdout).toBe("ssh-ed25519-cert-v01@openssh.com AAAAcert me@host\n");

    const priv = join(dir, "id_ed25519");
    await writeFile(
      priv,
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n",
    );
    gw.calls.length = 0;
    await usageError(
      ["get-ssh-certificate", "--name", "/ssh/ops", "--public-key-file", priv],
      `--public-key-file ${priv} holds a private key: give the .pub file`,
    );
    const missing = await cli([
      "get-ssh-certificate",
      "--name",
      "/s",
      "--public-key-file",
      "/nope.pub",
    ]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: "error: cannot read --public-key-file /nope.pub: ENOENT\n",
    });
    expect(dynamicCalls()).toHaveLength(0);
  });
});

describe("lease commands", () => {
  it("renew, revoke, get and forget one lease", async () => {
    const renewed = await cli(["renew-lease", "--lease-id", "/db/app/l1", "--ttl", "2h"]);
    expect(renewed.code).toBe(0);
    expect(lastRequest("RenewLease")).toEqual({ lease_id: "/db/app/l1", ttl_seconds: 7200 });
    expect(renewed.stdout).toMatch(
      /^lease: \/db\/app\/l1\ndynamic secret: \/db\/app\ntarget: \/t\/pg\ntype: postgresql\nuser: kf_app_x1\nstate: active\n/,
    );
    await cli(["renew-lease", "--lease-id", "/db/app/l1"]);
    expect(lastRequest("RenewLease")).toEqual({ lease_id: "/db/app/l1", ttl_seconds: 0 });

    for (const [verb, method] of [
      ["revoke-lease", "RevokeLease"],
      ["get-lease", "GetLease"],
      ["forget-lease", "ForgetLease"],
    ] as const) {
      const run = await cli([verb, "--lease-id", "/db/app/l2", "--output", "json"]);
      expect(run.code).toBe(0);
      expect(lastRequest(method)).toEqual({ lease_id: "/db/app/l2" });
      expect(JSON.parse(run.stdout)).toMatchObject({ id: "/db/app/l2", state: "active" });
    }

    gw.on("GetLease", (req: { lease_id: string }) =>
      lease(req.lease_id, {
        state: "revoke-failed",
        last_error: "connection refused",
        failing_since_ms: EXPIRES,
        revoke_attempts: 4,
      }),
    );
    const failing = await cli(["get-lease", "--lease-id", "/db/app/l3"]);
    expect(failing.stdout).toContain(`state: revoke-failed\n`);
    expect(failing.stdout).toMatch(
      /last error: connection refused\nfailing since: \S+\nrevoke attempts: 4\n$/,
    );
    await usageError(["revoke-lease"], /required option '--lease-id <id>' not specified/);
  });

  it("revoke-leases, list-leases (every page) and sweep-orphans", async () => {
    gw.on("RevokeLeasesByPrefix", () => ({ queued: 3 }));
    const revoked = await cli(["revoke-leases", "--prefix", "/db/app/"]);
    expect(revoked.stdout).toBe("queued the revocation of 3 leases under /db/app/\n");
    // The CLI sets the prefix only; the gateway fills in the dynamic secrets it checked.
    expect(lastRequest("RevokeLeasesByPrefix")).toEqual({
      prefix: "/db/app/",
      dynamic_secrets: [],
      only_dynamic_secrets: false,
    });
    await usageError(["revoke-leases", "--prefix", ""], "--prefix must not be empty");

    gw.on("ListLeases", (req: { page_token: string }) =>
      req.page_token === ""
        ? { leases: [lease("/db/app/l1")], next_page_token: "n" }
        : {
            leases: [lease("/db/app/l2", { state: "revoke-failed", last_error: "timeout" })],
          },
    );
    const listed = await cli([
      "list-leases",
      "--prefix",
      "/db/app/",
      "--state",
      "revoke-failed",
      "--page-size",
      "1",
    ]);
    expect(sent("ListLeases")).toMatchObject([
      { prefix: "/db/app/", state: "revoke-failed", page_size: 1, page_token: "" },
      { page_token: "n" },
    ]);
    const lines = listed.stdout.split("\n");
    expect(lines[0]).toMatch(/^LEASE\s+STATE\s+EXPIRES\s+USER\s+ACCESS ID\s+LAST ERROR$/);
    expect(lines[2]).toMatch(
      /^\/db\/app\/l2\s+revoke-failed\s+\S+Z\s+kf_app_x1\s+p-123\s+timeout$/,
    );
    await usageError(
      ["list-leases", "--state", "failed"],
      '--state must be creating, active, revoking, revoke-failed or revoked, not "failed"',
    );
    gw.on("ListLeases", () => ({ leases: [] }));
    expect((await cli(["list-leases"])).stdout).toBe("(no leases)\n");

    gw.on("SweepOrphans", () => ({ removed: ["kf_app_a", "kf_app_b"], failed: [] }));
    const swept = await cli(["sweep-orphans", "--target", "/t/pg"]);
    expect(swept).toMatchObject({ code: 0, stdout: "removed: kf_app_a, kf_app_b\n" });
    expect(lastRequest("SweepOrphans")).toEqual({ target: "/t/pg" });
    gw.on("SweepOrphans", () => ({ removed: [], failed: ["kf_app_c: permission denied"] }));
    const partial = await cli(["sweep-orphans", "--target", "/t/pg"]);
    expect(partial).toMatchObject({
      code: 1,
      stdout: "no orphaned users\nnot removed: kf_app_c: permission denied\n",
    });
  });
});

describe("helpers", () => {
  it("parseDuration takes seconds and unit durations", () => {
    expect(parseDuration("--ttl", "3600")).toBe(3600);
    expect(parseDuration("--ttl", "90s")).toBe(90);
    expect(parseDuration("--ttl", "15m")).toBe(900);
    expect(parseDuration("--ttl", "1h30m")).toBe(5400);
    expect(parseDuration("--ttl", "7d")).toBe(604_800);
    for (const bad of ["", "1.5h", "h", "1w", "-1", "99999999999"]) {
      expect(() => parseDuration("--ttl", bad)).toThrow(/^--ttl takes seconds or a duration/);
    }
  });

  it("formatDuration and certificatePath", () => {
    expect([0, 59, 3600, 5400, 86_400, 90_061].map(formatDuration)).toEqual([
      "",
      "59s",
      "1h",
      "1h30m",
      "1d",
      "1d1h1m1s",
    ]);
    expect(certificatePath("/home/u/.ssh/id_ed25519.pub")).toBe("/home/u/.ssh/id_ed25519-cert.pub");
    expect(certificatePath("mykey")).toBe("mykey-cert.pub");
  });
});
