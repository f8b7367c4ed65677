import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { Agent, request } from "node:https";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type CallOptions, call, type GatewayClient, KeyfragError } from "@keyfrag/rpc";
import { adminLogin, type FullCluster, startFullCluster, waitFor } from "@keyfrag/test-cluster";
import {
  startCustomProducerWebhook,
  type TestPostgres,
  testPostgres,
  testRedis,
} from "@keyfrag/test-support";
import { Redis } from "ioredis";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from "jose";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

/** The parts of the official Akeyless SDK (plain JavaScript, no types) these tests use. */
interface AkeylessModel {
  constructFromObject(data: Record<string, unknown>): object;
}
// biome-ignore lint/suspicious/noExplicitAny: the SDK's answers are untyped JSON.
type SdkCall = (body: object) => Promise<any>;
const SDK_CALLS = [
  "auth",
  "createSecret",
  "getSecretValue",
  "updateSecretVal",
  "describeItem",
  "listItems",
  "deleteItem",
  "createDFCKey",
  "encrypt",
  "decrypt",
  "rotateKey",
  "refreshKey",
  "dynamicSecretCreatePostgreSql",
  "dynamicSecretCreateMySql",
  "getDynamicSecretValue",
  "createRole",
  "setRoleRule",
  "assocRoleAuthMethod",
  "createAuthMethod",
  "listRoles",
  "getRole",
  "deleteRole",
  "listAuthMethods",
  "targetCreateDB",
  "createSSHCertIssuer",
  "getSSHCertificate",
  "dynamicSecretTmpCredsUpdate",
  "dynamicSecretTmpCredsGet",
  "deleteRoleRule",
  "targetUpdateDB",
  "dynamicSecretUpdatePostgreSql",
  "dynamicSecretCreateRedis",
  "dynamicSecretCreateCustom",
  "createAuthMethodOAuth2",
  "createAuthMethodCert",
] as const;
const SDK_MODELS = [
  "Auth",
  "CreateSecret",
  "GetSecretValue",
  "UpdateSecretVal",
  "DescribeItem",
  "ListItems",
  "DeleteItem",
  "CreateDFCKey",
  "Encrypt",
  "Decrypt",
  "RotateKey",
  "RefreshKey",
  "DynamicSecretCreatePostgreSql",
  "DynamicSecretCreateMySql",
  "GetDynamicSecretValue",
  "CreateRole",
  "SetRoleRule",
  "AssocRoleAuthMethod",
  "CreateAuthMethod",
  "ListRoles",
  "GetRole",
  "DeleteRole",
  "ListAuthMethods",
  "TargetCreateDB",
  "CreateSSHCertIssuer",
  "GetSSHCertificate",
  "DynamicSecretTmpCredsUpdate",
  "DynamicSecretTmpCredsGet",
  "DeleteRoleRule",
  "TargetUpdateDB",
  "DynamicSecretUpdatePostgreSql",
  "DynamicSecretCreateRedis",
  "DynamicSecretCreateCustom",
  "CreateAuthMethodOAuth2",
  "CreateAuthMethodCert",
] as const;
type V2Api = Record<(typeof SDK_CALLS)[number], SdkCall>;
interface ApiClient {
  basePath: string;
  requestAgent: Agent;
}
type AkeylessSdk = Record<(typeof SDK_MODELS)[number], AkeylessModel> & {
  ApiClient: new () => ApiClient;
  V2Api: new (client: ApiClient) => V2Api;
};
const akeyless = createRequire(import.meta.url)("akeyless") as AkeylessSdk;
const rand = () => randomBytes(3).toString("hex");

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/** The README's Python example: the MySQL flow from the top of issue 17, as a Python user writes it. */
function readmePython(): string {
  const readme = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
  const block = /<!-- rest-python -->\s*```python\n([\s\S]*?)```\s*<!-- \/rest-python -->/.exec(
    readme,
  );
  if (!block?.[1]) throw new Error("README.md has no <!-- rest-python --> block");
  return block[1];
}

interface JsonSchema {
  type?: string;
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/** A small valid value of a request schema (required fields only). */
function sample(schema: JsonSchema): unknown {
  if (schema.anyOf?.[0]) return sample(schema.anyOf[0]);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case "object":
      return Object.fromEntries(
        (schema.required ?? []).map((k) => [k, sample(schema.properties?.[k] ?? {})]),
      );
    case "array":
      return [sample(schema.items ?? {})];
    case "integer":
      return schema.maximum ?? 1;
    case "boolean":
      return true;
    default:
      return schema.pattern?.startsWith("^[0-9]") ? "1" : "/e2e/sample";
  }
}

// The REST API end to end: the official Akeyless SDK, Python requests and curl against the
// whole platform as processes, on the gateway's HTTPS listener.
describe("REST API (Akeyless V2 conventions)", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;
  let token: string;
  let creds: { accessId: string; accessKey: string };
  let caFile: string;
  let agent: Agent;
  let base: string;
  let pgDb: TestPostgres;
  let api: V2Api;

  /** POSTs raw bytes (or a JSON body) to the REST listener. */
  const post = (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    via: Agent = agent,
  ) =>
    new Promise<Answer>((resolve, reject) => {
      const data = typeof body === "string" ? body : JSON.stringify(body);
      const req = request(
        `${base}${path}`,
        {
          method: "POST",
          agent: via,
          headers: { "content-type": "application/json", ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString();
            let parsed: Record<string, unknown> = {};
            try {
              parsed = JSON.parse(text) as Record<string, unknown>;
            } catch {
              parsed = { text };
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
          });
        },
      );
      req.on("error", reject);
      req.end(data);
    });
  const get = (path: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      request(`${base}${path}`, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
      })
        .on("error", reject)
        .end();
    });

  /** What the SDK rejects with: the HTTP status and our error body. */
  const sdkError = async (p: Promise<unknown>) => {
    try {
      await p;
      return { status: 200, error: "" };
    } catch (err) {
      const e = err as { status?: number; response?: { body?: { error?: string } } };
      return { status: e.status ?? 0, error: e.response?.body?.error ?? "" };
    }
  };
  const grpcCode = async (p: Promise<unknown>) => {
    try {
      await p;
      return "ok";
    } catch (err) {
      if (err instanceof KeyfragError) return `${err.code}: ${err.message}`;
      throw err;
    }
  };

  beforeAll(async () => {
    pgDb = await testPostgres();
    full = await startFullCluster({ producersEnv: { KF_SWEEP_INTERVAL_MS: "0" } });
    gw = full.client();
    creds = await full.adminCredentials();
    admin = await adminLogin(full, gw, 60_000);
    caFile = (await full.env.pki.certFiles("client", "rest-test")).ca;
    agent = new Agent({ ca: await readFile(caFile), keepAlive: true });
    base = `https://${full.gatewayRest}`;
    const client = new akeyless.ApiClient();
    client.basePath = base;
    client.requestAgent = agent;
    api = new akeyless.V2Api(client);
    const out = await api.auth(
      akeyless.Auth.constructFromObject({
        "access-type": "access_key",
        "access-id": creds.accessId,
        "access-key": creds.accessKey,
      }),
    );
    token = out.token;
  }, 240_000);

  afterAll(async () => {
    agent?.destroy();
    await full?.[Symbol.asyncDispose]();
    await pgDb?.[Symbol.asyncDispose]();
  });

  it("the Akeyless SDK logs in and manages static secrets (names with or without the leading /)", async () => {
    expect(token).toMatch(/^ey/);
    const name = `e2e/rest-${rand()}/db-password`;
    const created = await api.createSecret(
      akeyless.CreateSecret.constructFromObject({ name, value: "s3cr3t", token }),
    );
    expect(created.name).toBe(`/${name}`);
    const read = await api.getSecretValue(
      akeyless.GetSecretValue.constructFromObject({ names: [name, `/${name}`].slice(0, 1), token }),
    );
    expect(read).toEqual({ [name]: "s3cr3t" });
    await api.updateSecretVal(
      akeyless.UpdateSecretVal.constructFromObject({ name: `/${name}`, value: "n3w", token }),
    );
    const again = await api.getSecretValue(
      akeyless.GetSecretValue.constructFromObject({ names: [`/${name}`], token }),
    );
    expect(again).toEqual({ [`/${name}`]: "n3w" });
    const first = await api.getSecretValue(
      akeyless.GetSecretValue.constructFromObject({ names: [name], version: 1, token }),
    );
    expect(first).toEqual({ [name]: "s3cr3t" });
    const described = await api.describeItem(
      akeyless.DescribeItem.constructFromObject({ name, token }),
    );
    expect(described.item_name).toBe(`/${name}`);
    expect(described.item_type).toBe("STATIC_SECRET");
    expect(described.last_version).toBe(2);
    const listed = await api.listItems(
      akeyless.ListItems.constructFromObject({
        path: name.split("/").slice(0, 2).join("/"),
        token,
      }),
    );
    expect(listed.items?.map((i: { item_name: string }) => i.item_name)).toEqual([`/${name}`]);
    await api.deleteItem(akeyless.DeleteItem.constructFromObject({ name, token }));
    const gone = await sdkError(
      api.getSecretValue(akeyless.GetSecretValue.constructFromObject({ names: [name], token })),
    );
    expect(gone.status).toBe(404);
  });

  it("the Akeyless SDK creates DFC keys, encrypts and decrypts with a context, rotates and refreshes", async () => {
    const key = `e2e/rest-key-${rand()}`;
    await api.createDFCKey(
      akeyless.CreateDFCKey.constructFromObject({ name: key, alg: "AES256GCM", token }),
    );
    const enc = await api.encrypt(
      akeyless.Encrypt.constructFromObject({
        "key-name": key,
        plaintext: "hello keyfrag",
        "encryption-context": { tenant: "t1" },
        token,
      }),
    );
    expect(enc.result).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const dec = await api.decrypt(
      akeyless.Decrypt.constructFromObject({
        "key-name": key,
        ciphertext: enc.result,
        "encryption-context": { tenant: "t1" },
        token,
      }),
    );
    expect(dec.result).toBe("hello keyfrag");
    const wrongContext = await sdkError(
      api.decrypt(
        akeyless.Decrypt.constructFromObject({
          "key-name": key,
          ciphertext: enc.result,
          "encryption-context": { tenant: "t2" },
          token,
        }),
      ),
    );
    expect(wrongContext.status).toBe(400);
    const rotated = await api.rotateKey(
      akeyless.RotateKey.constructFromObject({ name: key, token }),
    );
    expect(rotated.new_item_version).toBe(2);
    // The old version still decrypts after the rotation.
    const old = await api.decrypt(
      akeyless.Decrypt.constructFromObject({
        "key-name": key,
        ciphertext: enc.result,
        "encryption-context": { tenant: "t1" },
        token,
      }),
    );
    expect(old.result).toBe("hello keyfrag");
    await api.refreshKey(akeyless.RefreshKey.constructFromObject({ name: key, token }));
  }, 120_000);

  it("REST and gRPC give the same answer for the same request", async () => {
    const name = `/e2e/rest-same-${rand()}`;
    await call(gw, "CreateSecret", { name, value: Buffer.from("same") }, admin);
    const grpc = await call(gw, "GetSecretValue", { names: [name] }, admin);
    const rest = await post("/get-secret-value", { names: [name], token });
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual({ [name]: Buffer.from(grpc.values[0]?.value ?? "").toString() });
    // Akeyless' ignore-cache is honoured: the read is audited as past the cache.
    const past = await post("/get-secret-value", { names: [name], "ignore-cache": "true", token });
    expect(past.body).toEqual(rest.body);
    await waitFor(
      async () => {
        const events = await call(
          gw,
          "GetAuditEvents",
          { path_prefix: name, action: "get-secret-value" },
          admin,
        );
        return events.records.some((e) => e.fields.cache === "ignored");
      },
      15_000,
      "the ignore-cache read's audit event",
    );
    const missing = `/e2e/rest-missing-${rand()}`;
    const grpcMissing = await grpcCode(call(gw, "GetSecretValue", { names: [missing] }, admin));
    const restMissing = await post("/get-secret-value", { names: [missing], token });
    expect(restMissing.status).toBe(404);
    expect(`not-found: ${restMissing.body.error}`).toBe(grpcMissing);
    const taken = await post("/create-secret", { name, value: "again", token });
    const grpcTaken = await grpcCode(
      call(gw, "CreateSecret", { name, value: Buffer.from("again") }, admin),
    );
    expect(taken.status).toBe(409);
    expect(`conflict: ${taken.body.error}`).toBe(grpcTaken);

    // Beyond secret values: the same item, key, role, audit chain and errors either way.
    const described = await post("/describe-item", { name, token });
    const grpcItem = await call(gw, "DescribeItem", { name }, admin);
    expect(described.body).toMatchObject({
      item_name: grpcItem.name,
      last_version: grpcItem.current_version,
      item_versions: grpcItem.versions.map((v) => ({ version: v.version })),
    });
    const folder = name.split("/").slice(0, -1).join("/");
    const listed = await post("/list-items", { path: folder, token });
    const grpcList = await call(gw, "ListItems", { path: folder, page_size: 1000 }, admin);
    expect((listed.body.items as Array<{ item_name: string }>).map((i) => i.item_name)).toEqual(
      grpcList.items.map((i) => i.name),
    );
    const key = `/e2e/rest-same-key-${rand()}`;
    await call(gw, "CreateDfcKey", { name: key, algorithm: "AES256GCM" }, admin);
    // A ciphertext made over one transport decrypts over the other.
    const restCipher = await post("/encrypt", { "key-name": key, plaintext: "both ways", token });
    const grpcPlain = await call(
      gw,
      "Decrypt",
      { key_name: key, ciphertext: Buffer.from(String(restCipher.body.result), "base64") },
      admin,
    );
    expect(Buffer.from(grpcPlain.plaintext).toString()).toBe("both ways");
    const grpcCipher = await call(
      gw,
      "Encrypt",
      { key_name: key, plaintext: Buffer.from("both ways") },
      admin,
    );
    const restPlain = await post("/decrypt", {
      "key-name": key,
      ciphertext: Buffer.from(grpcCipher.ciphertext).toString("base64"),
      token,
    });
    expect(restPlain.body).toEqual({ result: "both ways" });
    const grpcPerms = await call(gw, "DescribePermissions", {}, admin);
    const restPerms = await post("/describe-permissions", { token });
    expect(restPerms.body).toEqual(JSON.parse(JSON.stringify({ roles: grpcPerms.roles })));
    const grpcChain = await call(gw, "VerifyAuditChain", {}, admin);
    const restChain = await post("/verify-audit-chain", { token });
    expect({ ...restChain.body, records: undefined }).toEqual({
      ...grpcChain,
      records: undefined,
    });
    const noRole = `no-role-${rand()}`;
    const failures: Array<[string, object, number, () => Promise<unknown>]> = [
      [
        "/describe-item",
        { name: missing },
        404,
        () => call(gw, "DescribeItem", { name: missing }, admin),
      ],
      ["/get-role", { name: noRole }, 404, () => call(gw, "GetRole", { name: noRole }, admin)],
      [
        "/encrypt",
        { "key-name": name, plaintext: "x" },
        400,
        () => call(gw, "Encrypt", { key_name: name, plaintext: Buffer.from("x") }, admin),
      ],
    ];
    for (const [path, body, status, grpcCall] of failures) {
      const grpcAnswer = await grpcCode(grpcCall());
      const restAnswer = await post(path, { ...body, token });
      expect(`${restAnswer.status} ${restAnswer.body.error}`, path).toBe(
        `${status} ${grpcAnswer.replace(/^[a-z-]+: /, "")}`,
      );
    }
  });

  it("the README's Python requests example (the issue's MySQL flow) works as written; the credentials log in", async () => {
    const name = "mysql-dynamic-secret";
    const { stdout } = await run("python3", ["-c", readmePython()], {
      env: {
        ...process.env,
        KEYFRAG_URL: base,
        KEYFRAG_CA: caFile,
        ACCESS_ID: creds.accessId,
        ACCESS_KEY: creds.accessKey,
      },
      timeout: 120_000,
    });
    const out = JSON.parse(stdout) as Record<string, string>;
    expect(out.user).toMatch(/^kf_/);
    expect(out.password?.length).toBeGreaterThan(10);
    expect(out.id).toMatch(new RegExp(`^/${name}/`));
    expect(Number(out.ttl_in_minutes)).toBeGreaterThanOrEqual(59);
    const conn = await mysql.createConnection({
      host: "127.0.0.1",
      port: 3306,
      user: out.user,
      password: out.password,
      connectTimeout: 5_000,
    });
    const [rows] = await conn.query("SELECT CURRENT_USER() AS me");
    expect(String((rows as Array<{ me: string }>)[0]?.me)).toContain(out.user);
    await conn.end();
    const leases = await post("/dynamic-secret-tmp-creds-Get", { name, token });
    expect(leases.body).toEqual([expect.objectContaining({ id: out.id, user: out.user })]);
    const revoked = await post("/dynamic-secret-tmp-creds-delete", {
      name,
      "revoke-all": "true",
      token,
    });
    expect(revoked.body).toEqual({ queued: 1 });
    // Deleting the dynamic secret (once its lease is revoked) also deletes its private target.
    await waitFor(
      async () => (await post("/dynamic-secret-delete", { name, token })).status === 200,
      30_000,
      "the dynamic secret deleted after its lease was revoked",
    );
    const target = await post("/target-get", { name: `${name}.target`, token });
    expect(target.status).toBe(404);
  }, 120_000);

  it("the Akeyless SDK creates a PostgreSQL dynamic secret whose credentials log in", async () => {
    const name = `e2e/rest-pg-${rand()}`;
    await api.dynamicSecretCreatePostgreSql(
      akeyless.DynamicSecretCreatePostgreSql.constructFromObject({
        name,
        "postgresql-host": "127.0.0.1",
        "postgresql-port": "5432",
        "postgresql-username": "postgres",
        "postgresql-password": "",
        "postgresql-db-name": pgDb.database,
        "user-ttl": "15m",
        token,
      }),
    );
    const value = (await api.getDynamicSecretValue(
      akeyless.GetDynamicSecretValue.constructFromObject({ name, token }),
    )) as Record<string, string>;
    expect(Number(value.ttl_in_minutes)).toBeGreaterThanOrEqual(14);
    const client = new pg.Client({
      host: "127.0.0.1",
      port: 5432,
      database: pgDb.database,
      user: value.user,
      password: value.password,
      connectionTimeoutMillis: 5_000,
    });
    await client.connect();
    const res = await client.query("SELECT current_user AS me");
    expect(res.rows[0]?.me).toBe(value.user);
    await client.end();
    await call(gw, "RevokeLeasesByPrefix", { prefix: `/${name}/` }, admin);
  }, 120_000);

  it("the Akeyless SDK creates a MariaDB dynamic secret whose credentials log in", async () => {
    const name = `e2e/rest-maria-${rand()}`;
    await api.dynamicSecretCreateMySql(
      akeyless.DynamicSecretCreateMySql.constructFromObject({
        name,
        "mysql-host": "127.0.0.1",
        "mysql-port": "3306",
        "mysql-username": "root",
        "mysql-password": "",
        "user-ttl": "15m",
        token,
      }),
    );
    const value = (await api.getDynamicSecretValue(
      akeyless.GetDynamicSecretValue.constructFromObject({ name, token }),
    )) as Record<string, string>;
    expect(Number(value.ttl_in_minutes)).toBeGreaterThanOrEqual(14);
    const conn = await mysql.createConnection({
      host: "127.0.0.1",
      port: 3306,
      user: value.user,
      password: value.password,
      connectTimeout: 5_000,
    });
    const [rows] = await conn.query("SELECT CURRENT_USER() AS me");
    expect(String((rows as Array<{ me: string }>)[0]?.me)).toContain(value.user);
    await conn.end();
    await post("/dynamic-secret-tmp-creds-delete", { name, "revoke-all": "true", token });
    await waitFor(
      async () => (await post("/dynamic-secret-delete", { name, token })).status === 200,
      30_000,
      "the MariaDB dynamic secret deleted after its lease was revoked",
    );
  }, 60_000);

  it("curl authenticates and reads a secret at /api/v2/", async () => {
    const name = `/e2e/rest-curl-${rand()}`;
    await call(gw, "CreateSecret", { name, value: Buffer.from("from-curl") }, admin);
    const curl = async (path: string, body: object) => {
      const { stdout } = await run("curl", [
        "-sS",
        "--cacert",
        caFile,
        "-H",
        "content-type: application/json",
        "-d",
        JSON.stringify(body),
        `${base}${path}`,
      ]);
      return JSON.parse(stdout) as Record<string, string>;
    };
    const auth = await curl("/api/v2/auth", {
      "access-id": creds.accessId,
      "access-key": creds.accessKey,
    });
    const values = await curl("/api/v2/get-secret-value", {
      names: [name.slice(1)],
      token: auth.token,
    });
    expect(values).toEqual({ [name.slice(1)]: "from-curl" });
  });

  it("a missing, forged or revoked token is 401; a denied path is 403 and audited", async () => {
    const name = `/e2e/rest-deny-${rand()}`;
    await call(gw, "CreateSecret", { name, value: Buffer.from("x") }, admin);
    const missing = await post("/get-secret-value", { names: [name] });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatch(/missing token/);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await post("/get-secret-value", { names: [name], token: forged })).status).toBe(401);
    // An expired token: a method whose tokens live one second.
    const brief = await call(
      gw,
      "CreateAuthMethod",
      { name: `rest-brief-${rand()}`, access_key: {}, token_ttl_seconds: 1 },
      admin,
    );
    const briefToken = (
      await post("/auth", {
        "access-id": brief.method?.access_id,
        "access-key": brief.access_key,
      })
    ).body.token;
    let expired: Answer | undefined;
    await waitFor(
      async () => {
        expired = await post("/validate-token", { token: briefToken });
        return expired.status === 401;
      },
      5_000,
      "the one-second token refused once it expired",
    );
    expect(expired?.body.error).toMatch(/expired/);
    expect((await post("/get-secret-value", { names: [name], token: briefToken })).status).toBe(
      401,
    );
    // A user with no role at all.
    const method = await post("/create-auth-method", { name: `rest-nobody-${rand()}`, token });
    expect(method.status).toBe(200);
    const login = await post("/v2/auth", {
      "access-id": method.body.access_id,
      "access-key": method.body.access_key,
    });
    expect(login.status).toBe(200);
    const nobody = String(login.body.token);
    const denied = await post("/get-secret-value", { names: [name], token: nobody });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatch(/read on item .* denied/);
    // The denial reaches the audit store through NATS: it is there within moments.
    await waitFor(
      async () => {
        const events = await call(
          gw,
          "GetAuditEvents",
          { path_prefix: name, result: "denied", action: "gateway.get-secret-value" },
          admin,
        );
        return events.records.some((e) => e.actor?.access_id === method.body.access_id);
      },
      15_000,
      "the denial's audit event",
    );
    // Logged out: the token no longer works.
    expect((await post("/revoke-creds", { token: nobody })).status).toBe(200);
    // Revocation reaches the gateway's verifier over NATS: within moments.
    await waitFor(
      async () =>
        (await post("/get-secret-value", { names: [name], token: nobody })).status === 401,
      10_000,
      "the revoked token refused",
    );
  });

  it("malformed JSON, wrong types and oversized bodies are 400 with a clear message; the gateway keeps serving", async () => {
    const malformed = await post("/get-secret-value", '{"names": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/JSON/);
    const wrongType = await post("/get-secret-value", { names: 5, token });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toMatch(/names/);
    const badBool = await post("/list-items", { path: "/", "include-deleted": "yes", token });
    expect(badBool.status).toBe(400);
    const huge = await post("/create-secret", {
      name: "/e2e/huge",
      value: "x".repeat(2_000_000),
      token,
    });
    expect(huge.status).toBe(400);
    expect(huge.body.error).toMatch(/larger than/);
    const unknownOp = await post("/no-such-operation", { token });
    expect(unknownOp.status).toBe(404);
    // Strings for booleans and numbers, and unknown fields, are accepted.
    const name = `/e2e/rest-lenient-${rand()}`;
    const ok = await post("/create-secret", {
      name,
      value: "v",
      "max-versions": "3",
      multiline_value: "false",
      "some-future-field": { nested: true },
      token,
    });
    expect(ok.status).toBe(200);
    const read = await post("/get-secret-value", { names: [name], token, json: "true" });
    expect(read.body).toEqual({ [name]: "v" });
  });

  it("delete-item with a version destroys that version only (0: the latest), as Akeyless deletes one", async () => {
    const name = `/e2e/rest-versions-${rand()}`;
    expect((await post("/create-secret", { name, value: "one", token })).status).toBe(200);
    expect((await post("/update-secret-val", { name, value: "two", token })).status).toBe(200);
    expect((await post("/update-secret-val", { name, value: "three", token })).status).toBe(200);
    const first = await post("/delete-item", { name, version: 1, token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ item_name: name, version: 1 });
    const gone = await post("/get-secret-value", { names: [name], version: 1, token });
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatch(/was destroyed/);
    expect((await post("/get-secret-value", { names: [name], token })).body).toEqual({
      [name]: "three",
    });
    // 0: the latest version; the item stays, its older kept version still readable.
    expect((await post("/delete-item", { name, version: "0", token })).body).toMatchObject({
      version: 3,
    });
    expect((await post("/get-secret-value", { names: [name], token })).status).toBe(404);
    expect((await post("/get-secret-value", { names: [name], version: 2, token })).body).toEqual({
      [name]: "two",
    });
    // Without a version (or -1): the whole item, restorable.
    expect((await post("/delete-item", { name, token })).status).toBe(200);
    expect((await post("/describe-item", { name, token })).status).toBe(404);
  });

  it("messages name the REST body's fields, not the gRPC request's", async () => {
    const badKey = await post("/create-secret", {
      name: `/e2e/rest-terms-${rand()}`,
      value: "v",
      protection_key: "/bad key!",
      token,
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error).toMatch(/^protection_key /);
    expect(badKey.body.error).not.toMatch(/key_name/);
    const tooLong = await post("/dynamic-secret-create-postgresql", {
      name: `/e2e/rest-terms-${rand()}`,
      "postgresql-host": "127.0.0.1",
      "postgresql-username": "postgres",
      "postgresql-db-name": "postgres",
      "user-ttl": "48h",
      token,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatch(/^user-ttl \(2d\) exceeds max-ttl \(/);
    const rule = await post("/set-role-rule", {
      "role-name": "admin",
      path: "/x/*",
      capability: ["fly"],
      token,
    });
    expect(rule.status).toBe(400);
    expect(rule.body.error).not.toMatch(/rule\.capabilities|capabilities/);
  });

  it("serves an OpenAPI 3.1 document made of the same schemas, and a docs page", async () => {
    const doc = await get("/openapi.json");
    expect(doc.status).toBe(200);
    const spec = JSON.parse(doc.text) as {
      openapi: string;
      paths: Record<
        string,
        {
          post?: {
            requestBody?: {
              content: Record<string, { schema: { properties: Record<string, unknown> } }>;
            };
          };
        }
      >;
    };
    expect(spec.openapi).toBe("3.1.0");
    for (const path of ["/auth", "/get-secret-value", "/encrypt", "/dynamic-secret-create-mysql"]) {
      expect(spec.paths[path]?.post).toBeDefined();
    }
    const body = spec.paths["/get-secret-value"]?.post?.requestBody?.content["application/json"];
    expect(Object.keys(body?.schema.properties ?? {})).toContain("names");
    expect(spec.paths["/v2/auth"]).toBeUndefined();
    const docs = await get("/docs");
    expect([200, 302]).toContain(docs.status);
  });
  it("the Akeyless SDK manages roles and auth methods: a new access key reads only what its role allows", async () => {
    const folder = `e2e/rest-role-${rand()}`;
    const role = `rest-role-${rand()}`;
    await call(gw, "CreateSecret", { name: `/${folder}/a`, value: Buffer.from("A") }, admin);
    await call(gw, "CreateSecret", { name: `/${folder}-other`, value: Buffer.from("B") }, admin);
    await api.createRole(akeyless.CreateRole.constructFromObject({ name: role, token }));
    await api.setRoleRule(
      akeyless.SetRoleRule.constructFromObject({
        "role-name": role,
        path: `/${folder}/*`,
        capability: ["read", "list"],
        token,
      }),
    );
    const method = await api.createAuthMethod(
      akeyless.CreateAuthMethod.constructFromObject({ name: `rest-am-${rand()}`, token }),
    );
    expect(method.access_id).toMatch(/^p-/);
    await api.assocRoleAuthMethod(
      akeyless.AssocRoleAuthMethod.constructFromObject({
        "role-name": role,
        "am-name": method.name,
        token,
      }),
    );
    const got = await api.getRole(akeyless.GetRole.constructFromObject({ name: role, token }));
    expect(got.role_name).toBe(role);
    const listed = await api.listRoles(akeyless.ListRoles.constructFromObject({ token }));
    expect(listed.roles.map((r: { role_name: string }) => r.role_name)).toContain(role);
    const methods = await api.listAuthMethods(
      akeyless.ListAuthMethods.constructFromObject({ token }),
    );
    expect(
      methods.auth_methods.map((m: { auth_method_access_id: string }) => m.auth_method_access_id),
    ).toContain(method.access_id);
    const user = (
      await api.auth(
        akeyless.Auth.constructFromObject({
          "access-id": method.access_id,
          "access-key": method.access_key,
        }),
      )
    ).token as string;
    const read = await api.getSecretValue(
      akeyless.GetSecretValue.constructFromObject({ names: [`${folder}/a`], token: user }),
    );
    expect(read).toEqual({ [`${folder}/a`]: "A" });
    const denied = await sdkError(
      api.getSecretValue(
        akeyless.GetSecretValue.constructFromObject({ names: [`${folder}-other`], token: user }),
      ),
    );
    expect(denied.status).toBe(403);
    await api.deleteRole(akeyless.DeleteRole.constructFromObject({ name: role, token }));
    const gone = await sdkError(
      api.getRole(akeyless.GetRole.constructFromObject({ name: role, token })),
    );
    expect(gone.status).toBe(404);
  });

  it("an auth method name given with and without its leading / by two methods: assoc-role-am refuses, get-auth-method takes the exact one", async () => {
    const name = `e2e-am-${rand()}/deploy`;
    const role = `rest-role-${rand()}`;
    const plain = await post("/create-auth-method", { name, token });
    const slashed = await post("/create-auth-method", { name: `/${name}`, token });
    expect([plain.status, slashed.status]).toEqual([200, 200]);
    expect(plain.body.access_id).not.toBe(slashed.body.access_id);
    expect((await post("/create-role", { name: role, token })).status).toBe(200);
    try {
      const assoc = await post("/assoc-role-am", { "role-name": role, "am-name": name, token });
      expect(assoc.status).toBe(409);
      expect(assoc.body.error).toContain(`"${name}"`);
      expect(assoc.body.error).toContain(`"/${name}"`);
      expect(assoc.body.error).toContain("access-id");
      const role1 = await post("/get-role", { name: role, token });
      expect(JSON.stringify(role1.body)).not.toContain(String(slashed.body.access_id));
      for (const [asked, method] of [
        [name, plain],
        [`/${name}`, slashed],
      ] as const) {
        const got = await post("/get-auth-method", { name: asked, token });
        expect(got.status).toBe(200);
        expect(got.body.auth_method_access_id).toBe(method.body.access_id);
      }
      // The access id is never ambiguous.
      const byId = await post("/assoc-role-am", {
        "role-name": role,
        "access-id": plain.body.access_id,
        token,
      });
      expect(byId.status).toBe(200);
    } finally {
      await post("/delete-role", { name: role, token });
      await post("/delete-auth-method", { name, token });
      await post("/delete-auth-method", { name: `/${name}`, token });
    }
  });

  it("revoke-all revokes one dynamic secret's leases, not those of dynamic secrets nested under its name", async () => {
    const target = `e2e/rest-nest-target-${rand()}`;
    const created = await post("/target-create-db", {
      name: target,
      "db-type": "postgres",
      host: "127.0.0.1",
      port: "5432",
      "user-name": "postgres",
      pwd: "",
      "db-name": pgDb.database,
      token,
    });
    expect(created.status).toBe(200);
    const outer = `e2e/rest-nest-${rand()}`;
    const inner = `${outer}/b`;
    for (const name of [outer, inner]) {
      const ds = await post("/dynamic-secret-create-postgresql", {
        name,
        "target-name": target,
        "user-ttl": 600,
        token,
      });
      expect(ds.status).toBe(200);
    }
    const outerValue = await post("/get-dynamic-secret-value", { name: outer, token });
    const innerValue = await post("/get-dynamic-secret-value", { name: inner, token });
    expect([outerValue.status, innerValue.status]).toEqual([200, 200]);
    const outerLeases = await post("/dynamic-secret-tmp-creds-Get", { name: outer, token });
    expect((outerLeases.body as unknown as Array<{ id: string }>).map((l) => l.id)).toEqual([
      outerValue.body.id,
    ]);
    const revoked = await post("/dynamic-secret-tmp-creds-delete", {
      name: outer,
      "revoke-all": "true",
      token,
    });
    expect(revoked.body).toEqual({ queued: 1 });
    const innerLeases = await post("/dynamic-secret-tmp-creds-Get", { name: inner, token });
    expect(innerLeases.body).toEqual([
      expect.objectContaining({ id: innerValue.body.id, state: "active" }),
    ]);
    await post("/dynamic-secret-tmp-creds-delete", { name: inner, "revoke-all": "true", token });
    for (const name of [inner, outer]) {
      await waitFor(
        async () => (await post("/dynamic-secret-delete", { name, token })).status === 200,
        30_000,
        `${name} deleted after its leases were revoked`,
      );
    }
    expect((await post("/target-delete", { name: target, token })).status).toBe(200);
  });

  it("the Akeyless SDK creates a database target, a dynamic secret on it, and renews and lists its lease", async () => {
    const target = `e2e/rest-target-${rand()}`;
    await api.targetCreateDB(
      akeyless.TargetCreateDB.constructFromObject({
        name: target,
        "db-type": "postgres",
        host: "127.0.0.1",
        port: "5432",
        "user-name": "postgres",
        pwd: "",
        "db-name": pgDb.database,
        token,
      }),
    );
    const got = await post("/target-get", { name: target, token });
    expect(got.body).toMatchObject({ name: `/${target}`, type: "postgresql" });
    expect(JSON.stringify(got.body)).not.toMatch(/password/i);
    const name = `${target}-reader`;
    await api.dynamicSecretCreatePostgreSql(
      akeyless.DynamicSecretCreatePostgreSql.constructFromObject({
        name,
        "target-name": target,
        "user-ttl": 600,
        token,
      }),
    );
    const value = (await api.getDynamicSecretValue(
      akeyless.GetDynamicSecretValue.constructFromObject({ name, token }),
    )) as Record<string, string>;
    const leases = await api.dynamicSecretTmpCredsGet(
      akeyless.DynamicSecretTmpCredsGet.constructFromObject({ name, token }),
    );
    expect(leases.map((l: { id: string }) => l.id)).toEqual([value.id]);
    const renewed = await post("/dynamic-secret-tmp-creds-update", {
      name,
      "tmp-creds-id": value.id,
      "new-ttl-min": "30",
      token,
    });
    expect(renewed.status).toBe(200);
    expect(Number(renewed.body.ttl_in_minutes)).toBeGreaterThanOrEqual(29);
    const list = await post("/target-list", { token });
    expect((list.body.targets as Array<{ name: string }>).map((t) => t.name)).toContain(
      `/${target}`,
    );
    await post("/dynamic-secret-tmp-creds-delete", { name, "tmp-creds-id": value.id, token });
    await waitFor(
      async () => (await post("/dynamic-secret-delete", { name, token })).status === 200,
      30_000,
      "the dynamic secret deleted after its lease was revoked",
    );
    expect((await post("/target-delete", { name: target, token })).status).toBe(200);
  }, 120_000);

  it("the Akeyless SDK issues an SSH certificate that ssh-keygen -L reads", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kf-rest-ssh-"));
    try {
      await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "id")]);
      const publicKey = await readFile(join(dir, "id.pub"), "utf8");
      const ca = `e2e/rest-ssh-ca-${rand()}`;
      await api.createDFCKey(
        akeyless.CreateDFCKey.constructFromObject({ name: ca, alg: "ED25519", token }),
      );
      const issuer = `e2e/rest-ssh-${rand()}`;
      await api.createSSHCertIssuer(
        akeyless.CreateSSHCertIssuer.constructFromObject({
          name: issuer,
          "signer-key-name": ca,
          "allowed-users": "deploy,ops",
          ttl: 3600,
          token,
        }),
      );
      const cert = await api.getSSHCertificate(
        akeyless.GetSSHCertificate.constructFromObject({
          "cert-issuer-name": issuer,
          "cert-username": "deploy",
          "public-key-data": publicKey,
          ttl: 600,
          token,
        }),
      );
      await writeFile(join(dir, "id-cert.pub"), cert.data);
      const { stdout } = await run("ssh-keygen", ["-L", "-f", join(dir, "id-cert.pub")]);
      expect(stdout).toMatch(/Type: ssh-ed25519-cert-v01@openssh.com user certificate/);
      expect(stdout).toMatch(/Principals:\s+deploy/);
      const outside = await sdkError(
        api.getSSHCertificate(
          akeyless.GetSSHCertificate.constructFromObject({
            "cert-issuer-name": issuer,
            "cert-username": "root",
            "public-key-data": publicKey,
            token,
          }),
        ),
      );
      // As over gRPC: a principal the issuer does not allow is a bad request.
      expect(outside.status).toBe(400);
      expect(outside.error).toMatch(/root/);
      // Until the issuer allows it. Its key signs for a dynamic secret: changing what it signs
      // takes a rule naming the key, even for the admin (as creating it did).
      await post("/set-role-rule", {
        "role-name": "admin",
        path: `/${ca}`,
        capability: ["sign", "read"],
        token,
      });
      const widened = await post("/update-ssh-cert-issuer", {
        name: issuer,
        "signer-key-name": ca,
        "allowed-users": "deploy,ops,root",
        ttl: 3600,
        token,
      });
      expect(widened.status).toBe(200);
      expect(widened.body.allowed_users).toEqual(["deploy", "ops", "root"]);
      const rootCert = await post("/get-ssh-certificate", {
        "cert-issuer-name": issuer,
        "cert-username": "root",
        "public-key-data": publicKey,
        token,
      });
      expect(rootCert.status).toBe(200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("keyfrag's own operations answer over REST: sign, verify, public key, validate-token, permissions, audit, cluster status", async () => {
    const key = `e2e/rest-ed-${rand()}`;
    expect((await post("/create-dfc-key", { name: key, alg: "ED25519", token })).status).toBe(200);
    const data = Buffer.from("signed over REST").toString("base64");
    const signed = await post("/sign", { "key-name": key, data, token });
    expect(signed.status).toBe(200);
    const verified = await post("/verify", {
      "key-name": key,
      data,
      signature: signed.body.signature,
      token,
    });
    expect(verified.body).toEqual({ valid: true });
    const pub = await post("/get-public-key", { "key-name": key, token });
    expect(pub.body.public_key_pem).toMatch(/BEGIN PUBLIC KEY/);
    const grpcPub = await call(gw, "GetPublicKey", { key_name: `/${key}` }, admin);
    expect(pub.body.public_key).toBe(Buffer.from(grpcPub.public_key).toString("base64"));
    const valid = await post("/validate-token", { token });
    expect(valid.body).toMatchObject({ is_valid: true });
    const perms = await post("/describe-permissions", { token });
    expect(Array.isArray(perms.body.roles)).toBe(true);
    const status = await post("/cluster-status", { token });
    expect(status.status).toBe(200);
    await waitFor(
      async () => {
        const events = await post("/get-audit-events", {
          path: `/${key}`,
          action: "gateway.sign",
          token,
        });
        return ((events.body.records as unknown[] | undefined) ?? []).length > 0;
      },
      15_000,
      "the REST sign audited",
    );
  });

  /** A role reading `/${folder}/*`, associated with the auth method `accessId` (over REST). */
  const readerRole = async (folder: string, accessId: string) => {
    const role = `rest-reader-${rand()}`;
    expect((await post("/create-role", { name: role, token })).status).toBe(200);
    const rule = await post("/set-role-rule", {
      "role-name": role,
      path: `/${folder}/*`,
      capability: ["read"],
      token,
    });
    expect(rule.status).toBe(200);
    const assoc = await post("/assoc-role-am", { "role-name": role, "access-id": accessId, token });
    expect(assoc.status).toBe(200);
    return role;
  };

  it("logs in by JWT (OAuth2/OIDC), Kubernetes service-account token and client certificate, with methods created over REST", async () => {
    const folder = `e2e/rest-logins-${rand()}`;
    await call(gw, "CreateSecret", { name: `/${folder}/s`, value: Buffer.from("L") }, admin);
    const canRead = async (userToken: string) =>
      (await post("/get-secret-value", { names: [`${folder}/s`], token: userToken })).body;

    // A JWT issuer: its keys inline as a JWKS (Akeyless' jwks-json-data, base64).
    const ci = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(ci.publicKey)), kid: "ci-1", alg: "RS256" };
    const oauth = await api.createAuthMethodOAuth2(
      akeyless.CreateAuthMethodOAuth2.constructFromObject({
        name: `rest-oauth-${rand()}`,
        "unique-identifier": "sub",
        issuer: "https://ci.example.test",
        "jwks-json-data": Buffer.from(JSON.stringify({ keys: [jwk] })).toString("base64"),
        audience: "keyfrag",
        token,
      }),
    );
    await readerRole(folder, oauth.access_id);
    const jobJwt = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: "ci-1" })
      .setIssuer("https://ci.example.test")
      .setAudience("keyfrag")
      .setSubject("job-42")
      .setExpirationTime("5m")
      .sign(ci.privateKey);
    const job = await post("/auth", {
      "access-type": "jwt",
      "access-id": oauth.access_id,
      jwt: jobJwt,
    });
    expect(job.status).toBe(200);
    expect(await canRead(String(job.body.token))).toEqual({ [`${folder}/s`]: "L" });
    const oidc = await post("/auth", {
      "access-type": "oidc",
      "access-id": oauth.access_id,
      jwt: jobJwt,
    });
    expect(oidc.status).toBe(200);
    const otherIssuer = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: "ci-1" })
      .setIssuer("https://elsewhere.test")
      .setAudience("keyfrag")
      .setSubject("job-42")
      .setExpirationTime("5m")
      .sign(ci.privateKey);
    const refused = await post("/auth", {
      "access-type": "jwt",
      "access-id": oauth.access_id,
      jwt: otherIssuer,
    });
    expect(refused.status).toBe(401);

    // Kubernetes: service-account tokens of the cluster's issuer, one namespace and account.
    const cluster = await generateKeyPair("ES256");
    const k8s = await post("/create-auth-method-k8s", {
      name: `rest-k8s-${rand()}`,
      issuer: "https://kubernetes.default.svc",
      "public-key": await exportSPKI(cluster.publicKey),
      audience: "keyfrag",
      "bound-namespaces": ["apps"],
      "bound-sa-names": "web",
      token,
    });
    expect(k8s.status).toBe(200);
    await readerRole(folder, String(k8s.body.access_id));
    const saToken = (namespace: string) =>
      new SignJWT({
        "kubernetes.io": { namespace, serviceaccount: { name: "web", uid: "u-1" } },
      })
        .setProtectedHeader({ alg: "ES256" })
        .setIssuer("https://kubernetes.default.svc")
        .setAudience("keyfrag")
        .setSubject(`system:serviceaccount:${namespace}:web`)
        .setExpirationTime("5m")
        .sign(cluster.privateKey);
    const pod = await post("/auth", {
      "access-type": "k8s",
      "access-id": k8s.body.access_id,
      "k8s-service-account-token": await saToken("apps"),
      "k8s-auth-config-name": "ignored",
    });
    expect(pod.status).toBe(200);
    expect(await canRead(String(pod.body.token))).toEqual({ [`${folder}/s`]: "L" });
    const elsewhere = await post("/auth", {
      "access-type": "k8s",
      "access-id": k8s.body.access_id,
      "k8s-service-account-token": await saToken("default"),
    });
    expect(elsewhere.status).toBe(401);

    // A client certificate of the cluster CA, presented on the REST listener's TLS handshake.
    const files = await full.env.pki.certFiles("client", `rest-user-${rand()}`);
    const cert = await api.createAuthMethodCert(
      akeyless.CreateAuthMethodCert.constructFromObject({
        name: `rest-cert-${rand()}`,
        "unique-identifier": "common_name",
        "certificate-data": (await readFile(files.ca)).toString("base64"),
        token,
      }),
    );
    await readerRole(folder, cert.access_id);
    const withCert = new Agent({
      ca: await readFile(files.ca),
      cert: await readFile(files.cert),
      key: await readFile(files.key),
    });
    try {
      const user = await post(
        "/auth",
        { "access-type": "cert", "access-id": cert.access_id },
        {},
        withCert,
      );
      expect(user.status).toBe(200);
      expect(await canRead(String(user.body.token))).toEqual({ [`${folder}/s`]: "L" });
    } finally {
      withCert.destroy();
    }
    // Without a certificate on the connection there is nothing to log in with.
    const none = await post("/auth", { "access-type": "cert", "access-id": cert.access_id });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/no verified client certificate/);
  }, 60_000);

  it("Redis and custom (webhook) dynamic secrets over REST: credentials work, updates apply to new ones", async () => {
    const redis = await testRedis();
    const hook = await startCustomProducerWebhook();
    try {
      const url = new URL(redis.url);
      const name = `e2e/rest-redis-${rand()}`;
      const created = await api.dynamicSecretCreateRedis(
        akeyless.DynamicSecretCreateRedis.constructFromObject({
          name,
          host: url.hostname,
          port: url.port || "6379",
          "acl-rules": `~${redis.prefix}* +get +ping`,
          "user-ttl": "10m",
          token,
        }),
      );
      expect(created.dynamic_secret_details?.acl_rules).toContain("+get");
      await redis.client.set(redis.key("k"), "v");
      const login = async (cred: Record<string, unknown>) => {
        const user = new Redis(redis.url, {
          username: String(cred.user),
          password: String(cred.password),
          lazyConnect: true,
          enableReadyCheck: false,
          retryStrategy: () => null,
          maxRetriesPerRequest: 0,
        });
        await user.connect();
        return user;
      };
      const first = await post("/get-dynamic-secret-value", { name, token });
      expect(first.status).toBe(200);
      const reader = await login(first.body);
      expect(await reader.get(redis.key("k"))).toBe("v");
      await expect(reader.set(redis.key("k"), "w")).rejects.toThrow(/NOPERM/);
      reader.disconnect();
      const updated = await post("/dynamic-secret-update-redis", {
        name,
        "acl-rules": [`~${redis.prefix}*`, "+get", "+set", "+ping"],
        token,
      });
      expect(updated.status).toBe(200);
      const second = await post("/get-dynamic-secret-value", { name, token });
      const writer = await login(second.body);
      expect(await writer.set(redis.key("k"), "w")).toBe("OK");
      writer.disconnect();
      const revoked = await post("/dynamic-secret-tmp-creds-delete", {
        name,
        "revoke-all": true,
        token,
      });
      expect(revoked.body).toEqual({ queued: 2 });
      await waitFor(
        async () => (await post("/dynamic-secret-delete", { name, token })).status === 200,
        30_000,
        "the Redis dynamic secret deleted after its leases were revoked",
      );

      const custom = `e2e/rest-custom-${rand()}`;
      // Its body is optional in Akeyless' document: the generated client takes it in opts.
      const createdCustom = await api.dynamicSecretCreateCustom({
        dynamicSecretCreateCustom: akeyless.DynamicSecretCreateCustom.constructFromObject({
          name: custom,
          "create-sync-url": hook.createUrl,
          "revoke-sync-url": hook.revokeUrl,
          payload: "webhook-admin-secret",
          "user-ttl": "15m",
          token,
        }),
      });
      expect(createdCustom.dynamic_secret_details).toMatchObject({
        dynamic_secret_type: "custom",
        create_sync_url: hook.createUrl,
        user_ttl: "15m",
      });
      const issued = await post("/get-dynamic-secret-value", {
        name: custom,
        args: ["blue"],
        token,
      });
      expect(issued.status).toBe(200);
      expect(hook.users.size).toBe(1);
      expect(hook.calls.find((c) => c.path === "/create")?.body).toMatchObject({
        payload: "webhook-admin-secret",
      });
      // An update as Akeyless clients send it: the URLs again, and what changes.
      const longer = await post("/dynamic-secret-update-custom", {
        name: custom,
        "create-sync-url": hook.createUrl,
        "revoke-sync-url": hook.revokeUrl,
        payload: "new-admin-secret",
        "user-ttl": "2h",
        description: "webhook users",
        token,
      });
      expect(longer.status).toBe(200);
      expect(longer.body).toMatchObject({ user_ttl_seconds: 7200, description: "webhook users" });
      expect(JSON.stringify(longer.body)).not.toContain("new-admin-secret");
      const renewedPayload = await post("/get-dynamic-secret-value", { name: custom, token });
      expect(Number(renewedPayload.body.ttl_in_minutes)).toBeGreaterThanOrEqual(119);
      expect(hook.calls.filter((c) => c.path === "/create").at(-1)?.body).toMatchObject({
        payload: "new-admin-secret",
      });
      await post("/dynamic-secret-tmp-creds-delete", {
        name: custom,
        "tmp-creds-id": renewedPayload.body.id,
        token,
      });
      const revokedCustom = await post("/dynamic-secret-tmp-creds-delete", {
        name: custom,
        "tmp-creds-id": issued.body.id,
        token,
      });
      expect(revokedCustom.body).toMatchObject({ state: "revoked" });
      expect(hook.users.size).toBe(0);
      expect((await post("/dynamic-secret-delete", { name: custom, token })).status).toBe(200);
    } finally {
      await hook[Symbol.asyncDispose]();
      await redis[Symbol.asyncDispose]();
    }
  }, 90_000);

  it("updates targets and dynamic secrets (target-update-db, update-target, dynamic-secret-update-postgresql), deletes a role's rule, verifies the audit chain", async () => {
    // A dynamic secret with inline connection details: its private target follows its updates.
    const name = `e2e/rest-upd-${rand()}`;
    await api.dynamicSecretCreatePostgreSql(
      akeyless.DynamicSecretCreatePostgreSql.constructFromObject({
        name,
        "postgresql-host": "127.0.0.1",
        "postgresql-port": "5432",
        "postgresql-username": "postgres",
        "postgresql-db-name": "postgres",
        "user-ttl": "10m",
        token,
      }),
    );
    const grant = `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' CONNECTION LIMIT 2;`;
    const updated = await api.dynamicSecretUpdatePostgreSql(
      akeyless.DynamicSecretUpdatePostgreSql.constructFromObject({
        name,
        "postgresql-db-name": pgDb.database,
        "creation-statements": grant,
        "user-ttl": "30m",
        token,
      }),
    );
    // What the generated client keeps of the answer: Akeyless' DSProducerDetails fields.
    expect(updated.dynamic_secret_details).toMatchObject({
      user_ttl: "30m",
      postgres_creation_statements: grant,
    });
    expect((await post("/dynamic-secret-get", { name, token })).body).toMatchObject({
      user_ttl_seconds: 1800,
      creation_statements: [grant],
    });
    const privateTarget = await post("/target-get", { name: `${name}.target`, token });
    expect(privateTarget.body.connection).toMatchObject({ database: pgDb.database });
    const value = await post("/get-dynamic-secret-value", { name, token });
    expect(Number(value.body.ttl_in_minutes)).toBeGreaterThanOrEqual(29);
    const client = new pg.Client({
      host: "127.0.0.1",
      port: 5432,
      database: pgDb.database,
      user: String(value.body.user),
      password: String(value.body.password),
      connectionTimeoutMillis: 5_000,
    });
    await client.connect();
    // Made by the updated statements.
    const limit = await client.query(
      "SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user",
    );
    expect(limit.rows[0]?.rolconnlimit).toBe(2);
    await client.end();
    // What an update cannot change is refused, naming the field.
    for (const [path, extra, field] of [
      ["/dynamic-secret-update-mysql", {}, /postgresql dynamic secret/],
      ["/dynamic-secret-update-postgresql", { "new-name": `${name}-2` }, /new-name/],
      ["/dynamic-secret-update-postgresql", { "target-name": "other" }, /target-name/],
    ] as const) {
      const res = await post(path, { name, ...extra, token });
      expect(res.status, path).toBe(400);
      expect(res.body.error).toMatch(field);
    }
    await post("/dynamic-secret-tmp-creds-delete", { name, "revoke-all": "true", token });
    await waitFor(
      async () => (await post("/dynamic-secret-delete", { name, token })).status === 200,
      30_000,
      "the dynamic secret deleted after its lease was revoked",
    );

    // A shared target: its settings and description.
    const target = `e2e/rest-upd-target-${rand()}`;
    expect(
      (
        await post("/target-create-db", {
          name: target,
          "db-type": "postgres",
          host: "127.0.0.1",
          "user-name": "postgres",
          "db-name": "postgres",
          token,
        })
      ).status,
    ).toBe(200);
    await api.targetUpdateDB(
      akeyless.TargetUpdateDB.constructFromObject({
        name: target,
        "db-type": "postgres",
        "connection-type": "credentials",
        port: "5432",
        "db-name": pgDb.database,
        pwd: "new-admin-password",
        token,
      }),
    );
    const described = await post("/update-target", {
      name: target,
      "new-comment": "reporting",
      token,
    });
    expect(described.body).toEqual({ updated: true });
    const got = await post("/target-get", { name: target, token });
    expect(got.body).toMatchObject({
      description: "reporting",
      connection: { host: "127.0.0.1", port: "5432", database: pgDb.database },
    });
    expect(JSON.stringify(got.body)).not.toContain("new-admin-password");
    const wrongType = await post("/target-update-db", { name: target, "db-type": "mysql", token });
    expect(wrongType.status).toBe(400);
    expect((await post("/target-delete", { name: target, token })).status).toBe(200);

    // delete-role-rule: the rule is gone, the role stays.
    const role = `rest-rules-${rand()}`;
    await post("/create-role", { name: role, token });
    await post("/set-role-rule", { "role-name": role, path: "/a/*", capability: "read", token });
    await post("/set-role-rule", { "role-name": role, path: "/b/*", capability: "read", token });
    const afterDelete = await api.deleteRoleRule(
      akeyless.DeleteRoleRule.constructFromObject({ "role-name": role, path: "/a/*", token }),
    );
    expect(afterDelete.deleted).toBe(true);
    const rules = (await call(gw, "GetRole", { name: role }, admin)).rules.map((r) => r.path);
    expect(rules).toEqual(["/b/*"]);
    const again = await post("/delete-role-rule", { "role-name": role, path: "/a/*", token });
    expect(again.status).toBe(404);
    await post("/delete-role", { name: role, token });

    // The audit chain, as over gRPC.
    const chain = await post("/verify-audit-chain", { token });
    expect(chain.status).toBe(200);
    expect(chain.body).toMatchObject({ ok: true, broken_seq: "0", problem: "" });
    expect(Number(chain.body.records)).toBeGreaterThan(0);
  }, 120_000);

  it("binary secret values and plaintexts round-trip (base64 on the wire, never mangled into text)", async () => {
    const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x41]);
    const fromGrpc = `/e2e/rest-bin-${rand()}`;
    await call(gw, "CreateSecret", { name: fromGrpc, value: bytes }, admin);
    const asText = await post("/get-secret-value", { names: [fromGrpc], token });
    expect(asText.status).toBe(400);
    expect(asText.body.error).toMatch(/not UTF-8.*output-format/);
    const asBase64 = await post("/get-secret-value", {
      names: [fromGrpc],
      "output-format": "base64",
      token,
    });
    expect(asBase64.body).toEqual({ [fromGrpc]: bytes.toString("base64") });
    const fromRest = `/e2e/rest-bin-${rand()}`;
    const created = await post("/create-secret", {
      name: fromRest,
      value: bytes.toString("base64"),
      "input-format": "base64",
      token,
    });
    expect(created.status).toBe(200);
    const read = await call(gw, "GetSecretValue", { names: [fromRest] }, admin);
    expect(Buffer.from(read.values[0]?.value ?? [])).toEqual(bytes);
    const next = Buffer.from([0x00, 0x01, 0xc3]);
    await post("/update-secret-val", {
      name: fromRest,
      value: next.toString("base64"),
      "input-format": "base64",
      token,
    });
    const reread = await post("/get-secret-value", {
      names: [fromRest],
      "output-format": "base64",
      token,
    });
    expect(reread.body).toEqual({ [fromRest]: next.toString("base64") });
    // Text keeps working as text, whatever it holds.
    const text = `/e2e/rest-text-${rand()}`;
    await post("/create-secret", { name: text, value: "zürich\u0000✓", token });
    expect((await post("/get-secret-value", { names: [text], token })).body).toEqual({
      [text]: "zürich\u0000✓",
    });

    const key = `e2e/rest-bin-key-${rand()}`;
    await post("/create-dfc-key", { name: key, alg: "AES128GCM", token });
    const enc = await post("/encrypt", {
      "key-name": key,
      plaintext: bytes.toString("base64"),
      "input-format": "base64",
      token,
    });
    const plainText = await post("/decrypt", {
      "key-name": key,
      ciphertext: enc.body.result,
      token,
    });
    expect(plainText.status).toBe(400);
    const plain64 = await post("/decrypt", {
      "key-name": key,
      ciphertext: enc.body.result,
      "output-format": "base64",
      token,
    });
    expect(plain64.body).toEqual({ result: bytes.toString("base64") });
  });

  it("every operation: no, an expired or a forged token is 401, bad JSON or a wrong type or an oversized body 400, a caller without rights 403 and audited; the gateway keeps serving", async () => {
    const spec = JSON.parse((await get("/openapi.json")).text) as {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { schema: JsonSchema }> } } }
      >;
    };
    const operations = Object.entries(spec.paths)
      .map(([path, item]) => ({
        path,
        schema: item.post.requestBody.content["application/json"]?.schema as JsonSchema,
      }))
      // Last: it logs the caller without rights out.
      .sort((x, y) => Number(x.path === "/revoke-creds") - Number(y.path === "/revoke-creds"));
    expect(operations.length).toBeGreaterThanOrEqual(50);
    // A user with no role at all.
    const method = await post("/create-auth-method", { name: `rest-nobody-${rand()}`, token });
    const nobody = String(
      (
        await post("/auth", {
          "access-id": method.body.access_id,
          "access-key": method.body.access_key,
        })
      ).body.token,
    );
    const forged = `${token.slice(0, -4)}AAAA`;
    // A token that has expired: from a method whose tokens live one second.
    const brief = await call(
      gw,
      "CreateAuthMethod",
      { name: `rest-brief-all-${rand()}`, access_key: {}, token_ttl_seconds: 1 },
      admin,
    );
    const expired = String(
      (
        await post("/auth", {
          "access-id": brief.method?.access_id,
          "access-key": brief.access_key,
        })
      ).body.token,
    );
    await waitFor(
      async () => (await post("/validate-token", { token: expired })).status === 401,
      5_000,
      "the one-second token expired",
    );
    const huge = "x".repeat(1_100_000);
    let denials = 0;
    for (const { path, schema } of operations) {
      const body = sample(schema) as Record<string, unknown>;
      const seen = (what: string, a: Answer) =>
        `${path} ${what}: ${a.status} ${JSON.stringify(a.body)}`;
      if (path !== "/auth") {
        const none = await post(path, body);
        expect(seen("no token", none)).toBe(seen("no token", { ...none, status: 401 }));
        const bad = await post(path, { ...body, token: forged });
        expect(seen("forged token", bad)).toBe(seen("forged token", { ...bad, status: 401 }));
        const old = await post(path, { ...body, token: expired });
        expect(seen("expired token", old)).toBe(seen("expired token", { ...old, status: 401 }));
        const weak = await post(path, { ...body, token: nobody });
        expect(weak.status, seen("no rights", weak)).not.toBe(401);
        expect(weak.status, seen("no rights", weak)).toBeLessThan(500);
        if (weak.status === 403) denials++;
      }
      expect((await post(path, '{"token": ')).status, `${path} malformed JSON`).toBe(400);
      const wrong = await post(path, { ...body, token: 5 });
      expect(wrong.status, seen("wrong type", wrong)).toBe(400);
      expect(String(wrong.body.error)).toMatch(/token/);
      expect((await post(path, { ...body, padding: huge })).status, `${path} oversized`).toBe(400);
    }
    expect(denials).toBeGreaterThanOrEqual(20);
    // Every denial is in the audit trail, under the caller that was denied.
    await waitFor(
      async () => {
        const events = await call(
          gw,
          "GetAuditEvents",
          { actor: String(method.body.access_id), result: "denied", page_size: 1000 },
          admin,
        );
        return events.records.length >= denials;
      },
      15_000,
      "every denial audited",
    );
    // Still serving.
    const name = `/e2e/rest-after-${rand()}`;
    expect((await post("/create-secret", { name, value: "still here", token })).status).toBe(200);
    expect((await post("/get-secret-value", { names: [name], token })).body).toEqual({
      [name]: "still here",
    });
  }, 180_000);
});
