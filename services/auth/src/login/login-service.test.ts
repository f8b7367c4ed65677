import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { MAX_TOKEN_LENGTH } from "@keyfrag/auth-client";
import {
  type AuditEvent,
  auditMessageEvents,
  auditStreamName,
  connectBus,
  createAuditEmitter,
  type NatsConnection,
} from "@keyfrag/bus";
import { type CreateAuthMethodRequest__Output, createDevCa, issueCertificate } from "@keyfrag/rpc";
import { testNats, testRedis } from "@keyfrag/test-support";
import type { Redis } from "ioredis";
import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthService, createAuthService } from "../auth-service.js";
import { createFailureLimiter } from "./failure-limiter.js";
import { createJwtLogin, type JwtLoginOptions } from "./jwt-login.js";
import { boundSubClaims } from "./login-claims.js";
import { type Credential, createLoginService } from "./login-service.js";

const execFileAsync = promisify(execFile);
const AUDIT_KEY = new Uint8Array(32).fill(7);
const ISSUER = "https://ci.example";
const AUDIENCE = "keyfrag-test";

let redisH: Awaited<ReturnType<typeof testRedis>>;
let natsH: Awaited<ReturnType<typeof testNats>>;
let cluster: string;
let auth: AuthService;
let jwksServer: Server;
let jwksUrl: string;
let jwksFetches = 0;
let served: { keys: JWK[] } = { keys: [] };
let dir: string;

function service(
  redis: Redis,
  nc: NatsConnection,
  prefix: string,
  maxFailures = 3,
  jwt: JwtLoginOptions = { jwksCooldownMs: 50 },
) {
  return createAuthService({
    redis,
    nc,
    audit: createAuditEmitter({ nc, prefix: cluster, service: "auth", auditKey: AUDIT_KEY }),
    logger: { error: () => {} },
    settings: {
      redisPrefix: prefix,
      cluster,
      issuer: "keyfrag",
      defaultTtlSeconds: 900,
      maxTtlSeconds: 3600,
      keyRotationMs: 3_600_000,
      maxLoginFailures: maxFailures,
      loginFailureWindowMs: 60_000,
      jwt,
    },
  });
}

beforeAll(async () => {
  redisH = await testRedis();
  natsH = await testNats();
  cluster = natsH.name("auth");
  auth = service(redisH.client, natsH.nc, `${redisH.prefix}auth`);
  await auth.start();
  jwksServer = createServer((_req, res) => {
    jwksFetches++;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(served));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
  dir = await mkdtemp(join(tmpdir(), "kf-auth-login-"));
});

afterAll(async () => {
  auth?.stop();
  jwksServer?.close();
  await rm(dir, { recursive: true, force: true });
  await natsH?.[Symbol.asyncDispose]();
  await redisH?.[Symbol.asyncDispose]();
});

const ctx = { caller: "gateway:test" };

function request(
  name: string,
  method: Partial<CreateAuthMethodRequest__Output>,
): CreateAuthMethodRequest__Output {
  return { name, description: "", token_ttl_seconds: 0, ...method };
}

const jwtConfig = (over: Record<string, unknown> = {}) => ({
  issuer: ISSUER,
  jwks_url: jwksUrl,
  public_keys: [],
  audiences: [AUDIENCE],
  required_claims: {},
  unique_identifier: "",
  bound_cidrs: [],
  ...over,
});

/** A Kubernetes method's TokenReview settings when it has none. */
const NO_REVIEW = { token_review_url: "", token_review_ca: "", max_token_age_seconds: 0 };

const login = (
  accessId: string,
  credential: Credential,
  sourceAddress = "10.0.0.5",
  callerRole = "gateway" as const,
) => auth.login.authenticate({ accessId, credential, sourceAddress, callerRole });

async function auditEvents(): Promise<AuditEvent[]> {
  const name = auditStreamName(cluster);
  const info = await natsH.jsm.streams.info(name);
  const events: AuditEvent[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const msg = await natsH.jsm.streams.getMessage(name, { seq });
    if (msg) events.push(...(auditMessageEvents(msg.data) as AuditEvent[]));
  }
  return events;
}

async function lastAuditEvent(): Promise<AuditEvent | undefined> {
  const name = auditStreamName(cluster);
  const info = await natsH.jsm.streams.info(name);
  const msg = await natsH.jsm.streams.getMessage(name, { seq: info.state.last_seq });
  return msg ? (auditMessageEvents(msg.data).at(-1) as AuditEvent) : undefined;
}

/** Reasons the caller is told; every other refusal is just "authentication failed". */
const TOLD = new Set(["token expired", "client certificate expired or not yet valid"]);

/** The login is refused with the generic answer, and the audit event says why. */
async function denied(attempt: Promise<unknown>, reason: string): Promise<void> {
  await expect(attempt).rejects.toThrow(
    TOLD.has(reason) ? `authentication failed: ${reason}` : /^authentication failed$/,
  );
  const event = await lastAuditEvent();
  expect(event).toMatchObject({ action: "auth.authenticate", result: "denied" });
  expect(event?.reason).toContain(reason);
}

async function rsaKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { privateKey, publicKey, jwk, kid };
}

type Signer = Awaited<ReturnType<typeof rsaKey>>;

function sign(
  key: Signer,
  claims: Record<string, unknown>,
  over: { iss?: string; aud?: string; exp?: number } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: key.kid })
    .setIssuer(over.iss ?? ISSUER)
    .setAudience(over.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(over.exp ?? Math.floor(Date.now() / 1000) + 300)
    .sign(key.privateKey);
}

describe("access-key logins", () => {
  it("accepts the key, refuses a wrong one and a source outside bound_cidrs, stores no key", async () => {
    const { method, accessKey } = await auth.methods.create(
      request("team/ci-key", {
        method: "access_key",
        access_key: { bound_cidrs: ["10.0.0.0/24", "2001:db8::/32"] },
      }),
      ctx,
    );
    expect(accessKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(method.accessId).toMatch(/^p-[a-z0-9]{12,16}$/);
    const raw = await redisH.client.get(`${redisH.prefix}auth:method:${method.accessId}`);
    expect(raw).not.toContain(accessKey);

    const ok = await login(method.accessId, { kind: "access_key", value: accessKey ?? "" });
    expect(ok.method.name).toBe("team/ci-key");
    expect(ok.expiresAtMs).toBeGreaterThan(Date.now() + 800_000);

    await expect(login(method.accessId, { kind: "access_key", value: "wrong" })).rejects.toThrow(
      /^authentication failed$/,
    );
    await expect(
      login(method.accessId, { kind: "access_key", value: accessKey ?? "" }, "192.168.1.1"),
    ).rejects.toThrow(/^authentication failed$/);
    // Unknown access ids answer exactly like wrong keys.
    await expect(login("p-zzzzzzzzzzzzzz", { kind: "access_key", value: "x" })).rejects.toThrow(
      /^authentication failed$/,
    );
    const ipv6 = await login(
      method.accessId,
      { kind: "access_key", value: accessKey ?? "" },
      "2001:db8::1",
    );
    expect(ipv6.token).toBeTruthy();

    const events = await auditEvents();
    const mine = events.filter((e) => e.actor.accessId === method.accessId);
    expect(mine.map((e) => e.result)).toEqual(["allowed", "denied", "denied", "allowed"]);
    expect(mine[2]?.reason).toMatch(/bound_cidrs/);
    expect(mine[0]?.actor.sourceAddress).toBe("10.0.0.5");
    expect(JSON.stringify(events)).not.toContain(accessKey);
    expect(events.some((e) => e.action === "auth.method.create" && e.path === "team/ci-key")).toBe(
      true,
    );
  });

  it("rejects bad definitions with messages naming the field, and duplicates", async () => {
    const bad: [Partial<CreateAuthMethodRequest__Output>, RegExp][] = [
      [
        { method: "access_key", access_key: { bound_cidrs: ["10.0.0.0/33"] } },
        /access_key\.bound_cidrs/,
      ],
      [{ method: "jwt", jwt: jwtConfig({ audiences: [] }) }, /jwt\.audiences/],
      [{ method: "jwt", jwt: jwtConfig({ jwks_url: "ftp://x" }) }, /jwt\.jwks_url/],
      [{ method: "jwt", jwt: jwtConfig({ jwks_url: "http://idp.example/jwks" }) }, /https/],
      [{ method: "jwt", jwt: jwtConfig({ jwks_url: "http://10.0.0.1/jwks" }) }, /https/],
      [
        {
          method: "jwt",
          jwt: jwtConfig({
            jwks_url: "",
            public_keys: [
              generateKeyPairSync("ed25519")
                .privateKey.export({ format: "pem", type: "pkcs8" })
                .toString(),
            ],
          }),
        },
        /private key/,
      ],
      [
        {
          method: "jwt",
          jwt: jwtConfig({
            jwks_url: "",
            public_keys: [
              JSON.stringify(generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" })),
            ],
          }),
        },
        /private or symmetric key/,
      ],
      [
        { method: "jwt", jwt: jwtConfig({ jwks_url: "", public_keys: ["nope"] }) },
        /jwt\.public_keys\[0\]/,
      ],
      [{ method: "jwt", jwt: jwtConfig({ issuer: "" }) }, /jwt\.issuer/],
      [
        {
          method: "kubernetes",
          kubernetes: {
            ...jwtConfig(),
            ...NO_REVIEW,
            bound_namespaces: [""],
            bound_service_accounts: [],
          },
        },
        /kubernetes\.bound_namespaces/,
      ],
      [
        {
          method: "certificate",
          certificate: { ca_certificates: "junk", bound_common_names: [], bound_cidrs: [] },
        },
        /certificate\.ca_certificates/,
      ],
      [{}, /one of access_key, jwt, kubernetes or certificate/],
    ];
    for (const [method, message] of bad) {
      await expect(auth.methods.create(request("bad", method), ctx)).rejects.toMatchObject({
        code: "invalid-argument",
        message: expect.stringMatching(message),
      });
    }
    await expect(
      auth.methods.create(request("../x", { method: "access_key" }), ctx),
    ).rejects.toMatchObject({ code: "invalid-argument", message: expect.stringMatching(/^name/) });
    await auth.methods.create(request("dup", { method: "access_key" }), ctx);
    await expect(
      auth.methods.create(request("dup", { method: "access_key" }), ctx),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("lists in pages and deletes by name or access id", async () => {
    for (const n of ["page/a", "page/b", "page/c"]) {
      await auth.methods.create(request(n, { method: "access_key" }), ctx);
    }
    const names: string[] = [];
    let token = "";
    do {
      const page = await auth.methods.list(2, token);
      names.push(...page.methods.map((m) => m.name));
      token = page.nextPageToken;
    } while (token);
    expect(names).toEqual(expect.arrayContaining(["page/a", "page/b", "page/c"]));
    const b = await auth.methods.get({ name: "page/b", access_id: "" });
    expect((await auth.methods.get({ name: "", access_id: b.accessId })).name).toBe("page/b");
    await auth.methods.delete({ name: "page/b", access_id: "" }, ctx);
    await expect(auth.methods.get({ name: "page/b", access_id: "" })).rejects.toMatchObject({
      code: "not-found",
    });
  });
});

describe("JWT/OIDC logins", () => {
  it("verifies against a JWKS URL, follows key rotation, and enforces claims", async () => {
    const first = await rsaKey("k1");
    served = { keys: [first.jwk] };
    const { method } = await auth.methods.create(
      request("ci/jwt", {
        method: "jwt",
        jwt: jwtConfig({
          required_claims: { project_path: { values: ["acme/web"] }, groups: { values: ["dev"] } },
          unique_identifier: "project_path",
        }),
      }),
      ctx,
    );
    const claims = {
      sub: "job-1",
      project_path: "acme/web",
      groups: ["ops", "dev"],
      n: 3,
      nested: { x: 1 },
    };
    const ok = await login(method.accessId, { kind: "jwt", value: await sign(first, claims) });
    expect(ok.subClaims).toEqual({
      sub: ["job-1"],
      project_path: ["acme/web"],
      groups: ["ops", "dev"],
      n: ["3"],
    });
    await denied(
      login(method.accessId, {
        kind: "jwt",
        value: await sign(first, { ...claims, project_path: "acme/api" }),
      }),
      "claim project_path not allowed",
    );
    await denied(
      login(method.accessId, {
        kind: "jwt",
        value: await sign(first, { ...claims, groups: ["ops"] }),
      }),
      "claim groups not allowed",
    );

    // Rotation: the issuer replaces k1 by k2.
    const second = await rsaKey("k2");
    served = { keys: [second.jwk] };
    const oldToken = await sign(first, claims);
    await new Promise((r) => setTimeout(r, 60)); // jose's refetch cooldown in this test
    const fetchesBefore = jwksFetches;
    const rotated = await login(method.accessId, {
      kind: "jwt",
      value: await sign(second, claims),
    });
    expect(rotated.token).toBeTruthy();
    expect(jwksFetches).toBe(fetchesBefore + 1);
    await new Promise((r) => setTimeout(r, 60));
    await denied(
      login(method.accessId, { kind: "jwt", value: oldToken }),
      "token signed by an unknown key",
    );
  });

  it("refuses expired, foreign, unsigned, HS256-confused and tampered tokens", async () => {
    const key = await rsaKey("only");
    const spki = await exportSPKI(key.publicKey);
    const { method } = await auth.methods.create(
      request("ci/inline", {
        method: "jwt",
        jwt: jwtConfig({ jwks_url: "", public_keys: [spki] }),
      }),
      ctx,
    );
    const id = method.accessId;
    const good = await sign(key, { sub: "a" });
    expect((await login(id, { kind: "jwt", value: good })).subClaims.sub).toEqual(["a"]);
    const cases: [string, string][] = [
      [
        await sign(key, { sub: "a" }, { exp: Math.floor(Date.now() / 1000) - 120 }),
        "token expired",
      ],
      [await sign(key, { sub: "a" }, { aud: "someone-else" }), "token audience mismatch"],
      [await sign(key, { sub: "a" }, { iss: "https://evil.example" }), "token issuer mismatch"],
      [
        unsigned({ sub: "a", iss: ISSUER, aud: AUDIENCE, exp: Date.now() / 1000 + 300 }),
        "token algorithm not accepted",
      ],
      [
        await new SignJWT({ sub: "a" })
          .setProtectedHeader({ alg: "HS256" })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime("5m")
          .sign(new TextEncoder().encode(spki)),
        "token algorithm not accepted",
      ],
      [tamper(good, { sub: "admin" }), "token signature invalid"],
      ["not.a.jwt", "malformed token"],
    ];
    for (const [i, [token, reason]] of cases.entries()) {
      // Each case from its own address, so the failure limit stays out of the way.
      await denied(login(id, { kind: "jwt", value: token }, `10.9.9.${i}`), reason);
    }
  });
});

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** An `alg: none` token. */
function unsigned(payload: Record<string, unknown>): string {
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
}

/** `token` with its payload changed and its signature kept. */
function tamper(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as object;
  return `${header}.${b64({ ...claims, ...change })}.${signature}`;
}

describe("Kubernetes logins", () => {
  it("reads projected and legacy claims and enforces bound namespaces and service accounts", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = JSON.stringify({ ...publicKey.export({ format: "jwk" }), kid: "sa-key" });
    const { method } = await auth.methods.create(
      request("k8s/prod", {
        method: "kubernetes",
        kubernetes: {
          ...jwtConfig({
            jwks_url: "",
            public_keys: [jwk],
            issuer: "https://kubernetes.default.svc",
          }),
          ...NO_REVIEW,
          bound_namespaces: ["payments"],
          bound_service_accounts: ["api"],
        },
      }),
      ctx,
    );
    const saToken = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: "sa-key" })
        .setIssuer("https://kubernetes.default.svc")
        .setAudience(AUDIENCE)
        .setSubject("system:serviceaccount:payments:api")
        .setExpirationTime("10m")
        .sign(privateKey);
    const projected = (ns: string, sa: string) => ({
      "kubernetes.io": {
        namespace: ns,
        serviceaccount: { name: sa, uid: "u-1" },
        pod: { name: "api-7f" },
      },
    });
    const ok = await login(method.accessId, {
      kind: "jwt",
      value: await saToken(projected("payments", "api")),
    });
    expect(ok.subClaims).toEqual({
      namespace: ["payments"],
      service_account_name: ["api"],
      service_account_uid: ["u-1"],
      pod_name: ["api-7f"],
    });
    const legacy = await login(method.accessId, {
      kind: "jwt",
      value: await saToken({
        "kubernetes.io/serviceaccount/namespace": "payments",
        "kubernetes.io/serviceaccount/service-account.name": "api",
        "kubernetes.io/serviceaccount/service-account.uid": "u-2",
      }),
    });
    expect(legacy.subClaims).toEqual({
      namespace: ["payments"],
      service_account_name: ["api"],
      service_account_uid: ["u-2"],
    });
    await denied(
      login(method.accessId, { kind: "jwt", value: await saToken(projected("default", "api")) }),
      "namespace not allowed",
    );
    await denied(
      login(method.accessId, { kind: "jwt", value: await saToken(projected("payments", "admin")) }),
      "service account not allowed",
    );
    const sa = () => new SignJWT(projected("payments", "api")).setExpirationTime("10m");
    const foreign: [string, string][] = [
      [
        await sa()
          .setProtectedHeader({ alg: "ES256", kid: "sa-key" })
          .setIssuer("https://kubernetes.default.svc")
          .setAudience("not-us")
          .sign(privateKey),
        "token audience mismatch",
      ],
      [
        await sa()
          .setProtectedHeader({ alg: "ES256", kid: "sa-key" })
          .setIssuer("https://other-cluster")
          .setAudience(AUDIENCE)
          .sign(privateKey),
        "token issuer mismatch",
      ],
      [
        await sa()
          .setProtectedHeader({ alg: "HS256", kid: "sa-key" })
          .setIssuer("https://kubernetes.default.svc")
          .setAudience(AUDIENCE)
          .sign(new TextEncoder().encode(jwk)),
        "token algorithm not accepted",
      ],
      [
        tamper(await saToken(projected("default", "api")), projected("payments", "api")),
        "token signature invalid",
      ],
    ];
    for (const [i, [token, reason]] of foreign.entries()) {
      await denied(login(method.accessId, { kind: "jwt", value: token }, `10.1.2.${i}`), reason);
    }
    await denied(
      login(method.accessId, { kind: "jwt", value: await saToken({}) }),
      "not a Kubernetes service-account token",
    );
    const expired = await new SignJWT(projected("payments", "api"))
      .setProtectedHeader({ alg: "ES256", kid: "sa-key" })
      .setIssuer("https://kubernetes.default.svc")
      .setAudience(AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(privateKey);
    await denied(
      login(method.accessId, { kind: "jwt", value: expired }, "10.1.1.1"),
      "token expired",
    );
    await denied(
      login(
        method.accessId,
        {
          kind: "jwt",
          value: unsigned({
            ...projected("payments", "api"),
            iss: "https://kubernetes.default.svc",
            aud: AUDIENCE,
            exp: Date.now() / 1000 + 60,
          }),
        },
        "10.1.1.2",
      ),
      "token algorithm not accepted",
    );
  });
});

describe("certificate logins", () => {
  it("accepts a certificate of the CA with a bound CN and refuses everything else", async () => {
    const caDir = join(dir, "ca");
    const otherCaDir = join(dir, "other-ca");
    await createDevCa(caDir, { commonName: "clients CA" });
    await createDevCa(otherCaDir, { commonName: "another CA" });
    const issue = (caPath: string, name: string, validDays?: number) =>
      issueCertificate({
        caDir: caPath,
        dir: join(dir, "certs"),
        name,
        role: "client",
        validDays,
      }).then((files) => readFile(files.certFile));
    const alice = await issue(caDir, "alice");
    const bob = await issue(caDir, "bob");
    const mallory = await issue(otherCaDir, "mallory");
    // Valid for ~86 s from five minutes ago (issueCertificate backdates): already expired.
    const expired = await issue(caDir, "expired", 0.001);
    const { method } = await auth.methods.create(
      request("people/certs", {
        method: "certificate",
        certificate: {
          ca_certificates: await readFile(join(caDir, "ca.pem"), "utf8"),
          bound_common_names: ["client:alice", "client:mallory", "client:expired"],
          bound_cidrs: [],
        },
      }),
      ctx,
    );
    const cert = (value: Buffer): Credential => ({ kind: "client_certificate", value });
    const ok = await login(method.accessId, cert(alice));
    expect(ok.subClaims).toEqual({ common_name: ["client:alice"], organization: ["keyfrag"] });
    await denied(login(method.accessId, cert(bob), "10.2.0.1"), "common name not allowed");
    await denied(
      login(method.accessId, cert(mallory), "10.2.0.2"),
      "client certificate not issued by a trusted CA",
    );
    await denied(
      login(method.accessId, cert(expired), "10.2.0.3"),
      "client certificate expired or not yet valid",
    );
    await denied(
      login(method.accessId, cert(Buffer.from("garbage")), "10.2.0.4"),
      "client certificate does not parse",
    );
    await expect(
      auth.login.authenticate({
        accessId: method.accessId,
        credential: cert(alice),
        sourceAddress: "10.2.0.5",
        callerRole: "client",
      }),
    ).rejects.toMatchObject({ code: "permission-denied" });
    // An access key presented to a certificate method is simply a failed login.
    await denied(
      login(method.accessId, { kind: "access_key", value: "x" }, "10.2.0.6"),
      "credential type not accepted by this method",
    );
  });
});

/** openssl, for certificates the dev CA helper cannot make (two CNs, odd extensions). */
async function openssl(cwd: string, ...args: string[]): Promise<void> {
  await execFileAsync("openssl", args, { cwd });
}

describe("certificate checks", () => {
  it("refuses two CNs, a non-CA issuer in the chain, and an extended key usage without clientAuth", async () => {
    const d = join(dir, "openssl");
    await mkdir(d, { recursive: true });
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    await openssl(
      d,
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-subj",
      "/CN=ca",
      "-days",
      "1",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=keyCertSign",
    );
    await writeFile(join(d, "leaf.ext"), "basicConstraints=CA:FALSE\n");
    await writeFile(
      join(d, "server.ext"),
      "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    );
    const leaf = async (name: string, subj: string, ext: string, ca = "ca") => {
      await openssl(
        d,
        "req",
        ...ec,
        "-keyout",
        `${name}.key`,
        "-out",
        `${name}.csr`,
        "-subj",
        subj,
      );
      await openssl(
        d,
        "x509",
        "-req",
        "-in",
        `${name}.csr`,
        "-CA",
        `${ca}.pem`,
        "-CAkey",
        `${ca}.key`,
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        ext,
        "-out",
        `${name}.pem`,
      );
      return readFile(join(d, `${name}.pem`));
    };
    const good = await leaf("good", "/CN=alice", "leaf.ext");
    const twoCns = await leaf("two", "/CN=alice/CN=admin", "leaf.ext");
    const server = await leaf("server", "/CN=alice", "server.ext");
    const notCa = await leaf("notca", "/CN=bob", "leaf.ext");
    const underLeaf = await leaf("under", "/CN=alice", "leaf.ext", "notca");
    const { method } = await auth.methods.create(
      request("certs/strict", {
        method: "certificate",
        certificate: {
          ca_certificates: await readFile(join(d, "ca.pem"), "utf8"),
          bound_common_names: ["alice", "admin"],
          bound_cidrs: [],
        },
      }),
      ctx,
    );
    const cert = (value: Buffer): Credential => ({ kind: "client_certificate", value });
    expect((await login(method.accessId, cert(good), "10.7.0.1")).subClaims.common_name).toEqual([
      "alice",
    ]);
    await denied(login(method.accessId, cert(twoCns), "10.7.0.2"), "more than one common name");
    await denied(login(method.accessId, cert(server), "10.7.0.3"), "not for client authentication");
    await denied(
      login(method.accessId, cert(Buffer.concat([underLeaf, notCa])), "10.7.0.4"),
      "not issued by a trusted CA",
    );
  });
});

describe("method definitions", () => {
  it("stores the public key exported again, never the text given, and allows http to loopback", async () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const given = JSON.stringify({ ...publicKey.export({ format: "jwk" }), kid: "k", extra: "x" });
    const pem = `\n${publicKey.export({ format: "pem", type: "spki" }).toString()}\n\n`;
    const { method } = await auth.methods.create(
      request("stored/keys", {
        method: "jwt",
        jwt: jwtConfig({ jwks_url: "http://localhost:1/jwks", public_keys: [given, pem] }),
      }),
      ctx,
    );
    const [jwk, spki] = method.jwt?.public_keys ?? [];
    expect(JSON.parse(jwk ?? "")).toEqual({ ...publicKey.export({ format: "jwk" }), kid: "k" });
    expect(spki).toBe(publicKey.export({ format: "pem", type: "spki" }).toString());
  });
});

describe("token claims", () => {
  it("leaves out protocol claims, carries the unique identifier, and bounds what it copies", async () => {
    const key = await rsaKey("claims");
    const { method } = await auth.methods.create(
      request("ci/claims", {
        method: "jwt",
        jwt: jwtConfig({
          jwks_url: "",
          public_keys: [JSON.stringify(key.jwk)],
          unique_identifier: "oid",
        }),
      }),
      ctx,
    );
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`c${i}`, "v"]));
    const payload = JSON.parse(
      JSON.stringify({
        oid: "user-42",
        ...many,
        nonce: "n",
        at_hash: "h",
        c_hash: "h",
        azp: "a",
        sid: "s",
        auth_time: 1,
        acr: "1",
        amr: ["pwd"],
        email: "eve@example.com",
        email_verified: false,
        long: "x".repeat(5_000),
        list: Array.from({ length: 100 }, (_, i) => `v${i}`),
      }),
    ) as Record<string, unknown>;
    // A claim named __proto__, as JSON.parse makes it: an own property.
    Object.defineProperty(payload, "__proto__", {
      value: ["polluted"],
      enumerable: true,
      configurable: true,
      writable: true,
    });
    const ok = await login(method.accessId, { kind: "jwt", value: await sign(key, payload) });
    const sc = ok.subClaims;
    for (const gone of ["nonce", "at_hash", "c_hash", "azp", "sid", "auth_time", "acr", "amr"]) {
      expect(sc[gone]).toBeUndefined();
    }
    expect(sc.email).toBeUndefined();
    expect(Object.getPrototypeOf(sc)).toBeNull();
    expect(Object.hasOwn(sc, "__proto__")).toBe(false);
    expect(Object.keys(sc).length).toBeLessThanOrEqual(64);
    for (const values of Object.values(sc)) {
      expect(values.length).toBeLessThanOrEqual(64);
      for (const v of values) expect(v.length).toBeLessThanOrEqual(1_024);
    }
    expect(sc.oid).toEqual(["user-42"]);
    expect(ok.uniqueId).toBe("user-42");
    const claims = JSON.parse(Buffer.from(ok.token.split(".")[1] ?? "", "base64url").toString());
    expect(claims.kf_uid).toBe("user-42");
    expect(ok.token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    const event = await lastAuditEvent();
    expect(event).toMatchObject({ result: "allowed", fields: { uniqueId: "user-42" } });
    expect(event?.fields.subClaimsTrimmed).toMatch(/more than 64 claims/);
    expect(event?.actor.subClaims.oid).toEqual(["user-42"]);
  });

  it("keeps every token under the verifiers' limit, however large the claims", async () => {
    // The worst case: every limit used, every character one JSON escapes as \u00XX.
    const nasty = "\u0001".repeat(1_024);
    const raw = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`${"n".repeat(120)}${i}`, Array(100).fill(nasty)]),
    );
    const { subClaims, trimmed } = boundSubClaims(raw);
    expect(trimmed.length).toBeGreaterThan(0);
    const { method } = await auth.methods.create(
      request(`/${"m".repeat(199)}`, { method: "access_key" }),
      ctx,
    );
    const issued = await auth.tokens.issue(method, subClaims, nasty);
    expect(issued.token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
  });
});

describe("malformed logins", () => {
  it("audits each one as denied before answering INVALID_ARGUMENT", async () => {
    const cases: [Parameters<typeof auth.login.authenticate>[0], RegExp, string][] = [
      [
        { accessId: "", credential: undefined, sourceAddress: "10.5.0.1", callerRole: "gateway" },
        /access_id is required/,
        "access id missing",
      ],
      [
        {
          accessId: "secret-looking-thing",
          credential: { kind: "access_key", value: "k" },
          sourceAddress: "10.5.0.1",
          callerRole: "gateway",
        },
        /access_id must be/,
        "access id malformed",
      ],
      [
        {
          accessId: "p-abcdefghijkl",
          credential: undefined,
          sourceAddress: "10.5.0.1",
          callerRole: "gateway",
        },
        /one of access_key/,
        "credential missing",
      ],
      [
        {
          accessId: "p-abcdefghijkl",
          credential: { kind: "access_key", value: "k" },
          sourceAddress: "",
          callerRole: "gateway",
        },
        /source_address/,
        "source address missing",
      ],
    ];
    for (const [attempt, message, reason] of cases) {
      await expect(auth.login.authenticate(attempt)).rejects.toMatchObject({
        code: "invalid-argument",
        message: expect.stringMatching(message),
      });
      const event = await lastAuditEvent();
      expect(event).toMatchObject({ action: "auth.authenticate", result: "denied" });
      expect(event?.reason).toContain(reason);
      expect(JSON.stringify(event)).not.toContain("secret-looking-thing");
    }
  });
});

describe("failed-login limit and fail-closed audit", () => {
  it("counts parallel attempts before checking them: at most the limit are verified", async () => {
    const { method } = await auth.methods.create(
      request("parallel", { method: "access_key" }),
      ctx,
    );
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        login(method.accessId, { kind: "access_key", value: "wrong" }, "10.6.0.1"),
      ),
    );
    const codes = results.map((r) =>
      r.status === "rejected" ? (r.reason as { code: string }).code : "ok",
    );
    expect(codes.filter((c) => c === "unauthenticated")).toHaveLength(3);
    expect(codes.filter((c) => c === "resource-exhausted")).toHaveLength(7);
  });

  it("blocks after the limit before checking the credential, and a success resets", async () => {
    const { method, accessKey = "" } = await auth.methods.create(
      request("limited", { method: "access_key" }),
      ctx,
    );
    const id = method.accessId;
    const wrong = () => login(id, { kind: "access_key", value: "wrong" }, "10.3.0.1");
    const right = () => login(id, { kind: "access_key", value: accessKey }, "10.3.0.1");
    await expect(wrong()).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(wrong()).rejects.toMatchObject({ code: "unauthenticated" });
    await right(); // resets the count
    for (let i = 0; i < 3; i++)
      await expect(wrong()).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(wrong()).rejects.toMatchObject({ code: "resource-exhausted" });
    await expect(right()).rejects.toMatchObject({ code: "resource-exhausted" });
    // Another source address is counted apart.
    await login(id, { kind: "access_key", value: accessKey }, "10.3.0.2");
    const events = (await auditEvents()).filter((e) => e.actor.accessId === id);
    expect(events.map((e) => e.result)).toEqual([
      "denied",
      "denied",
      "allowed",
      "denied",
      "denied",
      "denied",
      "denied",
      "denied",
      "allowed",
    ]);
    expect(events.at(-2)?.reason).toBe("too many failed logins");
  });

  it("returns no token when the audit event cannot be recorded", async () => {
    const nc = await connectBus(natsH.url, "auth-fail-closed-test");
    const isolated = service(redisH.client, nc, `${redisH.prefix}auth`);
    await isolated.start();
    const { method, accessKey = "" } = await auth.methods.create(
      request("fail-closed", { method: "access_key" }),
      ctx,
    );
    const attempt = () =>
      isolated.login.authenticate({
        accessId: method.accessId,
        credential: { kind: "access_key", value: accessKey },
        sourceAddress: "10.4.0.1",
        callerRole: "gateway",
      });
    expect((await attempt()).token).toBeTruthy();
    await nc.close();
    await expect(attempt()).rejects.toMatchObject({ code: "unavailable" });
    isolated.stop();
  });
});

describe("unknown access ids", () => {
  it("do not take the scrypt permits a login with a real key needs", async () => {
    const { method, accessKey = "" } = await auth.methods.create(
      request("crowded", { method: "access_key" }),
      ctx,
    );
    // One verification at a time and one waiting, so a few guesses would fill it.
    const service = createLoginService({
      methods: auth.store,
      tokens: auth.tokens,
      limiter: createFailureLimiter({
        redis: redisH.client,
        prefix: `${redisH.prefix}crowded`,
        maxFailures: 5,
        windowMs: 60_000,
      }),
      jwt: createJwtLogin(),
      audit: createAuditEmitter({
        nc: natsH.nc,
        prefix: cluster,
        service: "auth",
        auditKey: AUDIT_KEY,
      }),
      verifications: { concurrent: 1, queued: 1 },
    });
    const attempt = (accessId: string, value: string, sourceAddress: string) =>
      service.authenticate({
        accessId,
        credential: { kind: "access_key", value },
        sourceAddress,
        callerRole: "gateway",
      });
    const guesses = Array.from({ length: 20 }, (_, i) =>
      attempt(`p-unknown${String(i).padStart(6, "0")}`, "guess", `10.9.0.${i}`),
    );
    const settled = Promise.allSettled(guesses);
    const real = await attempt(method.accessId, accessKey, "10.9.1.1");
    expect(real.token).toBeTruthy();
    const codes = (await settled).map((r) =>
      r.status === "rejected" ? (r.reason as { code: string }).code : "ok",
    );
    expect(new Set(codes)).toEqual(new Set(["unauthenticated"]));
  });
});

describe("logins refused while every verification permit is taken", () => {
  it("are denied events under the budget, and refused alike for unknown access ids", async () => {
    const { method, accessKey = "" } = await auth.methods.create(
      request("saturated", { method: "access_key" }),
      ctx,
    );
    // One verification at a time and none waiting: a second one at once is refused.
    const service = createLoginService({
      methods: auth.store,
      tokens: auth.tokens,
      limiter: createFailureLimiter({
        redis: redisH.client,
        prefix: `${redisH.prefix}saturated`,
        maxFailures: 1_000,
        windowMs: 60_000,
      }),
      jwt: createJwtLogin(),
      audit: createAuditEmitter({
        nc: natsH.nc,
        prefix: cluster,
        service: "auth",
        auditKey: AUDIT_KEY,
      }),
      verifications: { concurrent: 1, queued: 0 },
    });
    const codeOf = (accessId: string, sourceAddress: string) =>
      service
        .authenticate({
          accessId,
          credential: { kind: "access_key", value: accessKey },
          sourceAddress,
          callerRole: "gateway",
        })
        .then(
          () => "ok",
          (err: { code: string }) => err.code,
        );
    let saturated = 0;
    for (let i = 0; i < 20 && saturated < 3; i++) {
      // The first takes the only permit (scrypt); the two after it find none free.
      const holder = codeOf(method.accessId, `10.11.${i}.1`);
      await new Promise((r) => setTimeout(r, 5));
      const [known, unknown] = await Promise.all([
        codeOf(method.accessId, `10.11.${i}.2`),
        codeOf("p-nosuchmethod00", `10.11.${i}.3`),
      ]);
      expect(await holder).toBe("ok");
      if (known !== "resource-exhausted") continue;
      saturated++;
      const results = async (sourceAddress: string) =>
        (await auditEvents())
          .filter((e) => e.actor.sourceAddress === sourceAddress)
          .map((e) => e.result);
      // Anyone can cause it: a denied event (budgeted), not an error.
      expect(await results(`10.11.${i}.2`)).toEqual(["denied"]);
      // Whether the access id exists does not change the answer.
      expect(unknown).toBe("resource-exhausted");
      expect(await results(`10.11.${i}.3`)).toEqual(["denied"]);
    }
    expect(saturated).toBeGreaterThan(0);
  });
});

describe("refused JWT logins", () => {
  it("record a bounded reason, never the token's own header text", async () => {
    const key = await rsaKey("bounded");
    const { method } = await auth.methods.create(
      request("ci/bounded-reasons", {
        method: "jwt",
        jwt: jwtConfig({ jwks_url: "", public_keys: [await exportSPKI(key.publicKey)] }),
      }),
      ctx,
    );
    const [, payload, signature] = (await sign(key, { sub: "a" })).split(".");
    const long = "x".repeat(20_000);
    const headers = [
      { alg: "RS256", crit: [long] },
      { alg: "RS256", crit: [long], [long]: 1 },
      { alg: long },
    ];
    for (const [i, header] of headers.entries()) {
      const token = `${b64(header)}.${payload}.${signature}`;
      await expect(
        login(method.accessId, { kind: "jwt", value: token }, `10.9.8.${i}`),
      ).rejects.toThrow(/^authentication failed$/);
      const event = await lastAuditEvent();
      expect(event).toMatchObject({ action: "auth.authenticate", result: "denied" });
      expect(event?.reason).not.toContain("xxxxxxxxxxxxxxxx");
      expect(event?.reason?.length).toBeLessThan(200);
    }
  });
});

describe("Kubernetes logins through TokenReview", () => {
  /** A protocol peer written for this test: an API server's authentication.k8s.io/v1 TokenReview. */
  let peer: ReturnType<typeof createHttpsServer>;
  let peerUrl: string;
  let peerCa: string;
  const seen: { authorization: string; token: string; audiences: string[] }[] = [];
  /** What the peer answers for a token: a TokenReview status, or an HTTP error code. */
  const answers = new Map<string, object | number>();
  /** An answer that never ends, a byte at a time. */
  const DRIBBLE = { dribble: true };
  let reviewed: AuthService;
  /** Allows the peer's URL, without a reviewer token of its own. */
  let ownToken: AuthService;
  let reviewerFile: string;
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const saToken = (ns: string, sa: string, iat = Math.floor(Date.now() / 1000)) =>
    new SignJWT({ "kubernetes.io": { namespace: ns, serviceaccount: { name: sa, uid: "u-9" } } })
      .setProtectedHeader({ alg: "ES256", kid: "cluster" })
      .setIssuer("https://kubernetes.default.svc")
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(privateKey);
  const authenticated = (ns: string, sa: string) => ({
    authenticated: true,
    audiences: [AUDIENCE],
    user: {
      username: `system:serviceaccount:${ns}:${sa}`,
      uid: "u-9",
      extra: { "authentication.kubernetes.io/pod-name": ["api-7f9c-x2"] },
    },
  });
  const method = (over: Record<string, unknown> = {}) =>
    request(`k8s/review-${Math.random().toString(36).slice(2, 8)}`, {
      method: "kubernetes",
      kubernetes: {
        ...jwtConfig({ jwks_url: "", issuer: "https://kubernetes.default.svc" }),
        bound_namespaces: ["payments"],
        bound_service_accounts: [],
        token_review_url: peerUrl,
        token_review_ca: peerCa,
        max_token_age_seconds: 0,
        ...over,
      },
    });

  beforeAll(async () => {
    const caDir = join(dir, "k8s-ca");
    await createDevCa(caDir, { commonName: "kubernetes CA" });
    const files = await issueCertificate({
      caDir,
      dir: join(dir, "k8s-api"),
      name: "api",
      role: "client",
    });
    peerCa = await readFile(join(caDir, "ca.pem"), "utf8");
    peer = createHttpsServer(
      { cert: await readFile(files.certFile), key: await readFile(files.keyFile) },
      (req, res) => {
        let body = "";
        req.on("data", (d: Buffer) => {
          body += d.toString();
        });
        req.on("end", () => {
          const review = JSON.parse(body) as { spec: { token: string; audiences: string[] } };
          seen.push({ authorization: req.headers.authorization ?? "", ...review.spec });
          const answer = answers.get(review.spec.token) ?? {
            authenticated: false,
            error: "unknown token",
          };
          if (answer === DRIBBLE) {
            // Never idle for long, never done: one byte every 100 ms.
            res.writeHead(201, { "content-type": "application/json" });
            const drip = setInterval(() => res.write(" "), 100);
            res.on("close", () => clearInterval(drip));
            return;
          }
          if (
            req.url !== "/apis/authentication.k8s.io/v1/tokenreviews" ||
            typeof answer === "number"
          ) {
            res.writeHead(typeof answer === "number" ? answer : 404).end("{}");
            return;
          }
          res.writeHead(201, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              apiVersion: "authentication.k8s.io/v1",
              kind: "TokenReview",
              status: answer,
            }),
          );
        });
      },
    );
    await new Promise<void>((resolve) => peer.listen(0, "127.0.0.1", resolve));
    peerUrl = `https://127.0.0.1:${(peer.address() as AddressInfo).port}`;
    reviewerFile = join(dir, "reviewer-token");
    await writeFile(reviewerFile, "reviewer-jwt\n");
    reviewed = service(redisH.client, natsH.nc, `${redisH.prefix}auth`, 3, {
      tokenReviewerJwtFile: reviewerFile,
      tokenReviewUrls: [peerUrl],
      tokenReviewTimeoutMs: 1_000,
    });
    await reviewed.start();
    ownToken = service(redisH.client, natsH.nc, `${redisH.prefix}auth`, 3, {
      tokenReviewUrls: [`${peerUrl}/`],
    });
    await ownToken.start();
  });

  afterAll(() => {
    reviewed?.stop();
    ownToken?.stop();
    peer?.close();
  });

  const loginWith = (svc: AuthService, accessId: string, token: string, source = "10.2.0.1") =>
    svc.login.authenticate({
      accessId,
      credential: { kind: "jwt", value: token },
      sourceAddress: source,
      callerRole: "gateway",
    });

  it("lets the API server decide, with the reviewer's token and the method's audiences", async () => {
    const { method: m } = await reviewed.methods.create(method(), ctx);
    const token = await saToken("payments", "api");
    answers.set(token, authenticated("payments", "api"));
    const ok = await loginWith(reviewed, m.accessId, token);
    expect(ok.subClaims).toEqual({
      namespace: ["payments"],
      service_account_name: ["api"],
      service_account_uid: ["u-9"],
      pod_name: ["api-7f9c-x2"],
    });
    expect(seen.at(-1)).toEqual({
      authorization: "Bearer reviewer-jwt",
      token,
      audiences: [AUDIENCE],
    });
    // Without a reviewer token of its own, auth sends the token under review.
    await loginWith(ownToken, m.accessId, token);
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${token}`);
  });

  it("refuses what the API server refuses, or cannot say, and tokens older than the method allows", async () => {
    const { method: m } = await reviewed.methods.create(
      method({ max_token_age_seconds: 300 }),
      ctx,
    );
    const revoked = await saToken("payments", "api");
    answers.set(revoked, { authenticated: false, error: "pod api-7f9c-x2 does not exist" });
    await denied(
      loginWith(reviewed, m.accessId, revoked, "10.2.1.1"),
      "token rejected by the API server",
    );
    const forbidden = await saToken("payments", "worker");
    answers.set(forbidden, 403);
    await denied(
      loginWith(reviewed, m.accessId, forbidden, "10.2.1.2"),
      "token review unavailable",
    );
    const old = await saToken("payments", "api", Math.floor(Date.now() / 1000) - 600);
    answers.set(old, authenticated("payments", "api"));
    await denied(loginWith(reviewed, m.accessId, old, "10.2.1.3"), "token too old");
    // The review names someone else than the token does.
    const swapped = await saToken("payments", "api");
    answers.set(swapped, authenticated("payments", "admin"));
    await denied(loginWith(reviewed, m.accessId, swapped, "10.2.1.4"), "token and review disagree");
    // Bound namespaces still apply to what the review says.
    const other = await saToken("default", "api");
    answers.set(other, authenticated("default", "api"));
    await denied(loginWith(reviewed, m.accessId, other, "10.2.1.5"), "namespace not allowed");
  });

  it("sends no token to an API server the operator did not list, at creation or at login", async () => {
    const before = seen.length;
    // Another port of the same host is another server; so is any host a creator names.
    const elsewhere = `https://127.0.0.1:${(peer.address() as AddressInfo).port + 1}`;
    for (const url of [elsewhere, "https://attacker.example"]) {
      await expect(reviewed.methods.create(method({ token_review_url: url }), ctx)).rejects.toThrow(
        /token_review_url must be one of the API servers in KF_K8S_TOKEN_REVIEW_URLS/,
      );
    }
    // No list at all (the default): no TokenReview method can be created.
    await expect(auth.methods.create(method(), ctx)).rejects.toThrow(
      /allows no TokenReview \(KF_K8S_TOKEN_REVIEW_URLS is empty\)/,
    );
    // A method created where the peer is listed, used by an auth service where it is not (the
    // list shrank): the login is refused before anything is sent.
    const { method: m } = await reviewed.methods.create(method(), ctx);
    const token = await saToken("payments", "api");
    answers.set(token, authenticated("payments", "api"));
    await denied(loginWith(auth, m.accessId, token, "10.2.3.1"), "token review unavailable");
    expect(seen.length).toBe(before);
  });

  it("gives up on a TokenReview answer that never ends, however busy the socket", async () => {
    const { method: m } = await reviewed.methods.create(method(), ctx);
    const token = await saToken("payments", "api");
    answers.set(token, DRIBBLE);
    const started = Date.now();
    await denied(loginWith(reviewed, m.accessId, token, "10.2.4.1"), "token review unavailable");
    // The deadline is 1 s for the whole exchange; the peer never idles for 100 ms.
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 15_000);

  it("needs an https URL and the API server's CA", async () => {
    await expect(reviewed.methods.create(method({ token_review_ca: "" }), ctx)).rejects.toThrow(
      /kubernetes.token_review_ca is required with token_review_url/,
    );
    await expect(
      reviewed.methods.create(method({ token_review_url: "http://127.0.0.1:1" }), ctx),
    ).rejects.toThrow(/must be an https URL/);
    await expect(
      reviewed.methods.create(method({ token_review_url: "", token_review_ca: "" }), ctx),
    ).rejects.toThrow(
      /kubernetes.jwks_url, kubernetes.public_keys or kubernetes.token_review_url is required/,
    );
  });
});
