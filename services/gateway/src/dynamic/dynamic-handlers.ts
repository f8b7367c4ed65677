/**
 * The dynamic-secret methods of `keyfrag.v1.Gateway`: targets, dynamic secrets, credentials,
 * SSH certificates and leases. The gateway authorizes and audits; the producers service does
 * the work. Secrets given here (a target's credentials, a custom producer's payload) are sealed
 * under a DFC key before they leave the gateway, bound to what they belong to.
 */
import {
  type CallOptions,
  call,
  FailedPreconditionError,
  type GatewayHandlers,
  InvalidArgumentError,
  KeyfragError,
  type Lease__Output,
  PermissionDeniedError,
  type ProducerMember,
  type ProducersClient,
  producerMember,
  type RequestOf,
  type UnaryMethodName,
  UnavailableError,
} from "@keyfrag/rpc";
import { checkItemPath, checkKeyName } from "../items/item-names.js";
import type { KeyService } from "../keys/key-service.js";
import type { GatewayOperations, Operation } from "../pipeline/operations.js";
import type { PageTokens } from "../pipeline/page-tokens.js";
import type { Caller, Check, GatewayLogger, Pipeline, RequestPlan } from "../pipeline/pipeline.js";
import { type ProducerKeys, signsForDynamicSecrets } from "./producer-keys.js";
import { sealContext } from "./seal-context.js";

export interface DynamicDeps {
  pipeline: Pipeline;
  /** Unset when this gateway has no producers service: the methods answer FAILED_PRECONDITION. */
  producers: ProducersClient | undefined;
  keys: Pick<KeyService, "encrypt">;
  /** Signing keys the producers service may use (see producer-keys.ts). */
  producerKeys: Pick<ProducerKeys, "allow" | "allowed">;
  systemKey: string;
  pages: PageTokens;
  logger: GatewayLogger;
}

/** Most leases RevokeLeasesByPrefix checks permissions for in one request. */
const MAX_PREFIX_LEASES = 10_000;
const MAX_CREDENTIAL_BYTES = 64 * 1024;
const CREDENTIAL_FIELDS = ["password"];

type DynamicMethod = keyof Pick<
  GatewayHandlers,
  | "CreateTarget"
  | "GetTarget"
  | "ListTargets"
  | "UpdateTarget"
  | "DeleteTarget"
  | "CreateDynamicSecret"
  | "GetDynamicSecret"
  | "ListDynamicSecrets"
  | "UpdateDynamicSecret"
  | "DeleteDynamicSecret"
  | "RotateCustomPayload"
  | "GetDynamicSecretValue"
  | "GetSshCertificate"
  | "RenewLease"
  | "RevokeLease"
  | "RevokeLeasesByPrefix"
  | "ListLeases"
  | "GetLease"
  | "ForgetLease"
  | "SweepOrphans"
>;

const item = (path: string, capability: Check["capability"]): Check => ({
  ruleType: "item",
  path,
  capability,
});

/** A target's privileged credentials as the JSON that is sealed (a password only). */
function checkCredentials(credentials: Record<string, string> | undefined): string {
  for (const key of Object.keys(credentials ?? {})) {
    // Every target type takes a password only; anything else is a typo that would be sealed
    // and silently ignored.
    if (!CREDENTIAL_FIELDS.includes(key)) {
      throw new InvalidArgumentError(
        `credentials.${key} is not a credential field (${CREDENTIAL_FIELDS.join(", ")})`,
      );
    }
  }
  const json = JSON.stringify(credentials ?? {});
  if (Buffer.byteLength(json) > MAX_CREDENTIAL_BYTES) {
    throw new InvalidArgumentError(`credentials are larger than ${MAX_CREDENTIAL_BYTES} bytes`);
  }
  return json;
}

/** The dynamic secret a lease id belongs to (`<dynamic secret>/<random>`). */
export function leaseSecret(leaseId: unknown): string {
  // Only the shape is checked here: an id of that shape that no lease has is the producers'
  // to call "not found", after the caller was allowed on its dynamic secret.
  if (typeof leaseId !== "string" || !/^\/.+\/[^/]{1,128}$/.test(leaseId)) {
    throw new InvalidArgumentError(
      "lease_id must be a lease id (<dynamic secret name>/<random>, as get-dynamic-secret-value prints it)",
    );
  }
  return checkItemPath(leaseId.slice(0, leaseId.lastIndexOf("/")), "lease_id");
}

/** A folder prefix for lists: "" (everything) or an absolute path. */
function folderPrefix(value: string, field: string): string {
  if (!value) return "";
  if (!value.startsWith("/")) throw new InvalidArgumentError(`${field} must start with "/"`);
  if (value.length > 1024) throw new InvalidArgumentError(`${field} is too long`);
  return value;
}

/** The key an SSH CA or JWT issuer signs with (the member's own field only). */
function signingKeyOf(
  req: { ssh?: { ca_key_name?: string } | null; jwt?: { key_name?: string } | null },
  member: ProducerMember | undefined,
): string | undefined {
  if (member === "ssh") return req.ssh?.ca_key_name || undefined;
  if (member === "jwt") return req.jwt?.key_name || undefined;
  return undefined;
}

/** Whether a target's dynamic secret brings statements or ACL rules of its own (not the defaults). */
function customStatements(
  req: {
    sql?: {
      creation_statements?: string[];
      revocation_statements?: string[];
      renew_statements?: string[];
    } | null;
    redis?: { acl_rules?: string[] } | null;
  },
  member: ProducerMember | undefined,
): boolean {
  if (member === "sql") {
    const sql = req.sql;
    return [sql?.creation_statements, sql?.revocation_statements, sql?.renew_statements].some(
      (list) => (list?.length ?? 0) > 0,
    );
  }
  return member === "redis" && (req.redis?.acl_rules?.length ?? 0) > 0;
}

/** The handlers of the dynamic-secret methods. */
export function dynamicHandlers(deps: DynamicDeps): Pick<GatewayOperations, DynamicMethod> {
  const { pipeline, pages } = deps;

  const producers = (): ProducersClient => {
    if (!deps.producers) {
      throw new FailedPreconditionError(
        "dynamic secrets are not enabled on this gateway (no KF_PRODUCERS_ADDRESS)",
      );
    }
    return deps.producers;
  };

  /** Calls the producers service; UNAVAILABLE says which service is down. */
  async function forward<M extends UnaryMethodName<ProducersClient>>(
    method: M,
    req: RequestOf<ProducersClient, M>,
    caller: Caller,
    options: CallOptions = {},
  ) {
    try {
      return await call(producers(), method, req, {
        requestId: caller.requestId,
        deadlineMs: 30_000,
        ...options,
      });
    } catch (err) {
      if (err instanceof KeyfragError && err.code === "unavailable") {
        throw new UnavailableError(`producers service unavailable: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }

  const route =
    <Req, Res>(
      method: DynamicMethod,
      plan: (req: Req, caller: Caller) => RequestPlan | Promise<RequestPlan>,
      work: (req: Req, caller: Caller, plan: RequestPlan) => Promise<Res>,
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

  const named = (capability: Check["capability"]) => (req: { name?: string }) => {
    const name = checkItemPath(req.name, "name");
    return { path: name, checks: [item(name, capability)] };
  };
  const onLease = (capability: Check["capability"]) => (req: { lease_id?: string }) => {
    const secret = leaseSecret(req.lease_id);
    return {
      path: secret,
      checks: [item(secret, capability)],
      fields: { leaseId: String(req.lease_id) },
    };
  };

  /** Only the records the caller may `list`. */
  async function visible<T>(caller: Caller, records: T[], nameOf: (r: T) => string): Promise<T[]> {
    const allowed = await Promise.all(
      records.map((r) => pipeline.allows(caller, item(nameOf(r), "list"))),
    );
    return records.filter((_, i) => allowed[i]);
  }

  const seal = (keyName: string, purpose: string, name: string, plaintext: Uint8Array) =>
    deps.keys.encrypt(keyName, plaintext, sealContext(purpose, name)).then((r) => r.ciphertext);

  const clientOf = (caller: Caller) => ({
    access_id: caller.identity.access_id ?? "",
    sub_claims: caller.identity.sub_claims ?? {},
  });

  return {
    CreateTarget: route(
      "CreateTarget",
      (req) => {
        const name = checkItemPath(req.name, "name");
        const checks = [item(name, "create")];
        const fields: Record<string, string> = { type: String(req.type ?? "") };
        if (req.key_name) {
          fields.keyName = checkKeyName(req.key_name, "key_name");
          checks.push(item(fields.keyName, "read"));
        }
        return { path: name, checks, fields };
      },
      async (req, caller) => {
        const credentials = checkCredentials(req.credentials);
        const keyName = req.key_name || deps.systemKey;
        const sealed = await seal(keyName, "target", req.name, Buffer.from(credentials));
        return forward(
          "CreateTarget",
          { ...req, credentials: {}, sealed_credentials: sealed, key_name: keyName },
          caller,
        );
      },
    ),
    GetTarget: route("GetTarget", named("read"), (req, caller) =>
      forward("GetTarget", req, caller),
    ),
    ListTargets: route(
      "ListTargets",
      (req) => ({ path: folderPrefix(req.prefix, "prefix"), checks: [] }),
      async (req, caller) => {
        const id = caller.identity.access_id ?? "";
        const page = await forward(
          "ListTargets",
          { ...req, page_token: pages.open(req.page_token, id, "targets") },
          caller,
        );
        return {
          targets: await visible(caller, page.targets, (t) => t.name),
          next_page_token: pages.seal(page.next_page_token, id, "targets"),
        };
      },
    ),
    UpdateTarget: route(
      "UpdateTarget",
      (req) => {
        const name = checkItemPath(req.name, "name");
        const changed = [
          ...(Object.keys(req.connection ?? {}).length ? ["connection"] : []),
          ...(Object.keys(req.credentials ?? {}).length ? ["credentials"] : []),
          ...(req.description ? ["description"] : []),
        ];
        return {
          path: name,
          checks: [item(name, "update")],
          fields: { changed: changed.join(",") },
        };
      },
      async (req, caller) => {
        if ((req.sealed_credentials?.length ?? 0) > 0) {
          throw new InvalidArgumentError(
            "sealed_credentials is set by the gateway, not the caller",
          );
        }
        if (Object.keys(req.credentials ?? {}).length === 0) {
          return forward("UpdateTarget", { ...req, credentials: {} }, caller);
        }
        const credentials = checkCredentials(req.credentials);
        // Sealed as CreateTarget seals: under the target's key, which (unless it is the system
        // key) the caller must be able to read, as creating the target under it required.
        const target = await forward("GetTarget", { name: req.name }, caller);
        const keyName = target.key_name || deps.systemKey;
        if (keyName !== deps.systemKey && !(await pipeline.allows(caller, item(keyName, "read")))) {
          throw new PermissionDeniedError(
            `not allowed to read key ${keyName}, which seals the credentials of target ${req.name}`,
          );
        }
        const sealed = await seal(keyName, "target", req.name, Buffer.from(credentials));
        return forward(
          "UpdateTarget",
          { ...req, credentials: {}, sealed_credentials: sealed },
          caller,
        );
      },
    ),
    DeleteTarget: route("DeleteTarget", named("delete"), (req, caller) =>
      forward("DeleteTarget", req, caller),
    ),

    CreateDynamicSecret: route(
      "CreateDynamicSecret",
      async (req) => {
        const name = checkItemPath(req.name, "name");
        const checks: Check[] = [item(name, "create")];
        const fields: Record<string, string> = { type: String(req.type ?? "") };
        // The checked key is the key of the one member the producers service will use.
        const member = producerMember(req);
        // Using a target or a key is using what it guards: read on it, as Encrypt needs.
        if (req.target) {
          fields.target = checkItemPath(req.target, "target");
          checks.push(item(fields.target, "read"));
          // Statements and ACL rules of one's own run as the target's admin: administering the
          // target (update on it), as Vault lets only a connection's admin allow a role.
          if (customStatements(req, member)) checks.push(item(fields.target, "update"));
        }
        const signingKey = signingKeyOf(req, member);
        if (signingKey) {
          // An SSH CA or a JWT issuer signs for whoever may read the dynamic secret: handing the
          // key to one is signing with it.
          fields.keyName = checkKeyName(signingKey, "key name");
          // A key that signs for dynamic secrets already (or for the webhooks): another issuer
          // with wider limits would be signing around the first one's, so as for Sign, only a
          // rule naming the key grants it.
          const why = signsForDynamicSecrets(fields.keyName);
          const exact = (await deps.producerKeys.allowed(fields.keyName)) ? { exact: { why } } : {};
          checks.push({ ...item(fields.keyName, "sign"), ...exact });
        } else if (member === "custom" && req.custom?.key_name) {
          fields.keyName = checkKeyName(req.custom.key_name, "key name");
          checks.push(item(fields.keyName, "read"));
        }
        return { path: name, checks, fields };
      },
      async (req, caller) => {
        // Policy allowed this caller to sign with the key: dynamic secrets may now sign with it.
        const signingKey = signingKeyOf(req, producerMember(req));
        if (signingKey) await deps.producerKeys.allow(checkKeyName(signingKey, "key name"));
        if (!req.custom) return forward("CreateDynamicSecret", req, caller);
        if (Buffer.byteLength(req.custom.payload ?? "") > MAX_CREDENTIAL_BYTES) {
          throw new InvalidArgumentError(
            `custom.payload is larger than ${MAX_CREDENTIAL_BYTES} bytes`,
          );
        }
        const keyName = req.custom.key_name || deps.systemKey;
        const sealed = await seal(
          keyName,
          "payload",
          req.name,
          Buffer.from(req.custom.payload ?? ""),
        );
        return forward(
          "CreateDynamicSecret",
          {
            ...req,
            custom: { ...req.custom, payload: "", sealed_payload: sealed, key_name: keyName },
          },
          caller,
        );
      },
    ),
    UpdateDynamicSecret: route(
      "UpdateDynamicSecret",
      (req) => {
        const name = checkItemPath(req.name, "name");
        return { path: name, checks: [item(name, "update")] };
      },
      async (req, caller) => {
        const member = producerMember(req);
        if (!member) return forward("UpdateDynamicSecret", req, caller);
        const current = await forward("GetDynamicSecret", { name: req.name }, caller);
        if (customStatements(req, member)) {
          // As at creation: statements and ACL rules of one's own run as the target's admin.
          if (current.target && !(await pipeline.allows(caller, item(current.target, "update")))) {
            throw new PermissionDeniedError(
              `statements or ACL rules of one's own need update on item ${current.target}`,
            );
          }
        }
        if (member === "ssh" || member === "jwt") {
          // New principals, options or claims are what the key will sign for anyone who may read
          // the dynamic secret: as at creation, the caller must be allowed to sign with it (the
          // new key, or the current one when none is named).
          const keyName = checkKeyName(
            signingKeyOf(req, member) ??
              (member === "ssh" ? current.ssh?.ca_key_name : current.jwt?.key_name),
            "key name",
          );
          const why = signsForDynamicSecrets(keyName);
          const exact = (await deps.producerKeys.allowed(keyName)) ? { exact: { why } } : {};
          if (!(await pipeline.allows(caller, { ...item(keyName, "sign"), ...exact }))) {
            throw new PermissionDeniedError(
              exact.exact
                ? `changing what ${req.name} signs needs sign on item ${keyName} from a rule naming ${keyName} itself (a glob such as /* is not enough: ${why}); add such a rule to one of your roles`
                : `changing what ${req.name} signs needs sign on item ${keyName}`,
            );
          }
          await deps.producerKeys.allow(keyName);
          return forward("UpdateDynamicSecret", req, caller);
        }
        if (member === "custom" && req.custom) {
          if ((req.custom.sealed_payload?.length ?? 0) > 0) {
            throw new InvalidArgumentError(
              "custom.sealed_payload is set by the gateway, not the caller",
            );
          }
          if (!req.custom.payload) return forward("UpdateDynamicSecret", req, caller);
          // A new payload is sealed as at creation: under the key named (read on it needed),
          // else the current one.
          const keyName = req.custom.key_name || current.custom?.key_name || deps.systemKey;
          if (
            keyName !== deps.systemKey &&
            !(await pipeline.allows(caller, item(keyName, "read")))
          ) {
            throw new PermissionDeniedError(
              `not allowed to read key ${keyName}, which would seal the payload of ${req.name}`,
            );
          }
          if (Buffer.byteLength(req.custom.payload) > MAX_CREDENTIAL_BYTES) {
            throw new InvalidArgumentError(
              `custom.payload is larger than ${MAX_CREDENTIAL_BYTES} bytes`,
            );
          }
          const sealed = await seal(keyName, "payload", req.name, Buffer.from(req.custom.payload));
          return forward(
            "UpdateDynamicSecret",
            {
              ...req,
              custom: { ...req.custom, payload: "", sealed_payload: sealed, key_name: keyName },
            },
            caller,
          );
        }
        return forward("UpdateDynamicSecret", req, caller);
      },
    ),
    GetDynamicSecret: route("GetDynamicSecret", named("read"), (req, caller) =>
      forward("GetDynamicSecret", req, caller),
    ),
    ListDynamicSecrets: route(
      "ListDynamicSecrets",
      (req) => ({ path: folderPrefix(req.prefix, "prefix"), checks: [] }),
      async (req, caller) => {
        const id = caller.identity.access_id ?? "";
        const page = await forward(
          "ListDynamicSecrets",
          { ...req, page_token: pages.open(req.page_token, id, "dynamic-secrets") },
          caller,
        );
        return {
          dynamic_secrets: await visible(caller, page.dynamic_secrets, (d) => d.name),
          next_page_token: pages.seal(page.next_page_token, id, "dynamic-secrets"),
        };
      },
    ),
    DeleteDynamicSecret: route("DeleteDynamicSecret", named("delete"), (req, caller) =>
      forward("DeleteDynamicSecret", req, caller),
    ),

    RotateCustomPayload: route("RotateCustomPayload", named("update"), (req, caller) =>
      forward("RotateCustomPayload", req, caller),
    ),
    GetDynamicSecretValue: route(
      "GetDynamicSecretValue",
      (req) => {
        const name = checkItemPath(req.name, "name");
        return {
          path: name,
          checks: [item(name, "read")],
          fields: { ttlSeconds: String(req.ttl_seconds ?? 0) },
        };
      },
      (req, caller) =>
        forward("GetDynamicSecretValue", { ...req, client: clientOf(caller) }, caller),
    ),
    GetSshCertificate: route(
      "GetSshCertificate",
      (req) => {
        const name = checkItemPath(req.name, "name");
        return {
          path: name,
          checks: [item(name, "read")],
          fields: {
            principals: (req.principals ?? []).join(","),
            ttlSeconds: String(req.ttl_seconds ?? 0),
          },
        };
      },
      (req, caller) => forward("GetSshCertificate", { ...req, client: clientOf(caller) }, caller),
    ),

    RenewLease: route("RenewLease", onLease("update"), (req, caller) =>
      forward("RenewLease", req, caller),
    ),
    RevokeLease: route("RevokeLease", onLease("delete"), (req, caller) =>
      forward("RevokeLease", req, caller),
    ),
    ForgetLease: route("ForgetLease", onLease("delete"), (req, caller) =>
      forward("ForgetLease", req, caller),
    ),
    GetLease: route("GetLease", onLease("read"), (req, caller) => forward("GetLease", req, caller)),
    RevokeLeasesByPrefix: route(
      "RevokeLeasesByPrefix",
      async (req, caller) => {
        const prefix = req.prefix ?? "";
        if (!prefix.startsWith("/") || prefix === "/") {
          throw new InvalidArgumentError('prefix must be an absolute path other than "/"');
        }
        // delete on every dynamic secret the prefix covers: the bulk revoke is as allowed as
        // revoking each lease would be. A caller's only_dynamic_secrets narrows that to the
        // listed dynamic secrets (exact names), never widens it.
        const only = req.only_dynamic_secrets ? new Set(req.dynamic_secrets ?? []) : undefined;
        const secrets = new Set<string>();
        let token = "";
        let seen = 0;
        let covered = 0;
        do {
          const page = await forward(
            "ListLeases",
            { prefix, state: "", page_size: 1000, page_token: token },
            caller,
          );
          for (const l of page.leases) {
            if (only && !only.has(l.dynamic_secret)) continue;
            secrets.add(l.dynamic_secret);
            covered++;
          }
          seen += page.leases.length;
          token = page.next_page_token;
          if (seen > MAX_PREFIX_LEASES) {
            throw new FailedPreconditionError(
              `more than ${MAX_PREFIX_LEASES} leases under ${prefix}; use a narrower prefix`,
            );
          }
        } while (token);
        return {
          path: prefix,
          checks: [...secrets].map((s) => item(s, "delete")),
          fields: { dynamicSecrets: String(secrets.size), leases: String(covered) },
        };
      },
      // Only the leases of the dynamic secrets checked above: one made under the prefix since
      // (of a secret the caller may not delete) is not revoked.
      (req, caller, plan) =>
        forward(
          "RevokeLeasesByPrefix",
          {
            prefix: req.prefix,
            dynamic_secrets: plan.checks
              .filter((c) => c.ruleType === "item" && c.capability === "delete")
              .map((c) => c.path),
            only_dynamic_secrets: true,
          },
          caller,
          { deadlineMs: 120_000 },
        ),
    ),
    ListLeases: route(
      "ListLeases",
      (req) => ({
        path: folderPrefix(req.prefix, "prefix"),
        checks: [],
        fields: { state: String(req.state ?? "") },
      }),
      async (req, caller) => {
        const id = caller.identity.access_id ?? "";
        const page = await forward(
          "ListLeases",
          { ...req, page_token: pages.open(req.page_token, id, "leases") },
          caller,
        );
        return {
          leases: await visible<Lease__Output>(caller, page.leases, (l) => l.dynamic_secret),
          next_page_token: pages.seal(page.next_page_token, id, "leases"),
        };
      },
    ),
    SweepOrphans: route(
      "SweepOrphans",
      (req) => {
        const target = checkItemPath(req.target, "target");
        return { path: target, checks: [item(target, "update")] };
      },
      (req, caller) => forward("SweepOrphans", req, caller, { deadlineMs: 120_000 }),
    ),
  };
}
