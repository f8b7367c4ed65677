/**
 * The operations of `keyfrag.v1.Gateway`, every one through the request pipeline; main.ts
 * serves them over gRPC (pipeline/operations.ts) and REST (rest/).
 */

import type { handleServerStreamingCall } from "@grpc/grpc-js";
import type { VerifiedToken } from "@keyfrag/auth-client";
import {
  type AuditClient,
  type AuthClient,
  type AuthenticateRequest,
  ConflictError,
  call,
  checkHealth,
  type ExportChunk,
  type ExportChunk__Output,
  FailedPreconditionError,
  InvalidArgumentError,
  type Item__Output,
  KeyfragError,
  type Logger,
  NotFoundError,
  PermissionDeniedError,
  type PolicyClient,
  type ProducersClient,
  parseIdentity,
  type QueryEventsRequest__Output,
  REQUEST_ID_KEY,
  type SecretsClient,
  serverStream,
  streamCall,
  UnauthenticatedError,
} from "@keyfrag/rpc";
import { readThrough } from "./cache/read-through.js";
import type { SecretCache, SecretValue } from "./cache/secret-cache.js";
import { dynamicHandlers } from "./dynamic/dynamic-handlers.js";
import { type ProducerKeys, signsForDynamicSecrets } from "./dynamic/producer-keys.js";
import type { SecretService } from "./items/secret-service.js";
import { fromSecrets } from "./items/upstream-errors.js";
import { callerContext, checkContext } from "./keys/envelope.js";
import type { KeyItems } from "./keys/key-items.js";
import { type KeyService, keyAlgorithm } from "./keys/key-service.js";
import { type PlannedMethod, type PlannedRequest, planFor } from "./pipeline/authorization.js";
import { filterBounded } from "./pipeline/bounded-filter.js";
import type { GatewayOperations, Operation } from "./pipeline/operations.js";
import type { PageTokens } from "./pipeline/page-tokens.js";
import type { Caller, GatewayLogger, Pipeline, RequestPlan } from "./pipeline/pipeline.js";
import { peerAddress } from "./pipeline/request-context.js";
import { customerSlotOf, encryptsUnder, type RotationJobs } from "./rotation/index.js";
import type { CoordinatorPool } from "./upstream/coordinators.js";

export interface GatewayDeps {
  pipeline: Pipeline;
  verifier: { verify(token: string): Promise<VerifiedToken> };
  auth: AuthClient;
  policy: PolicyClient;
  audit: AuditClient;
  secrets: SecretsClient;
  secretService: SecretService;
  /** Values read through the gateway (disabled when KF_CACHE_TTL_MS is 0). */
  cache: Pick<SecretCache, "ticket" | "put" | "fresh" | "stale" | "invalidate" | "clear">;
  keys: KeyService;
  /** Which keys may be used (their dfc-key item exists, not deleted): told of deletes/restores. */
  keyItems?: Pick<KeyItems, "forget">;
  /** Rotates a DFC key (coordinator RotateKey + the item's new version); the new version. */
  rotateKey: (name: string, requestId?: string) => Promise<number>;
  /** Queues moving stored secrets to a key's new version. */
  rotation: Pick<RotationJobs, "enqueueRewrap">;
  coordinators: Pick<CoordinatorPool, "clusterStatus">;
  /** Seals the page tokens of filtered lists (see pipeline/page-tokens.ts). */
  pages: PageTokens;
  /** The producers service (dynamic secrets), when this gateway has one. */
  producers: ProducersClient | undefined;
  /** The DFC key targets' credentials are sealed under when they name none. */
  systemKey: string;
  producerKeys: ProducerKeys;
  logger: GatewayLogger;
}

/** Forwards the caller's request id to the services behind, so one id follows a request. */
const forward = (caller: Caller) => ({ requestId: caller.requestId });
/** Policy checks one ClusterStatus request runs at once (one per key name). */
const CLUSTER_STATUS_CHECKS = 16;

/** The operations of `keyfrag.v1.Gateway`, for any transport. */
export function gatewayOperations(deps: GatewayDeps): GatewayOperations {
  const { pipeline, logger, cache, pages } = deps;

  /**
   * Revoking another identity's tokens needs `update` on its auth method, named as rules name
   * it (by the method's name, looked up from the access id); one's own tokens, nothing. A whole
   * access id is one's own only for an access-key method: the users of a JWT, Kubernetes or
   * certificate method share its access id, and one of them must not log out all the others.
   */
  async function revokePlan(
    accessId: string,
    caller: Caller,
    fields: Record<string, string>,
    wholeAccessId = false,
  ): Promise<RequestPlan> {
    if (!/^p-[A-Za-z0-9_-]{1,128}$/.test(accessId)) {
      throw new InvalidArgumentError("access_id must be an auth method access id (p-…)");
    }
    const own =
      accessId === caller.identity.access_id &&
      (!wholeAccessId || caller.verified.identity.authType === "access-key");
    if (own) return { path: `/${accessId}`, checks: [], fields };
    // A method that is gone is checked under its access id, so the answer does not say which
    // access ids exist.
    const method = await call(deps.auth, "GetAuthMethod", { access_id: accessId }, forward(caller))
      .then((m) => m.name)
      .catch((err: unknown) => {
        if (err instanceof KeyfragError && err.code === "not-found") return accessId;
        throw err;
      });
    const path = method.startsWith("/") ? method : `/${method}`;
    return {
      path,
      checks: [{ ruleType: "auth-method", path, capability: "update" }],
      fields: { ...fields, accessId },
    };
  }

  /**
   * Runs a write of item `name`, then drops the item from the cache (the change event follows,
   * but this caller may read again before it arrives). Also after a failure whose outcome is
   * unknown; not after UNAVAILABLE, when the write did not happen and the cached value is still
   * the one to serve if the service stays down.
   */
  const writing = async <T>(name: string, write: Promise<T>): Promise<T> => {
    try {
      const result = await write;
      cache.invalidate(name);
      return result;
    } catch (err) {
      if (!(err instanceof KeyfragError && err.code === "unavailable")) cache.invalidate(name);
      throw err;
    }
  };

  /** A method whose checks follow from its request (see planFor). */
  const planned =
    <Req, Res>(
      method: PlannedMethod,
      work: (req: Req, caller: Caller, plan: RequestPlan) => Promise<Res>,
      plan: (req: Req, caller: Caller) => RequestPlan | Promise<RequestPlan> = (req) =>
        planFor(method, req as PlannedRequest),
    ): Operation<Req, Res> =>
    (req, c) => {
      let made: RequestPlan | undefined;
      return pipeline.run(
        c,
        method,
        async (caller) => {
          made = await plan(req, caller);
          return made;
        },
        (caller) => work(req, caller, made as RequestPlan),
      );
    };

  /** Only the items the caller may `list`. */
  const visible = async (caller: Caller, items: Item__Output[]) => {
    const allowed = await Promise.all(
      items.map((i) =>
        pipeline.allows(caller, { ruleType: "item", path: i.name, capability: "list" }),
      ),
    );
    return items.filter((_, n) => allowed[n]);
  };

  return {
    ...dynamicHandlers({
      pipeline,
      producers: deps.producers,
      keys: deps.keys,
      producerKeys: deps.producerKeys,
      systemKey: deps.systemKey,
      pages,
      logger,
    }),
    Auth: async (req, c) => {
      const credentials = [
        req.access_key !== "",
        req.jwt !== "",
        req.use_client_certificate,
      ].filter(Boolean).length;
      if (credentials !== 1) {
        throw new InvalidArgumentError(
          "exactly one of access_key, jwt or use_client_certificate is required",
        );
      }
      const request: AuthenticateRequest = {
        access_id: req.access_id,
        source_address: peerAddress(c.getPeer()),
      };
      if (req.access_key) request.access_key = req.access_key;
      else if (req.jwt) request.jwt = req.jwt;
      else {
        const certificate = c.getAuthContext().sslPeerCertificate;
        if (!certificate?.raw) {
          throw new UnauthenticatedError("no verified client certificate was presented");
        }
        // The cluster CA also certifies keyfrag's own nodes (and the customer fragment node,
        // whose key an operator holds): a node identity is never a user (role `client` is).
        const cn: unknown = certificate.subject?.CN;
        const node = typeof cn === "string" ? parseIdentity(cn) : undefined;
        if (node && node.role !== "client") {
          throw new PermissionDeniedError("a keyfrag node certificate cannot log in as a user");
        }
        request.client_certificate = certificate.raw;
      }
      const [requestId] = c.metadata.get(REQUEST_ID_KEY);
      return call(deps.auth, "Authenticate", request, {
        ...(typeof requestId === "string" ? { requestId } : {}),
      });
    },

    CreateSecret: planned("CreateSecret", (req) =>
      writing(
        req.name,
        deps.secretService.create({
          name: req.name,
          value: req.value,
          description: req.description,
          tags: req.tags,
          keyName: req.key_name,
          maxVersions: req.max_versions,
        }),
      ),
    ),
    GetSecretValue: (req, c) => {
      let plan: RequestPlan | undefined;
      // Taken from the cache before authorization, served only after it and the audit event.
      let hit: SecretValue[] | undefined;
      return pipeline.run(
        c,
        "GetSecretValue",
        () => {
          plan = planFor("GetSecretValue", req as PlannedRequest);
          if (req.ignore_cache) return { ...plan, fields: { ...plan.fields, cache: "ignored" } };
          hit = cache.fresh(req.names, req.version);
          return hit ? { ...plan, fields: { ...plan.fields, cache: "hit" } } : plan;
        },
        async (caller) => {
          if (hit) return { values: hit };
          if (req.ignore_cache) {
            // Straight from the secrets service; what it answers refreshes the cache.
            const ticket = cache.ticket();
            const values = await deps.secretService.read(req.names, req.version);
            cache.put(ticket, req.version, values);
            return { values };
          }
          const { values } = await readThrough(
            {
              cache,
              read: (names, version) => deps.secretService.read(names, version),
              beforeStale: async (err) => {
                // Serving a value upstream could not confirm is recorded as such, durably.
                await pipeline.recordAllowed(
                  caller,
                  "GetSecretValue",
                  { ...(plan as RequestPlan), fields: { ...plan?.fields, cache: "stale" } },
                  `served from the cache: ${err instanceof Error ? err.message : String(err)}`,
                );
                logger.warn(
                  { requestId: caller.requestId, names: req.names.length, err },
                  "upstream unavailable; serving cached values",
                );
              },
            },
            req.names,
            req.version,
          );
          return { values };
        },
      );
    },
    UpdateSecretVal: planned("UpdateSecretVal", (req) =>
      writing(
        req.name,
        deps.secretService.update({
          name: req.name,
          value: req.value,
          checkAndSet: req.check_and_set,
          expectedVersion: req.expected_version,
        }),
      ),
    ),
    DeleteItem: planned("DeleteItem", async (req, caller) => {
      const item = await writing(
        req.name,
        fromSecrets(call(deps.secrets, "DeleteItem", { name: req.name }, forward(caller))),
      );
      deps.keyItems?.forget(req.name);
      // A deleted key stops at once here: nothing decrypted with it is served from the cache.
      if (item.type === "dfc-key") cache.clear();
      return item;
    }),
    PurgeItem: planned("PurgeItem", (req, caller) =>
      writing(
        req.name,
        fromSecrets(call(deps.secrets, "PurgeItem", { name: req.name }, forward(caller))),
      ),
    ),
    DestroySecretVersion: planned("DestroySecretVersion", (req, caller) =>
      writing(
        req.name,
        fromSecrets(
          call(
            deps.secrets,
            "DestroyVersion",
            { name: req.name, version: req.version },
            forward(caller),
          ),
        ),
      ),
    ),
    RestoreItem: planned("RestoreItem", async (req, caller) => {
      const item = await writing(
        req.name,
        fromSecrets(call(deps.secrets, "RestoreItem", { name: req.name }, forward(caller))),
      );
      deps.keyItems?.forget(req.name);
      return item;
    }),
    DescribeItem: planned("DescribeItem", (req, caller) =>
      fromSecrets(call(deps.secrets, "DescribeItem", { name: req.name }, forward(caller))),
    ),
    ListItems: planned("ListItems", async (req, caller, plan) => {
      const id = caller.identity.access_id ?? "";
      const upstream = {
        ...req,
        path: plan.path,
        page_token: pages.open(req.page_token, id, "items"),
      };
      const page = await fromSecrets(call(deps.secrets, "ListItems", upstream, forward(caller)));
      return {
        items: await visible(caller, page.items),
        next_page_token: pages.seal(page.next_page_token, id, "items"),
      };
    }),

    CreateDfcKey: planned("CreateDfcKey", async (req, caller) => {
      const algorithm = keyAlgorithm(req.algorithm);
      // Deleting a key item keeps the key (RestoreItem undoes it); a new key under the name
      // would make every ciphertext and signature naming it refer to another key.
      const taken = (cause: unknown) =>
        new ConflictError(
          `key ${req.name} already exists (also when its item was deleted: RestoreItem brings it back; a key's name is never given to another key)`,
          { cause },
        );
      const customer = req.customer_slot || req.customer_frg_id !== "";
      let made: {
        slots: number;
        threshold: number;
        version: number;
        createdAtMs: string;
        customerFrgId: string;
      };
      let adopting: unknown;
      try {
        const info = await deps.keys.create({
          name: req.name,
          algorithm,
          slots: req.slots,
          threshold: req.threshold,
          customerSlot: req.customer_slot,
          customerFrgId: req.customer_frg_id,
        });
        made = {
          slots: info.public_data?.slots.length ?? req.slots,
          threshold: info.public_data?.threshold ?? req.threshold,
          version: info.ref?.version ?? 1,
          createdAtMs: String(info.created_at_ms),
          customerFrgId: info.customer_frg_id || req.customer_frg_id,
        };
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        // A key with no item at all (a CreateDfcKey that stopped between its two steps) is
        // usable by nobody (keys/key-items.ts): it is given its item if it is what is asked for.
        const key = await deps.keys.lookup(req.name, true);
        if (key.algorithm !== algorithm) throw taken(err);
        if (customer) deps.keys.checkCustomerShare(req.name, key.view.key);
        adopting = err;
        made = {
          slots: key.view.key.slots.length,
          threshold: key.view.key.threshold,
          version: key.view.version,
          createdAtMs: String(Date.now()),
          customerFrgId: req.customer_frg_id,
        };
      }
      return call(
        deps.secrets,
        "CreateItem",
        {
          name: req.name,
          type: "dfc-key",
          description: req.description,
          tags: req.tags,
          dfc_key: {
            algorithm,
            slots: made.slots,
            threshold: made.threshold,
            customer_slot: customer,
            // Checked above to be this gateway's: only gateways of that slot use the key.
            ...(customer
              ? {
                  customer_frg_id: made.customerFrgId,
                  customer_fragment_slot: deps.keys.customerSlot ?? 0,
                }
              : {}),
            rotation_interval_days: req.rotation_interval_days,
            current_version: made.version,
            last_rotated_at_ms: made.createdAtMs,
          },
        },
        forward(caller),
      ).catch((err: unknown) => {
        // The item exists (perhaps deleted): the name is taken.
        if (adopting !== undefined && err instanceof ConflictError) throw taken(adopting);
        throw err;
      });
    }),
    Encrypt: planned(
      "Encrypt",
      async (req) => {
        const { ciphertext, keyVersion } = await deps.keys.encrypt(
          req.key_name,
          req.plaintext,
          callerContext(req.context),
        );
        return { ciphertext, key_version: keyVersion };
      },
      (req) => ({
        ...planFor("Encrypt", req as PlannedRequest),
        secretFields: contextFields(checkContext(req.context)),
      }),
    ),
    Decrypt: planned(
      "Decrypt",
      async (req) => {
        if (req.ciphertext.length === 0) throw new InvalidArgumentError("ciphertext is required");
        return {
          plaintext: await deps.keys.decrypt(
            req.key_name,
            req.ciphertext,
            callerContext(req.context),
          ),
        };
      },
      (req) => ({
        ...planFor("Decrypt", req as PlannedRequest),
        secretFields: contextFields(checkContext(req.context)),
      }),
    ),
    Sign: planned(
      "Sign",
      async (req) => {
        const { signature, keyVersion } = await deps.keys.sign(req.key_name, req.data, req.version);
        return { signature, key_version: keyVersion };
      },
      async (req) => {
        const plan = planFor("Sign", req as PlannedRequest);
        // The key of an SSH CA, a JWT issuer or the webhooks signs outside their limits only
        // for a rule naming it: a glob granting sign (even /*) is not enough.
        if (!(await deps.producerKeys.allowed(plan.path))) return plan;
        const why = signsForDynamicSecrets(plan.path);
        return { ...plan, checks: plan.checks.map((c) => ({ ...c, exact: { why } })) };
      },
    ),
    Verify: planned("Verify", async (req) => ({
      valid: await deps.keys.verify(req.key_name, req.data, req.signature, req.version),
    })),
    GetPublicKey: planned("GetPublicKey", async (req) => {
      const key = await deps.keys.publicKey(req.key_name, req.version);
      return {
        algorithm: key.algorithm,
        version: key.version,
        public_key: key.raw,
        public_key_pem: key.pem,
      };
    }),
    RotateKey: planned("RotateKey", async (req, caller) => {
      const item = await call(deps.secrets, "DescribeItem", { name: req.name }, forward(caller));
      if (item.type !== "dfc-key") {
        throw new FailedPreconditionError(`${req.name} is a ${item.type}, not a DFC key`);
      }
      const version = await deps.rotateKey(req.name, caller.requestId);
      // Stored secrets move to the new version in the background; until then the old one reads them.
      if (encryptsUnder(item))
        await deps.rotation.enqueueRewrap(req.name, version, {
          customerSlot: customerSlotOf(item),
        });
      return call(deps.secrets, "DescribeItem", { name: req.name }, forward(caller));
    }),
    RefreshKey: planned("RefreshKey", (req) => deps.keys.refresh(req.name, req.version)),

    CreateRole: planned("CreateRole", (req, caller) =>
      call(deps.policy, "CreateRole", req, forward(caller)),
    ),
    GetRole: planned("GetRole", (req, caller) =>
      call(deps.policy, "GetRole", req, forward(caller)),
    ),
    ListRoles: planned("ListRoles", async (req, caller) => {
      const id = caller.identity.access_id ?? "";
      const upstream = { ...req, page_token: pages.open(req.page_token, id, "roles") };
      const page = await call(deps.policy, "ListRoles", upstream, forward(caller));
      const allowed = await Promise.all(
        page.roles.map((r) =>
          pipeline.allows(caller, { ruleType: "role", path: `/${r.name}`, capability: "list" }),
        ),
      );
      return {
        roles: page.roles.filter((_, i) => allowed[i]),
        next_page_token: pages.seal(page.next_page_token, id, "roles"),
      };
    }),
    DeleteRole: planned("DeleteRole", (req, caller) =>
      call(deps.policy, "DeleteRole", req, forward(caller)),
    ),
    SetRoleRule: planned("SetRoleRule", (req, caller) =>
      call(deps.policy, "SetRoleRule", req, forward(caller)),
    ),
    DeleteRoleRule: planned("DeleteRoleRule", (req, caller) =>
      call(deps.policy, "DeleteRoleRule", req, forward(caller)),
    ),
    AssocRoleAuthMethod: planned("AssocRoleAuthMethod", async (req, caller) => {
      // Policy does not know auth methods: without this, a mistyped access id would be granted
      // the role and nobody would ever log in with it, silently.
      await call(
        deps.auth,
        "GetAuthMethod",
        { name: "", access_id: req.access_id },
        forward(caller),
      ).catch((err: unknown) => {
        if (err instanceof KeyfragError && err.code === "not-found") {
          throw new NotFoundError(
            `no auth method has access id ${JSON.stringify(req.access_id)} (list the auth methods to find it)`,
            { cause: err },
          );
        }
        throw err;
      });
      return call(deps.policy, "AssocRoleAuthMethod", req, forward(caller));
    }),

    CreateAuthMethod: planned("CreateAuthMethod", (req, caller) =>
      call(deps.auth, "CreateAuthMethod", req, forward(caller)),
    ),
    ListAuthMethods: planned("ListAuthMethods", async (req, caller) => {
      const id = caller.identity.access_id ?? "";
      const upstream = { ...req, page_token: pages.open(req.page_token, id, "auth-methods") };
      const page = await call(deps.auth, "ListAuthMethods", upstream, forward(caller));
      const allowed = await Promise.all(
        page.methods.map((m) =>
          pipeline.allows(caller, {
            ruleType: "auth-method",
            path: m.name.startsWith("/") ? m.name : `/${m.name}`,
            capability: "list",
          }),
        ),
      );
      return {
        methods: page.methods.filter((_, i) => allowed[i]),
        next_page_token: pages.seal(page.next_page_token, id, "auth-methods"),
      };
    }),
    DeleteAuthMethod: planned(
      "DeleteAuthMethod",
      async (req, caller) => {
        await call(deps.auth, "DeleteAuthMethod", req, forward(caller));
        return {};
      },
      async (req, caller) => {
        if (req.name) return planFor("DeleteAuthMethod", req as PlannedRequest);
        if (!req.access_id) throw new InvalidArgumentError("name or access_id is required");
        // Rules name methods by name: find the name of the method this access id belongs to.
        // A missing one is checked under its access id, so that whether an access id exists is
        // told only to a caller allowed to delete it.
        const name = await call(
          deps.auth,
          "GetAuthMethod",
          { access_id: req.access_id },
          forward(caller),
        )
          .then((method) => method.name)
          .catch((err: unknown) => {
            if (err instanceof KeyfragError && err.code === "not-found") return req.access_id;
            throw err;
          });
        return {
          ...planFor("DeleteAuthMethod", { name }),
          fields: { accessId: req.access_id },
        };
      },
    ),
    RevokeToken: (req, c) =>
      pipeline.run(
        c,
        "RevokeToken",
        async (caller): Promise<RequestPlan> => {
          if (req.target === "token") {
            const target = req.token ?? "";
            if (target === caller.token) return { path: "", checks: [] };
            let verified: VerifiedToken;
            try {
              verified = await deps.verifier.verify(target);
            } catch (err) {
              throw new InvalidArgumentError(
                `token is not a live token: ${err instanceof Error ? err.message : String(err)}`,
              );
            }
            return revokePlan(verified.identity.accessId, caller, { jti: verified.jti });
          }
          if (req.target === "access_id") {
            return revokePlan(req.access_id ?? "", caller, {}, true);
          }
          throw new InvalidArgumentError("token or access_id is required");
        },
        async (caller) => {
          const request =
            req.target === "token"
              ? { token: req.token ?? "" }
              : { access_id: req.access_id ?? "" };
          await call(deps.auth, "RevokeToken", request, forward(caller));
          return {};
        },
      ),
    DescribePermissions: planned("DescribePermissions", (_req, caller) =>
      call(deps.policy, "DescribePermissions", { identity: caller.identity }, forward(caller)),
    ),
    GetAuditEvents: planned("GetAuditEvents", (req, caller) =>
      call(deps.audit, "QueryEvents", req, forward(caller)),
    ),
    VerifyAuditChain: planned("VerifyAuditChain", (_req, caller) =>
      call(deps.audit, "VerifyChain", {}, { ...forward(caller), deadlineMs: 120_000 }),
    ),
    // Any valid token sees the nodes, but only the keys it may `list` (as ListItems shows items).
    ClusterStatus: planned("ClusterStatus", async (req, caller) => {
      // A page of keys at a time (the coordinators page by name): the policy checks below are
      // per key on the page, so their number does not grow with the registry.
      const status = await deps.coordinators.clusterStatus({
        page_size: req.page_size,
        page_token: req.page_token,
      });
      const names = new Set([
        ...status.keys.map((k) => k.name),
        ...status.nodes.flatMap((n) => n.keys.map((k) => k.name)),
      ]);
      // One policy check per name, CLUSTER_STATUS_CHECKS at once (any token may ask).
      const listable = new Set(
        await filterBounded([...names], CLUSTER_STATUS_CHECKS, (name) =>
          pipeline.allows(caller, { ruleType: "item", path: name, capability: "list" }),
        ),
      );
      return {
        ...status,
        nodes: status.nodes.map((n) => ({
          ...n,
          keys: n.keys.filter((k) => listable.has(k.name)),
        })),
        keys: status.keys.filter((k) => listable.has(k.name)),
        services: await serviceHealth(deps),
      };
    }),
  };
}

/** How long one ExportAuditEvents may stream from the audit service. */
const EXPORT_DEADLINE_MS = 30 * 60_000;

/**
 * ExportAuditEvents, served apart from the unary operations: after the pipeline (token, read on
 * audit /events, the durable audit event), the audit service's ExportEvents chunks are passed
 * on as they come, at the client's pace (grpc-js stops reading upstream while `write` waits),
 * so no export is ever held in memory whole. A client that goes away cancels the upstream call.
 */
export function exportAuditEvents(
  deps: Pick<GatewayDeps, "pipeline" | "audit">,
  logger: Logger,
): handleServerStreamingCall<QueryEventsRequest__Output, ExportChunk> {
  return serverStream<QueryEventsRequest__Output, ExportChunk>(
    (req, write, call) =>
      deps.pipeline.run(
        call,
        "ExportAuditEvents",
        () => planFor("ExportAuditEvents", req as PlannedRequest),
        async (caller) => {
          const chunks = streamCall<ExportChunk__Output>(
            deps.audit,
            "ExportEvents",
            { ...req, page_size: 0, page_token: "" },
            { requestId: caller.requestId, deadlineMs: EXPORT_DEADLINE_MS },
          );
          for await (const chunk of chunks) await write({ lines: chunk.lines });
        },
      ),
    { logger },
  );
}

/** The health of the services behind the gateway, each asked at once (2 s at most). */
async function serviceHealth(
  deps: Pick<GatewayDeps, "auth" | "policy" | "audit" | "secrets" | "producers">,
) {
  const services = [
    ["auth", deps.auth],
    ["policy", deps.policy],
    ["audit", deps.audit],
    ["secrets", deps.secrets],
    ...(deps.producers ? [["producers", deps.producers] as const] : []),
  ] as const;
  return Promise.all(
    services.map(async ([name, client]) => ({ name, ...(await checkHealth(client)) })),
  );
}

/** Encryption context entries, for audit as HMACs only (a context may name sensitive things). */
function contextFields(context: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(context).map(([k, v]) => [`context.${k}`, v]));
}
