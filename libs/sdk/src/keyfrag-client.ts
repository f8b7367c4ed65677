/** The typed client of the keyfrag gateway (`keyfrag.v1.Gateway`). */
import { readFileSync } from "node:fs";
import { type ChannelCredentials, credentials as grpcCredentials, Metadata } from "@grpc/grpc-js";
import {
  type Association__Output,
  type AssocRoleAuthMethodRequest,
  type AuthenticateResponse__Output,
  type ClusterStatusRequest,
  type ClusterStatusResponse__Output,
  type CreateAuthMethodRequest,
  type CreateAuthMethodResponse__Output,
  type CreateDfcKeyRequest,
  type CreateDynamicSecretRequest,
  type CreateRoleRequest,
  type CreateSecretRequest,
  type CreateTargetRequest,
  type CustomProducer,
  call,
  createGatewayClient,
  type DecryptRequest,
  type DecryptResponse__Output,
  type DeleteAuthMethodRequest,
  type DeleteAuthMethodResponse__Output,
  type DeleteRoleResponse__Output,
  type DeleteRoleRuleRequest,
  type DescribePermissionsResponse__Output,
  type DynamicSecret__Output,
  type EncryptRequest,
  type EncryptResponse__Output,
  type ExportChunk__Output,
  type GatewayAuthRequest,
  type GatewayClient,
  type GetPublicKeyRequest,
  type GetPublicKeyResponse__Output,
  type GetSshCertificateRequest,
  type GetSshCertificateResponse__Output,
  InternalError,
  InvalidArgumentError,
  type Item__Output,
  type Lease__Output,
  type ListAuthMethodsRequest,
  type ListAuthMethodsResponse__Output,
  type ListDynamicSecretsRequest,
  type ListDynamicSecretsResponse__Output,
  type ListItemsRequest,
  type ListItemsResponse__Output,
  type ListLeasesRequest,
  type ListLeasesResponse__Output,
  type ListRolesRequest,
  type ListRolesResponse__Output,
  type ListTargetsRequest,
  type ListTargetsResponse__Output,
  type QueryEventsRequest,
  type QueryEventsResponse__Output,
  type RefreshKeyRequest,
  type RefreshKeyResponse__Output,
  type RequestOf,
  type ResponseOf,
  type RevokeLeasesByPrefixResponse__Output,
  type RevokeTokenRequest,
  type RevokeTokenResponse__Output,
  type Role__Output,
  type Rule,
  type SignRequest,
  type SignResponse__Output,
  type SweepOrphansResponse__Output,
  streamCall,
  type Target__Output,
  type UnaryMethodName,
  UnauthenticatedError,
  type UpdateDynamicSecretRequest,
  type UpdateSecretValRequest,
  type UpdateTargetRequest,
  type VerifyChainResponse__Output,
  type VerifyRequest,
  type VerifyResponse__Output,
} from "@keyfrag/rpc";
import { type BackoffOptions, withRetries } from "./retry.js";

/** Bytes as the SDK accepts them: a string is encoded as UTF-8 (pass a Buffer for binary). */
export type BytesInput = string | Uint8Array;

/** How the client logs in when it needs a token. */
export type KeyfragCredentials =
  | { accessId: string; accessKey: string }
  | { jwt: string; accessId?: string }
  | { certificate: true; accessId?: string };

/** A token and the instant (ms since the epoch) it expires. */
export interface TokenInfo {
  token: string;
  expiresAtMs: number;
}

export interface KeyfragClientOptions {
  /** The gateway, `host:port`. */
  address: string;
  /** The CA that signed the gateway's certificate (PEM file); default: the system roots. */
  caFile?: string;
  /** The same CA, as PEM bytes. */
  ca?: Buffer;
  /** A client certificate and key (PEM), for certificate auth. */
  cert?: Buffer;
  key?: Buffer;
  /** The same client certificate and key, as file paths. */
  certFile?: string;
  keyFile?: string;
  /** A token obtained earlier (e.g. stored by the CLI). */
  token?: string;
  /** When `token` expires (ms since the epoch), if known: lets the client renew in time. */
  tokenExpiresAtMs?: number;
  /** Credentials to log in with, lazily, and again before the token expires. */
  credentials?: KeyfragCredentials;
  /** Deadline of every call unless the call names one (default 10 s). */
  deadlineMs?: number;
  /** Retries after UNAVAILABLE (default 3). */
  retries?: number;
  /** Backoff between retries (default 100 ms doubling to at most 2 s, jittered). */
  backoff?: BackoffOptions;
  /** Called with every new token, e.g. to persist it. */
  onToken?: (token: TokenInfo) => void;
  /** Extra grpc-js channel options. */
  channelOptions?: Record<string, string | number>;
}

/** Options of one call. */
export interface KeyfragCallOptions {
  /** Time allowed for each attempt, from its start. */
  deadlineMs?: number;
}

type Bytes<T, K extends keyof T> = Omit<T, K> & { [P in K]?: BytesInput };

export type CreateSecretInput = Bytes<CreateSecretRequest, "value">;
export type UpdateSecretValInput = Bytes<UpdateSecretValRequest, "value">;
export type EncryptInput = Bytes<EncryptRequest, "plaintext">;
export type DecryptInput = Bytes<DecryptRequest, "ciphertext">;
export type SignInput = Bytes<SignRequest, "data">;
export type VerifyInput = Bytes<VerifyRequest, "data" | "signature">;
export type SetRoleRuleInput = { role_name: string; rule: Rule };
/** A target to create; `credentials` (e.g. `{ password }`) are sealed by the gateway. */
export type CreateTargetInput = Omit<CreateTargetRequest, "sealed_credentials">;
/**
 * A change to a target: connection settings to set (an empty value removes one), new
 * `credentials` (sealed by the gateway under the target's key), a new description.
 */
export type UpdateTargetInput = Omit<UpdateTargetRequest, "sealed_credentials">;
/** A dynamic secret to create: set the producer settings matching `type` (sql, redis…). */
export type CreateDynamicSecretInput = Omit<CreateDynamicSecretRequest, "custom" | "producer"> & {
  /** `payload` is sealed by the gateway. */
  custom?: Omit<CustomProducer, "sealed_payload"> | null;
};
/** An SSH certificate request: the caller's OpenSSH public key line and what to sign it for. */
export type GetSshCertificateInput = Omit<GetSshCertificateRequest, "client">;

/** A credential issued by `getDynamicSecretValue`. */
export interface DynamicSecretValueOutput {
  /** The credential (username, password, token, response…), parsed from the gateway's JSON. */
  value: Record<string, unknown>;
  /** The lease to renew or revoke; undefined for JWTs, which are not revoked but expire. */
  lease: Lease__Output | undefined;
}

/** A secret value as returned by `getSecretValue`. */
export interface SecretValueOutput {
  name: string;
  version: number;
  value: Buffer;
}

/**
 * One method per Gateway RPC. Every call sends the token as `authorization: Bearer <token>`
 * and is retried (with backoff) when the gateway is UNAVAILABLE — for every method, writes
 * included: a retried write may apply twice if the first attempt reached the gateway before
 * the connection failed, so use check-and-set (`updateSecretVal`) where that matters. Other
 * errors are thrown at once as @keyfrag/rpc error classes (NotFoundError, ConflictError…).
 */
export interface KeyfragClient extends Disposable {
  /** Logs in with `credentials` (default: the client's), remembers the token and returns it. */
  auth(
    credentials?: KeyfragCredentials,
    options?: KeyfragCallOptions,
  ): Promise<AuthenticateResponse__Output>;
  /** The token the client holds now, if any. */
  currentToken(): TokenInfo | undefined;

  createSecret(request: CreateSecretInput, options?: KeyfragCallOptions): Promise<Item__Output>;
  /**
   * The newest (or `version`) value of one or more secrets. `ignoreCache`: read past the
   * gateway's value cache (and fail rather than get a stale value when upstream is down).
   */
  getSecretValue(
    names: string | readonly string[],
    options?: KeyfragCallOptions & { version?: number; ignoreCache?: boolean },
  ): Promise<SecretValueOutput[]>;
  updateSecretVal(
    request: UpdateSecretValInput,
    options?: KeyfragCallOptions,
  ): Promise<Item__Output>;
  deleteItem(name: string, options?: KeyfragCallOptions): Promise<Item__Output>;
  restoreItem(name: string, options?: KeyfragCallOptions): Promise<Item__Output>;
  /** Removes a deleted item for good (every version; it cannot be restored after). */
  purgeItem(name: string, options?: KeyfragCallOptions): Promise<Item__Output>;
  /**
   * Destroys one version of a static secret for good (its value; its metadata stays, with
   * `destroyed_at_ms`); reading it is NOT_FOUND after. Needs delete on the item.
   */
  destroySecretVersion(
    name: string,
    version: number,
    options?: KeyfragCallOptions,
  ): Promise<Item__Output>;
  listItems(
    request?: ListItemsRequest,
    options?: KeyfragCallOptions,
  ): Promise<ListItemsResponse__Output>;
  describeItem(name: string, options?: KeyfragCallOptions): Promise<Item__Output>;

  createDfcKey(request: CreateDfcKeyRequest, options?: KeyfragCallOptions): Promise<Item__Output>;
  encrypt(request: EncryptInput, options?: KeyfragCallOptions): Promise<EncryptResponse__Output>;
  decrypt(request: DecryptInput, options?: KeyfragCallOptions): Promise<DecryptResponse__Output>;
  /**
   * Signs with a DFC Ed25519 key: needs `sign` on the key (`read` never signs), and for the key
   * of an SSH CA, a JWT issuer or the webhooks a rule naming that key itself.
   */
  sign(request: SignInput, options?: KeyfragCallOptions): Promise<SignResponse__Output>;
  verify(request: VerifyInput, options?: KeyfragCallOptions): Promise<VerifyResponse__Output>;
  getPublicKey(
    request: GetPublicKeyRequest,
    options?: KeyfragCallOptions,
  ): Promise<GetPublicKeyResponse__Output>;
  rotateKey(name: string, options?: KeyfragCallOptions): Promise<Item__Output>;
  refreshKey(
    request: RefreshKeyRequest,
    options?: KeyfragCallOptions,
  ): Promise<RefreshKeyResponse__Output>;

  createRole(request: CreateRoleRequest, options?: KeyfragCallOptions): Promise<Role__Output>;
  getRole(name: string, options?: KeyfragCallOptions): Promise<Role__Output>;
  listRoles(
    request?: ListRolesRequest,
    options?: KeyfragCallOptions,
  ): Promise<ListRolesResponse__Output>;
  deleteRole(name: string, options?: KeyfragCallOptions): Promise<DeleteRoleResponse__Output>;
  /** Sets one rule's capabilities: `create`, `read`, `update`, `delete`, `list`, `sign`, `deny`. */
  setRoleRule(request: SetRoleRuleInput, options?: KeyfragCallOptions): Promise<Role__Output>;
  /** Removes the role's rule of `rule_type` (item, role, auth-method, audit) on `path`. */
  deleteRoleRule(
    request: DeleteRoleRuleRequest,
    options?: KeyfragCallOptions,
  ): Promise<Role__Output>;
  assocRoleAuthMethod(
    request: AssocRoleAuthMethodRequest,
    options?: KeyfragCallOptions,
  ): Promise<Association__Output>;
  createAuthMethod(
    request: CreateAuthMethodRequest,
    options?: KeyfragCallOptions,
  ): Promise<CreateAuthMethodResponse__Output>;
  listAuthMethods(
    request?: ListAuthMethodsRequest,
    options?: KeyfragCallOptions,
  ): Promise<ListAuthMethodsResponse__Output>;
  deleteAuthMethod(
    request: DeleteAuthMethodRequest,
    options?: KeyfragCallOptions,
  ): Promise<DeleteAuthMethodResponse__Output>;
  /** Revokes a token, or every token of an access id; with no argument, the client's own token. */
  revokeToken(
    request?: RevokeTokenRequest,
    options?: KeyfragCallOptions,
  ): Promise<RevokeTokenResponse__Output>;
  describePermissions(options?: KeyfragCallOptions): Promise<DescribePermissionsResponse__Output>;
  getAuditEvents(
    request?: QueryEventsRequest,
    options?: KeyfragCallOptions,
  ): Promise<QueryEventsResponse__Output>;
  /** Walks the audit hash chain: ok, or the first record that does not fit and why. */
  verifyAuditChain(options?: KeyfragCallOptions): Promise<VerifyChainResponse__Output>;
  /**
   * Every audit record of the selection (newest first) as JSON lines, in chunks as the gateway
   * streams them: each line the record as the audit log stores and hashes it. Read it at your
   * pace; stopping early cancels the export. Default deadline: 30 minutes for the whole stream.
   */
  exportAuditEvents(
    request?: QueryEventsRequest,
    options?: KeyfragCallOptions,
  ): AsyncGenerator<string, void, undefined>;
  /** The cluster's nodes and services, and one page of the keys the caller may list. */
  clusterStatus(
    request?: ClusterStatusRequest,
    options?: KeyfragCallOptions,
  ): Promise<ClusterStatusResponse__Output>;

  /** Creates a target (a database or Redis keyfrag makes users on). */
  createTarget(request: CreateTargetInput, options?: KeyfragCallOptions): Promise<Target__Output>;
  getTarget(name: string, options?: KeyfragCallOptions): Promise<Target__Output>;
  /** Changes a target; new credentials take effect at once (its admin connections are replaced). */
  updateTarget(request: UpdateTargetInput, options?: KeyfragCallOptions): Promise<Target__Output>;
  /** One page of targets; follow `next_page_token` for the rest. */
  listTargets(
    request?: ListTargetsRequest,
    options?: KeyfragCallOptions,
  ): Promise<ListTargetsResponse__Output>;
  /** Refused while a dynamic secret uses the target. */
  deleteTarget(name: string, options?: KeyfragCallOptions): Promise<Target__Output>;
  createDynamicSecret(
    request: CreateDynamicSecretInput,
    options?: KeyfragCallOptions,
  ): Promise<DynamicSecret__Output>;
  /**
   * Changes TTLs, the description, or the producer's settings (sql, redis, ssh, jwt, custom; an
   * SSH CA's or JWT issuer's need sign on its key); leases issued before keep theirs.
   */
  updateDynamicSecret(
    request: UpdateDynamicSecretRequest,
    options?: KeyfragCallOptions,
  ): Promise<DynamicSecret__Output>;
  getDynamicSecret(name: string, options?: KeyfragCallOptions): Promise<DynamicSecret__Output>;
  /** One page of dynamic secrets; follow `next_page_token` for the rest. */
  listDynamicSecrets(
    request?: ListDynamicSecretsRequest,
    options?: KeyfragCallOptions,
  ): Promise<ListDynamicSecretsResponse__Output>;
  /** Refused while leases of it exist (revoke them first: `revokeLeasesByPrefix`). */
  deleteDynamicSecret(name: string, options?: KeyfragCallOptions): Promise<DynamicSecret__Output>;
  /** Has a custom producer's webhook rotate its payload (its rotate_url); keyfrag keeps the new one. */
  rotateCustomPayload(name: string, options?: KeyfragCallOptions): Promise<DynamicSecret__Output>;
  /**
   * Issues a credential under a lease. `ttlSeconds` (default: the dynamic secret's user TTL)
   * is capped by its max TTL; `args` (any JSON value) goes to custom producers as their input.
   */
  getDynamicSecretValue(
    name: string,
    options?: KeyfragCallOptions & { ttlSeconds?: number; args?: unknown },
  ): Promise<DynamicSecretValueOutput>;
  /** Signs an SSH public key with the dynamic secret's CA key. */
  getSshCertificate(
    request: GetSshCertificateInput,
    options?: KeyfragCallOptions,
  ): Promise<GetSshCertificateResponse__Output>;
  /** Extends a lease by `ttlSeconds` from now (default: the user TTL), capped by its max TTL. */
  renewLease(
    leaseId: string,
    options?: KeyfragCallOptions & { ttlSeconds?: number },
  ): Promise<Lease__Output>;
  /** Revokes now; on failure the lease stays and its revocation keeps being retried. */
  revokeLease(leaseId: string, options?: KeyfragCallOptions): Promise<Lease__Output>;
  /** Queues the revocation of every lease whose id starts with `prefix`. */
  revokeLeasesByPrefix(
    prefix: string,
    options?: KeyfragCallOptions,
  ): Promise<RevokeLeasesByPrefixResponse__Output>;
  /** One page of leases (optionally of one `state`, e.g. revoke-failed). */
  listLeases(
    request?: ListLeasesRequest,
    options?: KeyfragCallOptions,
  ): Promise<ListLeasesResponse__Output>;
  getLease(leaseId: string, options?: KeyfragCallOptions): Promise<Lease__Output>;
  /** Drops a lease without revoking it: the user on the target may remain. */
  forgetLease(leaseId: string, options?: KeyfragCallOptions): Promise<Lease__Output>;
  /** Removes the users keyfrag made on `target` that no live lease accounts for. */
  sweepOrphans(target: string, options?: KeyfragCallOptions): Promise<SweepOrphansResponse__Output>;

  /** Closes the channel. */
  close(): void;
}

const DEFAULT_DEADLINE_MS = 10_000;
/** The whole of one exportAuditEvents stream, unless the call says otherwise. */
const EXPORT_DEADLINE_MS = 30 * 60_000;
// Renew this long before expiry at most; short-lived tokens renew after 80 % of their life.
const RENEW_MARGIN_MS = 30_000;
const RENEW_FRACTION = 0.2;

type Method = UnaryMethodName<GatewayClient>;

/** Creates a client of the keyfrag gateway at `options.address` (TLS, token handling, retries). */
export function createKeyfragClient(options: KeyfragClientOptions): KeyfragClient {
  const channel = createChannel(options);
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const retries = options.retries ?? 3;

  let token: (TokenInfo & { renewAtMs: number }) | undefined;
  if (options.token) {
    const expiresAtMs = options.tokenExpiresAtMs ?? Number.POSITIVE_INFINITY;
    token = { token: options.token, expiresAtMs, renewAtMs: expiresAtMs };
  }
  let pendingLogin: Promise<AuthenticateResponse__Output> | undefined;

  const rpc = <M extends Method>(
    method: M,
    request: RequestOf<GatewayClient, M>,
    callOptions: KeyfragCallOptions,
    metadata?: Metadata,
  ): Promise<ResponseOf<GatewayClient, M>> =>
    withRetries(
      () =>
        call(channel, method, request, {
          deadlineMs: callOptions.deadlineMs ?? deadlineMs,
          ...(metadata ? { metadata } : {}),
        }),
      retries,
      options.backoff,
    );

  const login = (
    creds: KeyfragCredentials,
    callOptions: KeyfragCallOptions = {},
  ): Promise<AuthenticateResponse__Output> => {
    const startedAt = Date.now();
    return rpc("Auth", authRequest(creds), callOptions).then((response) => {
      const expiresAtMs = Number(response.expires_at_ms);
      const lifetime = Math.max(0, expiresAtMs - startedAt);
      token = {
        token: response.token,
        expiresAtMs,
        renewAtMs: expiresAtMs - Math.min(RENEW_MARGIN_MS, lifetime * RENEW_FRACTION),
      };
      options.onToken?.({ token: response.token, expiresAtMs });
      return response;
    });
  };

  // One login at a time: calls that find the token due for renewal share it.
  const relogin = (creds: KeyfragCredentials): Promise<AuthenticateResponse__Output> => {
    pendingLogin ??= login(creds).finally(() => {
      pendingLogin = undefined;
    });
    return pendingLogin;
  };

  const validToken = async (): Promise<string> => {
    const creds = options.credentials;
    if (creds && (!token || Date.now() >= token.renewAtMs)) await relogin(creds);
    if (!token) {
      throw new UnauthenticatedError("no token: pass a token or credentials to the client");
    }
    return token.token;
  };

  const authed = async <M extends Method>(
    method: M,
    request: RequestOf<GatewayClient, M>,
    callOptions: KeyfragCallOptions = {},
  ): Promise<ResponseOf<GatewayClient, M>> => {
    const used = await validToken();
    try {
      return await rpc(method, request, callOptions, bearer(used));
    } catch (err) {
      // The token may expire in flight, or the gateway's clock may run ahead: log in once more.
      const creds = options.credentials;
      if (!creds || !isExpiredToken(err)) throw err;
      if (token?.token === used) await relogin(creds);
      return rpc(method, request, callOptions, bearer(await validToken()));
    }
  };

  return {
    auth(creds, callOptions) {
      const chosen = creds ?? options.credentials;
      if (!chosen) return Promise.reject(new InvalidArgumentError("auth needs credentials"));
      return login(chosen, callOptions);
    },
    currentToken: () =>
      token ? { token: token.token, expiresAtMs: token.expiresAtMs } : undefined,

    createSecret: (request, o) =>
      authed("CreateSecret", { ...request, value: bytes(request.value) }, o),
    async getSecretValue(names, o = {}) {
      const list = typeof names === "string" ? [names] : [...names];
      const response = await authed(
        "GetSecretValue",
        { names: list, version: o.version ?? 0, ignore_cache: o.ignoreCache ?? false },
        o,
      );
      return response.values.map((v) => ({ name: v.name, version: v.version, value: v.value }));
    },
    updateSecretVal: (request, o) =>
      authed("UpdateSecretVal", { ...request, value: bytes(request.value) }, o),
    deleteItem: (name, o) => authed("DeleteItem", { name }, o),
    restoreItem: (name, o) => authed("RestoreItem", { name }, o),
    purgeItem: (name, o) => authed("PurgeItem", { name }, o),
    destroySecretVersion: (name, version, o) =>
      authed("DestroySecretVersion", { name, version }, o),
    listItems: (request = {}, o = {}) => authed("ListItems", request, o),
    describeItem: (name, o) => authed("DescribeItem", { name }, o),

    createDfcKey: (request, o) => authed("CreateDfcKey", request, o),
    encrypt: (request, o) =>
      authed("Encrypt", { ...request, plaintext: bytes(request.plaintext) }, o),
    decrypt: (request, o) =>
      authed("Decrypt", { ...request, ciphertext: bytes(request.ciphertext) }, o),
    sign: (request, o) => authed("Sign", { ...request, data: bytes(request.data) }, o),
    verify: (request, o) =>
      authed(
        "Verify",
        { ...request, data: bytes(request.data), signature: bytes(request.signature) },
        o,
      ),
    getPublicKey: (request, o) => authed("GetPublicKey", request, o),
    rotateKey: (name, o) => authed("RotateKey", { name }, o),
    refreshKey: (request, o) => authed("RefreshKey", request, o),

    createRole: (request, o) => authed("CreateRole", request, o),
    getRole: (name, o) => authed("GetRole", { name }, o),
    listRoles: (request = {}, o = {}) => authed("ListRoles", request, o),
    deleteRole: (name, o) => authed("DeleteRole", { name }, o),
    setRoleRule: (request, o) => authed("SetRoleRule", request, o),
    deleteRoleRule: (request, o) => authed("DeleteRoleRule", request, o),
    assocRoleAuthMethod: (request, o) => authed("AssocRoleAuthMethod", request, o),
    createAuthMethod: (request, o) => authed("CreateAuthMethod", request, o),
    listAuthMethods: (request = {}, o = {}) => authed("ListAuthMethods", request, o),
    deleteAuthMethod: (request, o) => authed("DeleteAuthMethod", request, o),
    async revokeToken(request, o) {
      const target = request ?? { token: await validToken() };
      return authed("RevokeToken", target, o);
    },
    describePermissions: (o) => authed("DescribePermissions", {}, o),
    getAuditEvents: (request = {}, o = {}) => authed("GetAuditEvents", request, o),
    verifyAuditChain: (o) => authed("VerifyAuditChain", {}, o),
    async *exportAuditEvents(request = {}, o = {}) {
      const chunks = streamCall<ExportChunk__Output>(channel, "ExportAuditEvents", request, {
        deadlineMs: o.deadlineMs ?? EXPORT_DEADLINE_MS,
        metadata: bearer(await validToken()),
      });
      for await (const chunk of chunks) yield chunk.lines;
    },
    clusterStatus: (request = {}, o = {}) => authed("ClusterStatus", request, o),

    createTarget: (request, o) => authed("CreateTarget", request, o),
    getTarget: (name, o) => authed("GetTarget", { name }, o),
    updateTarget: (request, o) => authed("UpdateTarget", request, o),
    listTargets: (request = {}, o = {}) => authed("ListTargets", request, o),
    deleteTarget: (name, o) => authed("DeleteTarget", { name }, o),
    createDynamicSecret: (request, o) => authed("CreateDynamicSecret", request, o),
    updateDynamicSecret: (request, o) => authed("UpdateDynamicSecret", request, o),
    getDynamicSecret: (name, o) => authed("GetDynamicSecret", { name }, o),
    listDynamicSecrets: (request = {}, o = {}) => authed("ListDynamicSecrets", request, o),
    deleteDynamicSecret: (name, o) => authed("DeleteDynamicSecret", { name }, o),
    rotateCustomPayload: (name, o) => authed("RotateCustomPayload", { name }, o),
    async getDynamicSecretValue(name, o = {}) {
      const response = await authed(
        "GetDynamicSecretValue",
        {
          name,
          ttl_seconds: o.ttlSeconds ?? 0,
          args_json: o.args === undefined ? "" : JSON.stringify(o.args),
        },
        o,
      );
      return {
        value: parseValue(response.value_json),
        lease: response.lease?.id ? response.lease : undefined,
      };
    },
    getSshCertificate: (request, o) => authed("GetSshCertificate", request, o),
    renewLease: (leaseId, o = {}) =>
      authed("RenewLease", { lease_id: leaseId, ttl_seconds: o.ttlSeconds ?? 0 }, o),
    revokeLease: (leaseId, o) => authed("RevokeLease", { lease_id: leaseId }, o),
    revokeLeasesByPrefix: (prefix, o) => authed("RevokeLeasesByPrefix", { prefix }, o),
    listLeases: (request = {}, o = {}) => authed("ListLeases", request, o),
    getLease: (leaseId, o) => authed("GetLease", { lease_id: leaseId }, o),
    forgetLease: (leaseId, o) => authed("ForgetLease", { lease_id: leaseId }, o),
    sweepOrphans: (target, o) => authed("SweepOrphans", { target }, o),

    close: () => channel.close(),
    [Symbol.dispose]: () => channel.close(),
  };
}

/** Whether `err` says the token expired (the gateway answers UNAUTHENTICATED "token expired"). */
export function isExpiredToken(err: unknown): boolean {
  return err instanceof UnauthenticatedError && /expired/i.test(err.message);
}

function bearer(token: string): Metadata {
  const metadata = new Metadata();
  metadata.set("authorization", `Bearer ${token}`);
  return metadata;
}

function bytes(value: BytesInput | undefined): Buffer {
  if (value === undefined) return Buffer.alloc(0);
  // protobufjs would read a string as base64; the SDK promises UTF-8.
  return typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value);
}

// Neither message nor cause quotes the text: it holds the credential (JSON.parse's errors
// quote the input).
function parseValue(json: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InternalError("the gateway returned a dynamic secret value that is not JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InternalError(
      "the gateway returned a dynamic secret value that is not a JSON object",
    );
  }
  return value as Record<string, unknown>;
}

function authRequest(creds: KeyfragCredentials): GatewayAuthRequest {
  if ("accessKey" in creds) return { access_id: creds.accessId, access_key: creds.accessKey };
  if ("jwt" in creds) return { access_id: creds.accessId ?? "", jwt: creds.jwt };
  return { access_id: creds.accessId ?? "", use_client_certificate: true };
}

function createChannel(options: KeyfragClientOptions): GatewayClient {
  if (!options.address) throw new InvalidArgumentError("the gateway address is required");
  const ca = options.ca ?? (options.caFile ? readPem(options.caFile, "CA") : undefined);
  const cert =
    options.cert ?? (options.certFile ? readPem(options.certFile, "certificate") : undefined);
  const key = options.key ?? (options.keyFile ? readPem(options.keyFile, "key") : undefined);
  if ((cert === undefined) !== (key === undefined)) {
    throw new InvalidArgumentError("a client certificate needs both a certificate and a key");
  }
  const channelCredentials: ChannelCredentials = grpcCredentials.createSsl(
    ca ?? null,
    key ?? null,
    cert ?? null,
  );
  // createGatewayClient reconnects quickly: a restarted gateway is back within seconds.
  return createGatewayClient(options.address, channelCredentials, options.channelOptions);
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new InvalidArgumentError(`cannot read the ${what} file ${path}`, { cause: err });
  }
}
