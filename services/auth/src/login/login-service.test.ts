import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AuditEvent,
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
import type { Credential } from "./login-service.js";

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

function service(redis: Redis, nc: NatsConnection, prefix: string, maxFailures = 3) {
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
      jwt: { jwksCooldownMs: 50 },
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
    if (msg) events.push(msg.json<AuditEvent>());
  }
  return events;
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
      [
        { method: "jwt", jwt: jwtConfig({ jwks_url: "", public_keys: ["nope"] }) },
        /jwt\.public_keys\[0\]/,
      ],
      [{ method: "jwt", jwt: jwtConfig({ issuer: "" }) }, /jwt\.issuer/],
      [
        {
          method: "kubernetes",
          kubernetes: { ...jwtConfig(), bound_namespaces: [""], bound_service_accounts: [] },
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
    await expect(
      login(method.accessId, {
        kind: "jwt",
        value: await sign(first, { ...claims, project_path: "acme/api" }),
      }),
    ).rejects.toThrow("authentication failed: claim project_path not allowed");
    await expect(
      login(method.accessId, {
        kind: "jwt",
        value: await sign(first, { ...claims, groups: ["ops"] }),
      }),
    ).rejects.toThrow(/claim groups not allowed/);

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
    await expect(login(method.accessId, { kind: "jwt", value: oldToken })).rejects.toThrow(
      "authentication failed: token signed by an unknown key",
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
      await expect(login(id, { kind: "jwt", value: token }, `10.9.9.${i}`)).rejects.toThrow(
        `authentication failed: ${reason}`,
      );
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
    await expect(
      login(method.accessId, { kind: "jwt", value: await saToken(projected("default", "api")) }),
    ).rejects.toThrow("authentication failed: namespace not allowed");
    await expect(
      login(method.accessId, { kind: "jwt", value: await saToken(projected("payments", "admin")) }),
    ).rejects.toThrow("authentication failed: service account not allowed");
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
      await expect(
        login(method.accessId, { kind: "jwt", value: token }, `10.1.2.${i}`),
      ).rejects.toThrow(`authentication failed: ${reason}`);
    }
    await expect(login(method.accessId, { kind: "jwt", value: await saToken({}) })).rejects.toThrow(
      "authentication failed: not a Kubernetes service-account token",
    );
    const expired = await new SignJWT(projected("payments", "api"))
      .setProtectedHeader({ alg: "ES256", kid: "sa-key" })
      .setIssuer("https://kubernetes.default.svc")
      .setAudience(AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(privateKey);
    await expect(
      login(method.accessId, { kind: "jwt", value: expired }, "10.1.1.1"),
    ).rejects.toThrow("authentication failed: token expired");
    await expect(
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
    ).rejects.toThrow("authentication failed: token algorithm not accepted");
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
    await expect(login(method.accessId, cert(bob), "10.2.0.1")).rejects.toThrow(
      "authentication failed: common name not allowed",
    );
    await expect(login(method.accessId, cert(mallory), "10.2.0.2")).rejects.toThrow(
      "authentication failed: client certificate not issued by a trusted CA",
    );
    await expect(login(method.accessId, cert(expired), "10.2.0.3")).rejects.toThrow(
      "authentication failed: client certificate expired or not yet valid",
    );
    await expect(login(method.accessId, cert(Buffer.from("garbage")), "10.2.0.4")).rejects.toThrow(
      "authentication failed: client certificate does not parse",
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
    await expect(
      login(method.accessId, { kind: "access_key", value: "x" }, "10.2.0.6"),
    ).rejects.toThrow("authentication failed: credential type not accepted by this method");
  });
});

describe("failed-login limit and fail-closed audit", () => {
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
