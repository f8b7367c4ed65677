/**
 * A scripted `keyfrag.v1.Gateway` server for SDK and CLI tests. It is a protocol peer that lets
 * tests observe the client's behaviour (metadata it sends, retries, renewals, error handling)
 * and script the gateway's answers; it is not a stand-in for the gateway service, which has
 * its own tests.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ServerCredentials, type ServerUnaryCall } from "@grpc/grpc-js";
import {
  type CertificateFiles,
  type GatewayHandlers,
  type Item,
  loadKeyfragProto,
  type RunningServer,
  serverStream,
  startServer,
  UnauthenticatedError,
  unary,
} from "@keyfrag/rpc";
import { createTestPki } from "@keyfrag/test-cluster";

/** A method handler: returns the response or throws a KeyfragError (sent as its status). */
export type ScriptedHandler = (request: never, call: ServerUnaryCall<unknown, unknown>) => unknown;

export interface RecordedCall {
  method: string;
  request: Record<string, unknown>;
  /** The `authorization` metadata value, if any. */
  authorization: string | undefined;
}

export interface ScriptedGateway extends AsyncDisposable {
  /** `127.0.0.1:<port>`. */
  address: string;
  /** The CA file that signed the server's certificate. */
  caFile: string;
  /** A client certificate (role client) signed by the same CA. */
  clientCert: CertificateFiles;
  /** Every call received, in order. */
  calls: RecordedCall[];
  /** Lifetime of the tokens Auth issues (default 60 s). */
  tokenTtlMs: number;
  /** Replaces the behaviour of one method (after the token check, except for Auth). */
  on(method: string, handler: ScriptedHandler): void;
  /** Makes the next `count` calls of `method` fail with `error` before reaching the handler. */
  failNext(method: string, count: number, error: () => Error): void;
  /** Issues a token directly (as Auth would) with the given lifetime. */
  issueToken(ttlMs?: number): { token: string; expiresAtMs: number };
  /** Expires every token issued so far. */
  expireTokens(): void;
  /** Forgets recorded calls, overrides and scripted failures; token lifetime back to 60 s. */
  reset(): void;
}

const now = () => Date.now();

function item(name: string, type = "static-secret", version = 1): Item {
  return {
    name,
    type,
    created_at_ms: now(),
    updated_at_ms: now(),
    current_version: version,
    max_versions: 10,
    versions: [{ version, created_at_ms: now(), key_name: "system", key_version: 1 }],
  };
}

export interface ScriptedGatewayOptions {
  /** Ask every client for a certificate signed by the test CA (default false). */
  requireClientCertificate?: boolean;
}

/** Starts the scripted gateway on a free port with TLS from a fresh test PKI. */
export async function startScriptedGateway(
  options: ScriptedGatewayOptions = {},
): Promise<ScriptedGateway> {
  const dir = await mkdtemp(join(tmpdir(), "kf-sdk-"));
  const pki = await createTestPki(dir);
  const serverTls = await pki.tls("gateway", "gw");
  const clientFiles = await pki.certFiles("client", "cli");
  const caFile = join(dir, "ca", "ca.pem");

  const tokens = new Map<string, number>();
  let counter = 0;
  const issueToken = (ttlMs = gateway.tokenTtlMs) => {
    counter += 1;
    const token = `tok-${counter}`;
    const expiresAtMs = now() + ttlMs;
    tokens.set(token, expiresAtMs);
    return { token, expiresAtMs };
  };

  const secrets = new Map<string, Buffer>();
  const defaults: Record<string, ScriptedHandler> = {
    Auth: (req: { access_id: string; access_key: string; jwt: string }) => {
      if (req.access_key !== "good-key" && !req.jwt) {
        throw new UnauthenticatedError("bad credentials");
      }
      const t = issueToken();
      return {
        token: t.token,
        expires_at_ms: t.expiresAtMs,
        identity: { access_id: req.access_id, auth_method: "m", auth_type: "access-key" },
      };
    },
    CreateSecret: (req: { name: string; value: Buffer; description: string }) => {
      secrets.set(req.name, req.value);
      return { ...item(req.name), description: req.description };
    },
    GetSecretValue: (req: { names: string[] }) => ({
      values: req.names.map((name) => ({
        name,
        version: 1,
        value: secrets.get(name) ?? Buffer.from(`value of ${name}`),
      })),
    }),
    UpdateSecretVal: (req: { name: string; value: Buffer }) => {
      secrets.set(req.name, req.value);
      return item(req.name, "static-secret", 2);
    },
    DescribeItem: (req: { name: string }) => item(req.name),
    DeleteItem: (req: { name: string }) => ({ ...item(req.name), deleted: true }),
    RestoreItem: (req: { name: string }) => item(req.name),
    ListItems: (req: { page_token: string }) =>
      req.page_token === ""
        ? { items: [item("/a/one"), item("/a/two")], next_page_token: "p2" }
        : { items: [item("/a/three", "dfc-key")], next_page_token: "" },
    CreateDfcKey: (req: { name: string; algorithm: string }) => ({
      ...item(req.name, "dfc-key"),
      dfc_key: { algorithm: req.algorithm, slots: 3, threshold: 2, current_version: 1 },
    }),
    Encrypt: (req: { plaintext: Buffer }) => ({
      ciphertext: Buffer.concat([Buffer.from("ct:"), req.plaintext]),
      key_version: 1,
    }),
    Decrypt: (req: { ciphertext: Buffer }) => ({ plaintext: req.ciphertext.subarray(3) }),
    Sign: () => ({ signature: Buffer.alloc(64, 7), key_version: 1 }),
    Verify: (req: { signature: Buffer }) => ({ valid: req.signature.equals(Buffer.alloc(64, 7)) }),
    RotateKey: (req: { name: string }) => item(req.name, "dfc-key", 2),
    RefreshKey: () => ({ epoch: 4, duration_ms: 12 }),
    CreateRole: (req: { name: string }) => ({ name: req.name, rules: [] }),
    SetRoleRule: (req: { role_name: string; rule: unknown }) => ({
      name: req.role_name,
      rules: [req.rule],
    }),
    DeleteRoleRule: (req: { role_name: string }) => ({ name: req.role_name, rules: [] }),
    AssocRoleAuthMethod: (req: Record<string, unknown>) => ({ id: "as-1", ...req }),
    CreateAuthMethod: (req: { name: string }) => ({
      method: { name: req.name, access_id: "p-123" },
      access_key: "shown-once",
    }),
    ListAuthMethods: () => ({
      methods: [{ name: "ci", access_id: "p-123", method: "access_key", access_key: {} }],
    }),
    DeleteAuthMethod: () => ({}),
    RevokeToken: () => ({}),
    DescribePermissions: () => ({
      roles: [
        {
          role_name: "reader",
          association_id: "as-1",
          rules: [{ rule_type: "item", path: "/a/*", capabilities: ["read", "list"] }],
        },
      ],
    }),
    GetAuditEvents: () => ({
      records: [
        {
          seq: 1,
          id: "e1",
          time_ms: Date.UTC(2026, 10, 22, 10, 0, 0),
          action: "get-secret-value",
          path: "/a/one",
          result: "allowed",
          actor: { access_id: "p-123" },
        },
      ],
      next_page_token: "",
    }),
    ClusterStatus: () => ({
      coordinator_id: "c1",
      leader: true,
      fencing_token: 3,
      nodes: [{ node_id: "fm-1", slot: 1, healthy: true, region: "r1", zone: "z1" }],
      keys: [],
    }),
  };
  const overrides = new Map<string, ScriptedHandler>();
  const failures = new Map<string, { count: number; error: () => Error }>();

  const implementation: Record<string, unknown> = {};
  /** What a scripted method answers, after the same token checks the gateway makes. */
  const answer = async (
    method: string,
    request: Record<string, unknown>,
    call: { metadata: ServerUnaryCall<unknown, unknown>["metadata"] },
  ): Promise<unknown> => {
    const [authorization] = call.metadata.get("authorization");
    gateway.calls.push({
      method,
      request,
      authorization: typeof authorization === "string" ? authorization : undefined,
    });
    const failure = failures.get(method);
    if (failure && failure.count > 0) {
      failure.count -= 1;
      throw failure.error();
    }
    if (method !== "Auth") {
      const token = typeof authorization === "string" ? authorization.slice(7) : "";
      const expiresAt = tokens.get(token);
      if (!authorization?.toString().startsWith("Bearer ") || expiresAt === undefined) {
        throw new UnauthenticatedError("invalid token");
      }
      if (expiresAt <= now()) throw new UnauthenticatedError("token expired");
    }
    const handler = overrides.get(method) ?? defaults[method];
    if (!handler) throw new UnauthenticatedError(`no handler for ${method}`);
    return (handler as (r: unknown, c: unknown) => unknown)(request, call);
  };
  const definition = loadKeyfragProto().gateway;
  for (const method of Object.keys(definition)) {
    implementation[method] = definition[method]?.responseStream
      ? // A streaming method's script answers the list of messages to stream.
        serverStream(
          async (request: Record<string, unknown>, write, call) => {
            const messages = (await answer(method, request, call)) as unknown[];
            for (const message of messages) await write(message);
          },
          { logger: { error: () => {} } },
        )
      : unary(
          (request: Record<string, unknown>, call: ServerUnaryCall<unknown, unknown>) =>
            answer(method, request, call),
          { logger: { error: () => {} } },
        );
  }

  const server: RunningServer = await startServer({
    address: "127.0.0.1:0",
    // grpc-js asks for a client certificate only when it requires one, so certificate logins
    // are tested against a server that requires it.
    credentials: ServerCredentials.createSsl(
      serverTls.ca,
      [{ cert_chain: serverTls.cert, private_key: serverTls.key }],
      options.requireClientCertificate ?? false,
    ),
    services: [
      {
        definition: loadKeyfragProto().gateway,
        implementation: implementation as GatewayHandlers as never,
      },
    ],
  });

  const gateway: ScriptedGateway = {
    address: `127.0.0.1:${server.port}`,
    caFile,
    clientCert: { certFile: clientFiles.cert, keyFile: clientFiles.key },
    calls: [],
    tokenTtlMs: 60_000,
    on: (method, handler) => overrides.set(method, handler),
    failNext: (method, count, error) => failures.set(method, { count, error }),
    issueToken: (ttlMs) => issueToken(ttlMs),
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    reset() {
      gateway.calls.length = 0;
      gateway.tokenTtlMs = 60_000;
      overrides.clear();
      failures.clear();
    },
    async [Symbol.asyncDispose]() {
      await server.shutdown(0);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return gateway;
}
