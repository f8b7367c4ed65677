/**
 * The one harness of the auth service's tests that talk to it over gRPC: a real auth service on
 * the test Redis and NATS, served over mTLS by a dev CA, with clients and verifiers as other
 * services have them. Test-only (not compiled into dist).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenVerifier, type TokenVerifier } from "@keyfrag/auth-client";
import { connectBus, createAuditEmitter, type NatsConnection } from "@keyfrag/bus";
import {
  type AuthClient,
  call,
  clientCredentials,
  createAuthClient,
  createDevCa,
  issueCertificate,
  loadKeyfragProto,
  loadTlsFiles,
  type NodeRole,
  type RunningServer,
  serverCredentials,
  startServer,
  type TlsMaterial,
} from "@keyfrag/rpc";
import { type TestNats, type TestRedis, testNats, testRedis } from "@keyfrag/test-support";
import { type AuthService, createAuthService } from "../auth-service.js";

type VerifierOptions = Omit<Parameters<typeof createTokenVerifier>[0], "auth" | "nc" | "cluster">;

export interface AuthHarness extends AsyncDisposable {
  readonly redis: TestRedis;
  readonly nats: TestNats;
  /** The NATS subject prefix (KF_CLUSTER), unique to this harness. */
  readonly cluster: string;
  /** The auth service's Redis key prefix. */
  readonly prefix: string;
  /** The auth service, started and served at `address`. */
  readonly auth: AuthService;
  readonly address: string;
  /** Another auth service on the same Redis (a replica, or a restart), on `nc`; not started. */
  build(nc: NatsConnection): AuthService;
  /** Serves `auth` at another address too (e.g. one a verifier dials already); stopped on dispose. */
  serve(address: string): Promise<RunningServer>;
  /** The TLS material of a certificate of `role` from the harness's CA (issued once). */
  tls(role: NodeRole): Promise<TlsMaterial>;
  /** An auth client presenting a `role` certificate, to `address` (default: the server). */
  client(role: NodeRole, address?: string): Promise<AuthClient>;
  /** A NATS connection of its own, as another service has one; closed on dispose. */
  connect(name: string): Promise<NatsConnection>;
  /**
   * A token verifier as another service has one (its own NATS connection unless `nc` is given,
   * and a client of `role`, default `gateway`, to `address`), not started; closed on dispose.
   */
  verifier(
    options?: VerifierOptions & { address?: string; nc?: NatsConnection; role?: NodeRole },
  ): Promise<TokenVerifier>;
  /** An access-key method made through the gateway's client, and tokens of it without a login. */
  method(name: string): Promise<{
    accessId: string;
    /** A token of the method (optionally with another lifetime). */
    issue(ttlSeconds?: number): Promise<string>;
    /** A token of one user of the method (its `kf_uid`, or else its sub-claims). */
    issueTo(user: { uniqueId?: string; subClaims?: Record<string, string[]> }): Promise<string>;
  }>;
  /** Runs `fn` on dispose, the last registered first. */
  defer(fn: () => Promise<unknown> | unknown): void;
}

/** Starts the harness; `name` names its NATS subjects and its folder. */
export async function startAuthHarness(name: string): Promise<AuthHarness> {
  const deferred: (() => Promise<unknown> | unknown)[] = [];
  const defer = (fn: () => Promise<unknown> | unknown) => {
    deferred.push(fn);
  };
  const dispose = async () => {
    for (const fn of deferred.reverse()) await fn();
  };
  try {
    const redis = await testRedis();
    defer(() => redis[Symbol.asyncDispose]());
    const nats = await testNats();
    defer(() => nats[Symbol.asyncDispose]());
    const dir = await mkdtemp(join(tmpdir(), `kf-${name}-`));
    defer(() => rm(dir, { recursive: true, force: true }));
    await createDevCa(dir);
    const certificates = new Map<NodeRole, Promise<TlsMaterial>>();
    const tls = (role: NodeRole) => {
      let t = certificates.get(role);
      if (!t) {
        t = issueCertificate({ caDir: dir, dir, name: role, role }).then((files) =>
          loadTlsFiles({ caFile: join(dir, "ca.pem"), ...files }),
        );
        certificates.set(role, t);
      }
      return t;
    };
    const cluster = nats.name(name.replace(/[^A-Za-z0-9]/g, ""));
    const prefix = `${redis.prefix}auth`;
    const build = (nc: NatsConnection) =>
      createAuthService({
        redis: redis.client,
        nc,
        audit: createAuditEmitter({
          nc,
          prefix: cluster,
          service: "auth",
          auditKey: new Uint8Array(32),
        }),
        logger: { error: () => {} },
        settings: {
          redisPrefix: prefix,
          cluster,
          issuer: "keyfrag",
          defaultTtlSeconds: 900,
          maxTtlSeconds: 3600,
          keyRotationMs: 3_600_000,
          maxLoginFailures: 5,
          loginFailureWindowMs: 60_000,
        },
      });
    const auth = build(nats.nc);
    await auth.start();
    defer(() => auth.stop());
    const serve = async (address: string) => {
      const server = await startServer({
        address,
        credentials: serverCredentials(await tls("auth")),
        services: [{ definition: loadKeyfragProto().auth, implementation: auth.handlers }],
      });
      defer(() => server.shutdown(0));
      return server;
    };
    const address = `127.0.0.1:${(await serve("127.0.0.1:0")).port}`;
    const client = async (role: NodeRole, to = address) => {
      const c = createAuthClient(to, clientCredentials(await tls(role)));
      defer(() => c.close());
      return c;
    };
    const connect = async (clientName: string) => {
      const nc = await connectBus(nats.url, clientName);
      defer(() => nc.close());
      return nc;
    };
    const gateway = await client("gateway");
    return {
      redis,
      nats,
      cluster,
      prefix,
      auth,
      address,
      build,
      serve,
      tls,
      client,
      connect,
      async verifier(options = {}) {
        const { address: to, nc: given, role = "gateway", ...rest } = options;
        const nc = given ?? (await connect(`${name}-verifier`));
        const verifier = createTokenVerifier({
          auth: await client(role, to),
          nc,
          cluster,
          ...rest,
        });
        defer(() => verifier.close());
        return verifier;
      },
      async method(methodName) {
        const res = await call(gateway, "CreateAuthMethod", { name: methodName, access_key: {} });
        const accessId = res.method?.access_id ?? "";
        const stored = await auth.store.byAccessId(accessId);
        if (!stored) throw new Error("method not stored");
        return {
          accessId,
          issue: async (ttlSeconds) =>
            (
              await auth.tokens.issue(
                ttlSeconds ? { ...stored, tokenTtlSeconds: ttlSeconds } : stored,
                {},
              )
            ).token,
          issueTo: async (user) =>
            (await auth.tokens.issue(stored, user.subClaims ?? {}, user.uniqueId)).token,
        };
      },
      defer,
      [Symbol.asyncDispose]: dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}
