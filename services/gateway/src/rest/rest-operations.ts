/**
 * The REST operations, in Akeyless V2's words: each names its path (`POST /<name>`), the JSON
 * Schema of its body (validated by Fastify, and the OpenAPI document is made of it) and how it
 * runs, always by invoking the gateway's own operations (pipeline/operations.ts), never a copy.
 * Request fields are kebab-case, answers snake_case; see rest-values.ts for the value rules.
 */
import {
  type DynamicSecret,
  FailedPreconditionError,
  InvalidArgumentError,
  type Item,
  KEY_ALGORITHMS,
  KeyfragError,
  type Lease,
  NotFoundError,
} from "@keyfrag/rpc";
import { type Static, type TObject, type TProperties, Type } from "@sinclair/typebox";
import type { GatewayMethod, OperationRequest, OperationResponse } from "../pipeline/operations.js";
import {
  authMethodNamed,
  Bool,
  bool,
  COMMON_FIELDS,
  Int,
  int,
  isoDate,
  itemName,
  Name,
  portText,
  Strings,
  strings,
  Text,
  Ttl,
  textOf,
  ttlSeconds,
} from "./rest-values.js";

/** Calls one gateway operation for the REST request being served (its token, its peer). */
export type Invoke = <M extends GatewayMethod>(
  method: M,
  request: OperationRequest<M>,
) => Promise<OperationResponse<M>>;

/** The body every operation's schema accepts besides its own fields. */
type CommonBody = Static<TObject<typeof COMMON_FIELDS>>;

/** One REST operation. */
export interface RestOperation {
  /** The path after the mount point, e.g. `get-secret-value`. */
  name: string;
  /** Other paths for the same operation (older Akeyless names). */
  aliases?: string[];
  tag: string;
  summary: string;
  /** The body's JSON Schema: what Fastify validates and the OpenAPI document shows. */
  body: TObject;
  /** Whether the call needs no token (auth). */
  anonymous?: boolean;
  /**
   * Request fields (the proto's, last part) whose body field is not their kebab-case, so that
   * messages name the body's field (rest-field-terms.ts): `{ key_name: "protection_key" }`.
   */
  fieldNames?: Readonly<Record<string, string>>;
  run(body: CommonBody, invoke: Invoke): Promise<unknown>;
}

interface OperationSpec<P extends TProperties> extends Omit<RestOperation, "body" | "run"> {
  fields: P;
  run(body: Static<TObject<P>> & CommonBody, invoke: Invoke): Promise<unknown>;
}

const op = <P extends TProperties>(spec: OperationSpec<P>): RestOperation => {
  const { fields, run, ...rest } = spec;
  return {
    ...rest,
    body: Type.Object({ ...COMMON_FIELDS, ...fields } as TProperties, {
      additionalProperties: true,
    }),
    // The body was validated against exactly this schema before `run` is called.
    run: run as RestOperation["run"],
  };
};

const opt = Type.Optional;

/** `input-format` / `output-format`: "base64" for bytes, else (default) UTF-8 text. */
const Format = (description: string) =>
  opt(Type.Union([Type.Literal(""), Type.Literal("base64")], { description }));

/** Akeyless' names for keyfrag's item types. */
const ITEM_TYPES: Record<string, string> = {
  "static-secret": "STATIC_SECRET",
  "dfc-key": "DFC",
  "sealed-key": "CLASSIC_KEY",
};

/** An item as Akeyless clients read it (describe-item, list-items), with keyfrag's own fields. */
export function itemView(item: Item) {
  const versions = item.versions ?? [];
  return {
    item_name: item.name ?? "",
    item_type: ITEM_TYPES[item.type ?? ""] ?? String(item.type ?? "").toUpperCase(),
    type: item.type ?? "",
    item_tags: item.tags ?? [],
    description: item.description ?? "",
    last_version: item.current_version ?? 0,
    creation_date: isoDate(item.created_at_ms as string | undefined),
    modification_date: isoDate(item.updated_at_ms as string | undefined),
    deletion_date: isoDate(item.deleted_at_ms as string | undefined),
    is_enabled: !item.deleted,
    protection_key_name: item.key_name ?? "",
    max_versions: item.max_versions ?? 0,
    item_versions: versions.map((v) => ({
      version: v.version ?? 0,
      creation_date: isoDate(v.created_at_ms as string | undefined),
    })),
    ...(item.dfc_key
      ? {
          with_customer_fragment: Boolean(item.dfc_key.customer_slot),
          customer_frg_id: item.dfc_key.customer_frg_id ?? "",
          item_size: item.dfc_key.algorithm ?? "",
          split_level: item.dfc_key.slots ?? 0,
          threshold: item.dfc_key.threshold ?? 0,
          rotation_interval: item.dfc_key.rotation_interval_days ?? 0,
          auto_rotate: String((item.dfc_key.rotation_interval_days ?? 0) > 0),
          last_rotation_date: isoDate(item.dfc_key.last_rotated_at_ms as string | undefined),
        }
      : {}),
  };
}

/** A TTL in seconds as Akeyless writes one: "60m", or "90s" when not whole minutes. */
const ttlText = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`);

/**
 * A dynamic secret as keyfrag's fields, beside the names of Akeyless' DSProducerDetails (which
 * its generated clients keep of `dynamic_secret_details`: dynamic_secret_name, user_ttl,
 * <db>_creation_statements, create_sync_url…).
 */
function dynamicSecretView(ds: DynamicSecret) {
  const db = ds.type === "postgresql" ? "postgres" : ds.type;
  const userTtl = ds.user_ttl_seconds ?? 0;
  return {
    name: ds.name ?? "",
    type: ds.type ?? "",
    target: ds.target ?? "",
    user_ttl_seconds: userTtl,
    max_ttl_seconds: ds.max_ttl_seconds ?? 0,
    description: ds.description ?? "",
    creation_date: isoDate(ds.created_at_ms as string | undefined),
    dynamic_secret_name: ds.name ?? "",
    dynamic_secret_type: ds.type ?? "",
    user_ttl: userTtl ? ttlText(userTtl) : "",
    ...(ds.sql
      ? {
          creation_statements: ds.sql.creation_statements ?? [],
          revocation_statements: ds.sql.revocation_statements ?? [],
          [`${db}_creation_statements`]: (ds.sql.creation_statements ?? []).join("\n"),
          [`${db}_revocation_statements`]: (ds.sql.revocation_statements ?? []).join("\n"),
        }
      : {}),
    ...(ds.redis ? { acl_rules: ds.redis.acl_rules ?? [] } : {}),
    ...(ds.ssh
      ? {
          signer_key_name: ds.ssh.ca_key_name ?? "",
          allowed_users: ds.ssh.allowed_principals ?? [],
        }
      : {}),
    ...(ds.custom
      ? {
          create_sync_url: ds.custom.create_url ?? "",
          revoke_sync_url: ds.custom.revoke_url ?? "",
          rotate_sync_url: ds.custom.rotate_url ?? "",
          timeout_seconds: ds.custom.timeout_seconds ?? 0,
        }
      : {}),
  };
}

function leaseView(lease: Lease) {
  const expires = Number(lease.expires_at_ms ?? 0);
  return {
    id: lease.id ?? "",
    lease_id: lease.id ?? "",
    dynamic_secret: lease.dynamic_secret ?? "",
    target: lease.target ?? "",
    type: lease.type ?? "",
    user: lease.external_id ?? "",
    state: lease.state ?? "",
    access_id: lease.access_id ?? "",
    creation_date: isoDate(lease.created_at_ms as string | undefined),
    expiration: isoDate(expires),
    ttl_in_minutes:
      expires > 0 ? String(Math.max(0, Math.round((expires - Date.now()) / 60_000))) : "",
  };
}

/** A string field's value as bytes: UTF-8, or base64 when `format` says so. */
function bytesOf(value: string, format: string | undefined, field: string): Buffer {
  if (format === "base64") {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      throw new InvalidArgumentError(`${field} is not base64`);
    }
    return Buffer.from(value, "base64");
  }
  return Buffer.from(value, "utf8");
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidArgumentError(`${field} must be an object of strings`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new InvalidArgumentError(`${field}.${k} must be a string`);
    out[k] = v;
  }
  return out;
}

/** Leases per ListLeases page (the gateway's largest) and the most tmp-creds-Get reads. */
const LEASE_PAGE = 1000;
const MAX_LISTED_LEASES = 10_000;

/** The name of the private target a dynamic secret created with inline connection details has. */
export const privateTargetName = (dynamicSecret: string) => `${dynamicSecret}.target`;

/** The flat credentials Akeyless clients read, beside keyfrag's own fields. */
function credentialsView(res: OperationResponse<"GetDynamicSecretValue">) {
  let value: Record<string, unknown> = {};
  try {
    value = JSON.parse(res.value_json ?? "{}") as Record<string, unknown>;
  } catch {
    value = {};
  }
  const lease = res.lease ? leaseView(res.lease) : undefined;
  return {
    ...value,
    ...(typeof value.username === "string" ? { user: value.username } : {}),
    ...(lease
      ? {
          id: lease.id,
          lease_id: lease.id,
          ttl_in_minutes: lease.ttl_in_minutes,
          expiration: lease.expiration,
          target: lease.target,
        }
      : {}),
  };
}

/** Runs a dynamic-secret create: a private target first when the connection is given inline. */
async function createDynamicSecret(
  invoke: Invoke,
  type: DatabaseKind,
  body: DatabaseSecretBody,
  settings: DatabaseSettings,
) {
  const spec = { ...dynamicSecretSettings(body), ...settings, type };
  let target = itemName(spec.targetName);
  let createdTarget = false;
  // Neither a target nor a host: CreateDynamicSecret itself refuses it (after the token check).
  if (!target && spec.connection.host) {
    target = privateTargetName(spec.name);
    await invoke("CreateTarget", {
      name: target,
      type: spec.type,
      connection: spec.connection,
      credentials: spec.password ? { password: spec.password } : {},
      sealed_credentials: Buffer.alloc(0),
      key_name: "",
      description: `private target of ${spec.name}`,
      user_prefix: "",
    });
    createdTarget = true;
  }
  const producer =
    spec.type === "redis"
      ? { redis: { acl_rules: aclRules(spec.aclRules) }, producer: "redis" as const }
      : {
          sql: {
            creation_statements: statements(spec.creation),
            revocation_statements: statements(spec.revocation),
            renew_statements: [],
          },
          producer: "sql" as const,
        };
  try {
    const ds = await invoke("CreateDynamicSecret", {
      name: spec.name,
      type: spec.type,
      target,
      user_ttl_seconds: spec.userTtl,
      max_ttl_seconds: 0,
      description: spec.description,
      ...producer,
    });
    return { dynamic_secret_details: dynamicSecretView(ds), ...dynamicSecretView(ds) };
  } catch (err) {
    // The private target belongs to this dynamic secret only: not left behind without it.
    if (createdTarget) await invoke("DeleteTarget", { name: target }).catch(() => undefined);
    throw err;
  }
}

/** Principals as Akeyless clients send them: a list, or one comma-separated string. */
const principalList = (v: string[] | string | undefined) =>
  strings(v).flatMap((x) =>
    x
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
  );

const statements = (value: string | undefined) => (value ? [value] : []);

const sqlFields = {
  "target-name": opt(Text("An existing target; or give the connection details inline", 1024)),
  "user-ttl": opt(Ttl("How long each credential lives (default 60m)")),
  description: opt(Text("Description")),
  tags: opt(Strings("Accepted and ignored")),
  "password-length": opt(Int("Accepted and ignored")),
  delete_protection: opt(Text("Accepted and ignored", 16)),
};

/** Akeyless' rule types (`item-rule`…) and keyfrag's (`item`…). */
const RuleType = Type.Union(
  [
    "item-rule",
    "role-rule",
    "auth-method-rule",
    "audit-rule",
    "item",
    "role",
    "auth-method",
    "audit",
  ].map((t) => Type.Literal(t)),
  { description: "What the rule is about (default item-rule)" },
);
const ruleTypeOf = (value: string | undefined) => (value ?? "item").replace(/-rule$/, "");

/** What a dynamic-secret-update-* body asks to change (undefined: unchanged). */
interface DynamicSecretChange {
  name: string;
  type: "mysql" | "postgresql" | "redis" | "custom";
  newName: string | undefined;
  targetName: string | undefined;
  /** Connection settings of the private target; none given: unchanged. */
  connection: Record<string, string>;
  password: string;
  /** The new host or port reaches the server the live leases' users were made on. */
  sameServer: boolean;
  userTtl: number;
  description: string;
  creation?: string[] | undefined;
  revocation?: string[] | undefined;
  aclRules?: string[] | undefined;
  /** custom: the webhook settings as sent; absent ones (but the URLs) stay as they are. */
  custom?: {
    createUrl: string;
    revokeUrl: string;
    rotateUrl: string | undefined;
    payload: string | undefined;
    keyName: string | undefined;
    timeoutSeconds: number | undefined;
  };
}

const given = (value: string | undefined) => (value === undefined ? undefined : statements(value));

/** The kinds of dynamic secret on a database target (its own or a named one). */
type DatabaseKind = "mysql" | "postgresql" | "redis";

/** The fields every create and update body of a database kind has. */
type DatabaseSecretBody = { name: string } & Static<TObject<typeof sqlFields>>;

/** What a create or update body of a database kind says in its own fields (undefined: not given). */
interface DatabaseSettings {
  connection: Record<string, string>;
  password: string;
  creation?: string | undefined;
  revocation?: string | undefined;
  aclRules?: string[] | string | undefined;
}

/** The name, target, user TTL and description of a create or update body of a database kind. */
const dynamicSecretSettings = (body: DatabaseSecretBody) => ({
  name: itemName(body.name),
  targetName: body["target-name"],
  userTtl: ttlSeconds(body["user-ttl"], "user-ttl"),
  description: body.description ?? "",
});

/** Runs a dynamic-secret-update-<kind> of a database kind: what its body gives changes. */
const updateDatabaseSecret = (
  invoke: Invoke,
  type: DatabaseKind,
  body: DatabaseSecretBody & Static<TObject<typeof updateFields>>,
  settings: DatabaseSettings,
) =>
  updateDynamicSecret(invoke, {
    ...dynamicSecretSettings(body),
    type,
    newName: body["new-name"],
    sameServer: bool(body["same-server"]),
    connection: settings.connection,
    password: settings.password,
    creation: given(settings.creation),
    revocation: given(settings.revocation),
    aclRules: settings.aclRules === undefined ? undefined : aclRules(settings.aclRules),
  });

/**
 * Runs a dynamic-secret-update-*: UpdateDynamicSecret for TTLs, description, statements or ACL
 * rules; UpdateTarget on its private target (`<name>.target`) for inline connection details.
 * A dynamic secret keeps its name, type and target: asking to change them is refused (400).
 */
async function updateDynamicSecret(invoke: Invoke, change: DynamicSecretChange) {
  const { name } = change;
  // Also the token and permission check (read on it) before anything is looked at.
  const current = await invoke("GetDynamicSecret", { name });
  if (current.type !== change.type) {
    throw new InvalidArgumentError(
      `${name} is a ${current.type} dynamic secret, not ${change.type}: use dynamic-secret-update-${current.type}`,
    );
  }
  if (change.newName && itemName(change.newName) !== name) {
    throw new InvalidArgumentError(
      "new-name: a dynamic secret is not renamed (create one under the new name)",
    );
  }
  if (change.targetName && itemName(change.targetName) !== (current.target ?? "")) {
    throw new InvalidArgumentError(
      `target-name: ${name} keeps its target ${current.target || "(none)"}; create another dynamic secret on ${itemName(change.targetName)}`,
    );
  }
  const connectionGiven = Object.keys(change.connection).length > 0 || change.password !== "";
  const privateTarget = privateTargetName(name);
  if (connectionGiven && current.target !== privateTarget) {
    throw new InvalidArgumentError(
      `${name} uses the target ${current.target}: change its connection with target-update-db`,
    );
  }
  const sqlGiven = change.creation !== undefined || change.revocation !== undefined;
  const custom = change.custom;
  const producer = custom
    ? {
        // Its settings are replaced: what the body leaves out is the current value (an empty
        // payload and key keep the sealed payload and its key).
        custom: {
          create_url: custom.createUrl,
          revoke_url: custom.revokeUrl,
          rotate_url: custom.rotateUrl ?? current.custom?.rotate_url ?? "",
          payload: custom.payload ?? "",
          sealed_payload: Buffer.alloc(0),
          key_name: itemName(custom.keyName),
          timeout_seconds: custom.timeoutSeconds ?? current.custom?.timeout_seconds ?? 0,
        },
        producer: "custom" as const,
      }
    : sqlGiven
      ? {
          sql: {
            creation_statements: change.creation ?? current.sql?.creation_statements ?? [],
            revocation_statements: change.revocation ?? current.sql?.revocation_statements ?? [],
            renew_statements: current.sql?.renew_statements ?? [],
          },
          producer: "sql" as const,
        }
      : change.aclRules !== undefined
        ? { redis: { acl_rules: change.aclRules }, producer: "redis" as const }
        : {};
  const changesSecret =
    change.userTtl > 0 ||
    change.description !== "" ||
    sqlGiven ||
    change.aclRules !== undefined ||
    custom !== undefined;
  let ds = current;
  // Nothing at all to change: UpdateDynamicSecret says so.
  if (changesSecret || !connectionGiven) {
    ds = await invoke("UpdateDynamicSecret", {
      name,
      user_ttl_seconds: change.userTtl,
      max_ttl_seconds: 0,
      description: change.description,
      ...producer,
    });
  }
  if (connectionGiven) {
    await invoke("UpdateTarget", {
      name: privateTarget,
      connection: change.connection,
      credentials: change.password ? { password: change.password } : {},
      sealed_credentials: Buffer.alloc(0),
      description: "",
      same_server: change.sameServer,
    });
  }
  return { dynamic_secret_details: dynamicSecretView(ds), ...dynamicSecretView(ds) };
}

/** Fields of a MySQL dynamic secret's private target and statements (create and update). */
const mysqlFields = {
  "mysql-host": opt(Text("Private target: host", 1024)),
  "mysql-port": opt(Int("Private target: port (default 3306)")),
  "mysql-username": opt(Text("Private target: the admin user", 256)),
  "mysql-password": opt(Text("Private target: the admin password", 1024)),
  "mysql-dbname": opt(Text("Private target: database", 256)),
  "mysql-screation-statements": opt(
    Text("Creation statements ({{name}}, {{password}}, {{expiration}})", 65_536),
  ),
  "mysql-revocation-statements": opt(Text("Revocation statements ({{name}})", 65_536)),
  ssl: opt(Bool("Private target: TLS to the server")),
};
const mysqlSettings = (body: Static<TObject<typeof mysqlFields>>): DatabaseSettings => ({
  connection: connection({
    host: body["mysql-host"],
    port: portText(body["mysql-port"], "mysql-port"),
    username: body["mysql-username"],
    database: body["mysql-dbname"],
    tls: body.ssl === undefined ? undefined : String(bool(body.ssl)),
  }),
  password: body["mysql-password"] ?? "",
  creation: body["mysql-screation-statements"],
  revocation: body["mysql-revocation-statements"],
});

const postgresFields = {
  "postgresql-host": opt(Text("Private target: host", 1024)),
  "postgresql-port": opt(Int("Private target: port (default 5432)")),
  "postgresql-username": opt(Text("Private target: the admin role", 256)),
  "postgresql-password": opt(Text("Private target: the admin password", 1024)),
  "postgresql-db-name": opt(Text("Private target: database", 256)),
  "creation-statements": opt(
    Text("Creation statements ({{name}}, {{password}}, {{expiration}})", 65_536),
  ),
  "revocation-statement": opt(Text("Revocation statements ({{name}})", 65_536)),
  ssl: opt(Bool("Private target: require TLS (sslmode require)")),
};
const postgresSettings = (body: Static<TObject<typeof postgresFields>>): DatabaseSettings => ({
  connection: connection({
    host: body["postgresql-host"],
    port: portText(body["postgresql-port"], "postgresql-port"),
    username: body["postgresql-username"],
    database: body["postgresql-db-name"],
    sslmode: body.ssl === undefined ? undefined : bool(body.ssl) ? "require" : "disable",
  }),
  password: body["postgresql-password"] ?? "",
  creation: body["creation-statements"],
  revocation: body["revocation-statement"],
});

const redisFields = {
  host: opt(Text("Private target: host", 1024)),
  port: opt(Int("Private target: port (default 6379)")),
  username: opt(Text("Private target: the admin user (default: default)", 256)),
  password: opt(Text("Private target: the admin password", 1024)),
  ssl: opt(Bool("Private target: TLS")),
  "acl-rules": opt(Strings('ACL rules, e.g. ["~app:*", "+@read"] or "~app:* +@read"')),
};
const redisSettings = (body: Static<TObject<typeof redisFields>>): DatabaseSettings => ({
  connection: connection({
    host: body.host,
    port: portText(body.port, "port"),
    username: body.username,
    tls: body.ssl === undefined ? undefined : String(bool(body.ssl)),
  }),
  password: body.password ?? "",
  aclRules: body["acl-rules"],
});
const aclRules = (value: string[] | string | undefined) =>
  strings(value).flatMap((r) => r.split(/\s+/).filter(Boolean));

const customFields = {
  "create-sync-url": Text("Called to create a credential", 2048),
  "revoke-sync-url": Text("Called to revoke credentials", 2048),
  "rotate-sync-url": opt(Text("Called to rotate the payload", 2048)),
  payload: opt(Text("Handed to the webhook on every call (sealed under a DFC key)", 65_536)),
  "timeout-sec": opt(Int("Webhook timeout in seconds")),
  "user-ttl": opt(Ttl("How long each credential lives (default 60m)")),
  "producer-encryption-key-name": opt(Text("The DFC key the payload is sealed under", 1024)),
  description: opt(Text("Description")),
  tags: opt(Strings("Accepted and ignored")),
  "enable-admin-rotation": opt(Bool("Accepted and ignored")),
  "admin-rotation-interval-days": opt(Int("Accepted and ignored")),
};

/** keyfrag's same_server of UpdateTarget. */
const SameServer = Bool(
  "keyfrag: the new host or port reaches the same server (a host or port change is refused while leases are live, unless)",
);

const updateFields = {
  "new-name": opt(Text("Must be the name (a dynamic secret is not renamed)", 1024)),
  "same-server": opt(SameServer),
  "item-custom-fields": opt(
    Type.Record(Type.String(), Type.String(), { description: "Accepted and ignored" }),
  ),
};

/** The body's names of request fields (rest-field-terms.ts), per kind of dynamic secret. */
const MYSQL_FIELD_NAMES = {
  target: "target-name",
  host: "mysql-host",
  port: "mysql-port",
  username: "mysql-username",
  database: "mysql-dbname",
  creation_statements: "mysql-screation-statements",
  revocation_statements: "mysql-revocation-statements",
};
const POSTGRES_FIELD_NAMES = {
  target: "target-name",
  host: "postgresql-host",
  port: "postgresql-port",
  username: "postgresql-username",
  database: "postgresql-db-name",
  revocation_statements: "revocation-statement",
};
const CUSTOM_FIELD_NAMES = {
  key_name: "producer-encryption-key-name",
  timeout_seconds: "timeout-sec",
  create_url: "create-sync-url",
  revoke_url: "revoke-sync-url",
  rotate_url: "rotate-sync-url",
};
const SSH_FIELD_NAMES = {
  ca_key_name: "signer-key-name",
  max_ttl_seconds: "ttl",
  allowed_principals: "allowed-users",
  default_principals: "principals",
};

/** Every REST operation. */
export const REST_OPERATIONS: RestOperation[] = [
  op({
    name: "auth",
    tag: "auth",
    summary:
      "Log in: an access key (access_key), a JWT (jwt, k8s) or the TLS client certificate (cert)",
    anonymous: true,
    fields: {
      "access-type": opt(
        Type.Union(
          ["access_key", "jwt", "oidc", "oauth2", "k8s", "cert"].map((t) => Type.Literal(t)),
          { description: "How to log in (default access_key)" },
        ),
      ),
      "access-id": Type.String({
        minLength: 1,
        maxLength: 256,
        description: "The auth method's access id (p-…)",
      }),
      "access-key": opt(
        Type.String({ maxLength: 4096, description: "access_key: the access key" }),
      ),
      jwt: opt(Type.String({ maxLength: 65_536, description: "jwt/oidc/oauth2: the JWT" })),
      "k8s-service-account-token": opt(
        Type.String({ maxLength: 65_536, description: "k8s: the service account token (a JWT)" }),
      ),
      "k8s-auth-config-name": opt(Text("Accepted and ignored")),
    },
    async run(body, invoke) {
      const type = body["access-type"] ?? "access_key";
      const jwt = type === "k8s" ? body["k8s-service-account-token"] : body.jwt;
      const res = await invoke("Auth", {
        access_id: body["access-id"],
        access_key: type === "access_key" ? (body["access-key"] ?? "") : "",
        jwt: type === "access_key" || type === "cert" ? "" : (jwt ?? ""),
        use_client_certificate: type === "cert",
      });
      return {
        token: res.token ?? "",
        expiration: isoDate(res.expires_at_ms as string | undefined),
      };
    },
  }),
  op({
    name: "validate-token",
    tag: "auth",
    summary: "Whether the token is valid (answers 401 when it is not)",
    fields: {},
    async run(body, invoke) {
      await invoke("DescribePermissions", {});
      const exp = tokenExpiry(body.token ?? "");
      return {
        is_valid: true,
        expiration: exp ? new Date(exp).toISOString() : "",
        ttl: exp ? Math.max(0, Math.floor((exp - Date.now()) / 1000)) : 0,
      };
    },
  }),
  op({
    name: "revoke-creds",
    tag: "auth",
    summary: "Revoke the token the request carries (log out)",
    fields: {},
    async run(body, invoke) {
      await invoke("RevokeToken", { token: body.token ?? "", target: "token" });
      return {};
    },
  }),
  op({
    name: "describe-permissions",
    tag: "auth",
    summary: "keyfrag: the roles and rules that apply to the caller",
    fields: {},
    async run(_body, invoke) {
      const res = await invoke("DescribePermissions", {});
      return { roles: res.roles ?? [] };
    },
  }),

  op({
    name: "create-secret",
    tag: "secrets",
    summary: "Create a static secret",
    fieldNames: { key_name: "protection_key" },
    fields: {
      name: Name("The secret's name"),
      value: Type.String({ maxLength: 16 * 1024 * 1024, description: "The value" }),
      description: opt(Text("Description")),
      tags: opt(Strings("Tags")),
      protection_key: opt(Text("The DFC key the value is encrypted under", 1024)),
      "input-format": Format("keyfrag: base64 — value is base64 of the bytes (binary values)"),
      "max-versions": opt(Int("Versions kept")),
      type: opt(Text("Accepted (generic, password…) and ignored", 64)),
      accessibility: opt(Text("Accepted and ignored", 64)),
      format: opt(Text("Accepted and ignored", 64)),
      multiline_value: opt(Bool("Accepted and ignored")),
    },
    async run(body, invoke) {
      const item = await invoke("CreateSecret", {
        name: itemName(body.name),
        value: bytesOf(body.value, body["input-format"], "value"),
        description: body.description ?? "",
        tags: strings(body.tags),
        key_name: itemName(body.protection_key),
        max_versions: int(body["max-versions"], "max-versions"),
      });
      return { name: item.name ?? "", version: item.current_version ?? 0 };
    },
  }),
  op({
    name: "get-secret-value",
    tag: "secrets",
    summary: "The values of static secrets, as a map of name to value",
    fields: {
      names: Type.Array(Name("A secret's name"), { minItems: 1, maxItems: 100 }),
      version: opt(Int("A version (default: the latest)")),
      accessibility: opt(Text("Accepted and ignored", 64)),
      "ignore-cache": opt(
        Text('"true": read past the gateway\'s value cache (never a cached value)', 16),
      ),
      "pretty-print": opt(Bool("Accepted and ignored")),
      "output-format": Format(
        "keyfrag: base64 — every value as base64 of its bytes (needed for values that are not UTF-8 text)",
      ),
    },
    async run(body, invoke) {
      const res = await invoke("GetSecretValue", {
        names: body.names.map(itemName),
        version: int(body.version, "version"),
        ignore_cache: bool(body["ignore-cache"]),
      });
      const byName = new Map((res.values ?? []).map((v) => [v.name ?? "", v]));
      const out: Record<string, string> = {};
      for (const name of body.names) {
        const value = byName.get(itemName(name));
        if (value)
          out[name] = textOf(
            value.value ?? new Uint8Array(),
            body["output-format"],
            `the value of ${name}`,
          );
      }
      return out;
    },
  }),
  op({
    name: "update-secret-val",
    tag: "secrets",
    summary: "Write a new version of a static secret",
    fields: {
      name: Name("The secret's name"),
      value: Type.String({ maxLength: 16 * 1024 * 1024, description: "The new value" }),
      "last-version": opt(Int("keyfrag: only if this is still the latest version (check and set)")),
      "input-format": Format("keyfrag: base64 — value is base64 of the bytes (binary values)"),
      "keep-prev-version": opt(
        Text("Accepted and ignored (versions are kept up to max-versions)", 16),
      ),
      accessibility: opt(Text("Accepted and ignored", 64)),
      format: opt(Text("Accepted and ignored", 64)),
      multiline: opt(Bool("Accepted and ignored")),
    },
    async run(body, invoke) {
      const expected = int(body["last-version"], "last-version");
      const item = await invoke("UpdateSecretVal", {
        name: itemName(body.name),
        value: bytesOf(body.value, body["input-format"], "value"),
        check_and_set: body["last-version"] !== undefined,
        expected_version: expected,
      });
      return { name: item.name ?? "", version: item.current_version ?? 0 };
    },
  }),
  op({
    name: "list-items",
    tag: "secrets",
    summary: "The items under a folder that the caller may list",
    fields: {
      path: opt(Text("A folder (default /)", 1024)),
      type: opt(Strings("Only these types (static-secret, dfc-key, sealed-key)")),
      "pagination-token": opt(Text("From next_page", 4096)),
      "include-deleted": opt(Bool("keyfrag: deleted items too")),
      "minimal-view": opt(Bool("Accepted and ignored")),
      "auto-pagination": opt(Text("Accepted and ignored", 16)),
      filter: opt(Text("Only items whose name contains this", 1024)),
      accessibility: opt(Text("Accepted and ignored", 64)),
    },
    async run(body, invoke) {
      const types = strings(body.type);
      if (types.length > 1) throw new InvalidArgumentError("type: at most one type");
      const res = await invoke("ListItems", {
        path: body.path ? itemName(body.path) : "/",
        type: types[0] ?? "",
        include_deleted: bool(body["include-deleted"]),
        page_size: 0,
        page_token: body["pagination-token"] ?? "",
      });
      const items = (res.items ?? [])
        .filter((i) => !body.filter || (i.name ?? "").includes(body.filter))
        .map(itemView);
      return { items, folders: [], next_page: res.next_page_token ?? "" };
    },
  }),
  op({
    name: "describe-item",
    tag: "secrets",
    summary: "An item's details (no value)",
    fields: {
      name: Name("The item's name"),
      "show-versions": opt(Bool("Accepted (versions are always shown)")),
      accessibility: opt(Text("Accepted and ignored", 64)),
    },
    async run(body, invoke) {
      return itemView(await invoke("DescribeItem", { name: itemName(body.name) }));
    },
  }),
  op({
    name: "delete-item",
    tag: "secrets",
    summary: "Delete an item (restorable; a DFC key's name is never reused)",
    fields: {
      name: Name("The item's name"),
      "delete-immediately": opt(Bool("Accepted and ignored")),
      "delete-in-days": opt(Int("Accepted and ignored")),
      version: opt(
        Type.Union([Type.Integer({ minimum: -1 }), Type.String({ pattern: "^(-1|[0-9]{1,9})$" })], {
          description:
            "-1 (the default): the whole item (restorable); N ≥ 1: destroy version N of a static secret for good; 0: destroy its latest version",
        }),
      ),
      accessibility: opt(Text("Accepted and ignored", 64)),
    },
    async run(body, invoke) {
      const version = body.version === undefined ? -1 : Number(body.version);
      if (version >= 0) {
        // As Akeyless: one version of the item, not the item; keyfrag destroys its value.
        const name = itemName(body.name);
        const which =
          version > 0 ? version : ((await invoke("DescribeItem", { name })).current_version ?? 0);
        const item = await invoke("DestroySecretVersion", { name, version: which });
        return {
          item_name: item.name ?? "",
          version: which,
          deletion_date: isoDate(String(Date.now())),
        };
      }
      const item = await invoke("DeleteItem", { name: itemName(body.name) });
      return {
        item_name: item.name ?? "",
        deletion_date: isoDate(item.deleted_at_ms as string | undefined),
      };
    },
  }),

  op({
    name: "create-dfc-key",
    tag: "keys",
    summary:
      "Create a DFC key (AES128GCM, AES256GCM or keyfrag's ED25519) split over fragment managers",
    fields: {
      name: Name("The key's name"),
      alg: Type.Union(
        KEY_ALGORITHMS.map((a) => Type.Literal(a)),
        {
          description: "Algorithm",
        },
      ),
      "split-level": opt(Int("Fragments (slots) the key is split into (default: every slot)")),
      "customer-frg-id": opt(
        Text(
          "The customer fragment the key takes (a fragment held by this gateway): its id in the coordinators' KF_CUSTOMER_SLOTS, or its slot number",
          64,
        ),
      ),
      "auto-rotate": opt(Bool("Rotate every rotation-interval days")),
      "rotation-interval": opt(Int("Days between automatic rotations")),
      description: opt(Text("Description")),
      tag: opt(Strings("Tags")),
      delete_protection: opt(Text("Accepted and ignored", 16)),
    },
    async run(body, invoke) {
      const item = await invoke("CreateDfcKey", {
        name: itemName(body.name),
        algorithm: body.alg,
        slots: int(body["split-level"], "split-level", 255),
        threshold: 0,
        customer_slot: Boolean(body["customer-frg-id"]),
        customer_frg_id: body["customer-frg-id"] ?? "",
        rotation_interval_days: bool(body["auto-rotate"])
          ? int(body["rotation-interval"], "rotation-interval", 36_500) || 90
          : 0,
        description: body.description ?? "",
        tags: strings(body.tag),
      });
      return { fragment_results: [], ...itemView(item) };
    },
  }),
  op({
    name: "encrypt",
    tag: "keys",
    summary: "Encrypt with a DFC key; the ciphertext is base64",
    fields: {
      "key-name": Name("The DFC key"),
      plaintext: Type.String({ maxLength: 16 * 1024 * 1024, description: "The data" }),
      "input-format": opt(
        Type.Union([Type.Literal(""), Type.Literal("base64")], {
          description: "base64: plaintext is base64",
        }),
      ),
      "encryption-context": opt(
        Type.Record(Type.String(), Type.String(), { description: "Bound to the ciphertext" }),
      ),
      "display-id": opt(Text("Accepted and ignored", 256)),
      "item-id": opt(Int("Accepted and ignored")),
      version: opt(Int("Accepted and ignored (the latest version encrypts)")),
    },
    async run(body, invoke) {
      const res = await invoke("Encrypt", {
        key_name: itemName(body["key-name"]),
        plaintext: bytesOf(body.plaintext, body["input-format"], "plaintext"),
        context: stringMap(body["encryption-context"], "encryption-context"),
      });
      return {
        result: Buffer.from(res.ciphertext ?? new Uint8Array()).toString("base64"),
        key_version: res.key_version ?? 0,
      };
    },
  }),
  op({
    name: "decrypt",
    tag: "keys",
    summary: "Decrypt a ciphertext made by encrypt",
    fields: {
      "key-name": Name("The DFC key"),
      ciphertext: Type.String({
        maxLength: 24 * 1024 * 1024,
        description: "base64, as encrypt gave it",
      }),
      "output-format": opt(
        Type.Union([Type.Literal(""), Type.Literal("base64")], {
          description: "base64: answer the plaintext in base64",
        }),
      ),
      "encryption-context": opt(
        Type.Record(Type.String(), Type.String(), { description: "As given to encrypt" }),
      ),
      "display-id": opt(Text("Accepted and ignored", 256)),
      "item-id": opt(Int("Accepted and ignored")),
      version: opt(Int("Accepted and ignored (the ciphertext names its version)")),
    },
    async run(body, invoke) {
      const res = await invoke("Decrypt", {
        key_name: itemName(body["key-name"]),
        ciphertext: bytesOf(body.ciphertext, "base64", "ciphertext"),
        context: stringMap(body["encryption-context"], "encryption-context"),
      });
      return {
        result: textOf(res.plaintext ?? new Uint8Array(), body["output-format"], "the plaintext"),
      };
    },
  }),
  op({
    name: "rotate-key",
    tag: "keys",
    summary: "A new version of a DFC key (older versions keep decrypting)",
    fields: { name: Name("The DFC key") },
    async run(body, invoke) {
      const item = await invoke("RotateKey", { name: itemName(body.name) });
      return { ...itemView(item), new_item_version: item.current_version ?? 0 };
    },
  }),
  op({
    name: "refresh-key",
    tag: "keys",
    summary: "Re-randomise a DFC key's fragments (the key does not change)",
    fields: {
      name: Name("The DFC key"),
      version: opt(Int("keyfrag: the version (default latest)")),
    },
    async run(body, invoke) {
      const res = await invoke("RefreshKey", {
        name: itemName(body.name),
        version: int(body.version, "version"),
      });
      return snake(res);
    },
  }),
  op({
    name: "sign",
    tag: "keys",
    summary: "keyfrag: sign with a DFC ED25519 key (FROST); data and signature in base64",
    fields: {
      "key-name": Name("The ED25519 key"),
      data: Type.String({ maxLength: 16 * 1024 * 1024, description: "base64" }),
      version: opt(Int("The version (default latest)")),
    },
    async run(body, invoke) {
      const res = await invoke("Sign", {
        key_name: itemName(body["key-name"]),
        data: bytesOf(body.data, "base64", "data"),
        version: int(body.version, "version"),
      });
      return {
        signature: Buffer.from(res.signature ?? new Uint8Array()).toString("base64"),
        key_version: res.key_version ?? 0,
      };
    },
  }),
  op({
    name: "verify",
    tag: "keys",
    summary: "keyfrag: verify an Ed25519 signature; data and signature in base64",
    fields: {
      "key-name": Name("The ED25519 key"),
      data: Type.String({ maxLength: 16 * 1024 * 1024, description: "base64" }),
      signature: Type.String({ maxLength: 1024, description: "base64" }),
      version: opt(Int("The version the signature was made with (default latest)")),
    },
    async run(body, invoke) {
      const res = await invoke("Verify", {
        key_name: itemName(body["key-name"]),
        data: bytesOf(body.data, "base64", "data"),
        signature: bytesOf(body.signature, "base64", "signature"),
        version: int(body.version, "version"),
      });
      return { valid: Boolean(res.valid) };
    },
  }),
  op({
    name: "get-public-key",
    tag: "keys",
    summary: "keyfrag: the public key of a DFC ED25519 key",
    fields: {
      "key-name": Name("The ED25519 key"),
      version: opt(Int("The version (default latest)")),
    },
    async run(body, invoke) {
      const res = await invoke("GetPublicKey", {
        key_name: itemName(body["key-name"]),
        version: int(body.version, "version"),
      });
      return {
        algorithm: res.algorithm ?? "",
        version: res.version ?? 0,
        public_key: Buffer.from(res.public_key ?? new Uint8Array()).toString("base64"),
        public_key_pem: res.public_key_pem ?? "",
      };
    },
  }),

  op({
    name: "dynamic-secret-create-mysql",
    tag: "dynamic secrets",
    summary:
      "A MySQL/MariaDB dynamic secret. Without creation statements each credential is a user with no privileges at all (it can log in, nothing more): grant what it needs in mysql-screation-statements",
    fieldNames: MYSQL_FIELD_NAMES,
    fields: { name: Name("The dynamic secret's name"), ...sqlFields, ...mysqlFields },
    run: (body, invoke) => createDynamicSecret(invoke, "mysql", body, mysqlSettings(body)),
  }),
  op({
    name: "dynamic-secret-create-postgresql",
    tag: "dynamic secrets",
    summary:
      "A PostgreSQL dynamic secret. Without creation statements each credential is a LOGIN role with no grants (PUBLIC's only): grant what it needs in creation-statements",
    fieldNames: POSTGRES_FIELD_NAMES,
    fields: { name: Name("The dynamic secret's name"), ...sqlFields, ...postgresFields },
    run: (body, invoke) => createDynamicSecret(invoke, "postgresql", body, postgresSettings(body)),
  }),
  op({
    name: "dynamic-secret-create-redis",
    tag: "dynamic secrets",
    summary: "A Redis ACL-user dynamic secret; acl-rules say what each user may do (required)",
    fieldNames: { target: "target-name" },
    fields: { name: Name("The dynamic secret's name"), ...sqlFields, ...redisFields },
    run: (body, invoke) => createDynamicSecret(invoke, "redis", body, redisSettings(body)),
  }),
  op({
    name: "dynamic-secret-update-mysql",
    tag: "dynamic secrets",
    summary:
      "Change a MySQL dynamic secret: user-ttl, description, statements; its private target's connection (inline details). Name, type and target stay",
    fieldNames: MYSQL_FIELD_NAMES,
    fields: {
      name: Name("The dynamic secret's name"),
      ...sqlFields,
      ...mysqlFields,
      ...updateFields,
    },
    run: (body, invoke) => updateDatabaseSecret(invoke, "mysql", body, mysqlSettings(body)),
  }),
  op({
    name: "dynamic-secret-update-postgresql",
    tag: "dynamic secrets",
    summary:
      "Change a PostgreSQL dynamic secret: user-ttl, description, statements; its private target's connection (inline details). Name, type and target stay",
    fieldNames: POSTGRES_FIELD_NAMES,
    fields: {
      name: Name("The dynamic secret's name"),
      ...sqlFields,
      ...postgresFields,
      ...updateFields,
    },
    run: (body, invoke) => updateDatabaseSecret(invoke, "postgresql", body, postgresSettings(body)),
  }),
  op({
    name: "dynamic-secret-update-redis",
    tag: "dynamic secrets",
    summary:
      "Change a Redis dynamic secret: user-ttl, description, acl-rules; its private target's connection (inline details). Name, type and target stay",
    fieldNames: { target: "target-name" },
    fields: {
      name: Name("The dynamic secret's name"),
      ...sqlFields,
      ...redisFields,
      ...updateFields,
    },
    run: (body, invoke) => updateDatabaseSecret(invoke, "redis", body, redisSettings(body)),
  }),
  op({
    name: "dynamic-secret-update-custom",
    tag: "dynamic secrets",
    summary:
      "Change a custom dynamic secret: webhook URLs (as sent), timeout, payload (sealed again; none keeps it), user-ttl, description",
    fieldNames: CUSTOM_FIELD_NAMES,
    fields: { name: Name("The dynamic secret's name"), ...customFields, ...updateFields },
    run: (body, invoke) =>
      updateDynamicSecret(invoke, {
        name: itemName(body.name),
        type: "custom",
        newName: body["new-name"],
        targetName: undefined,
        connection: {},
        password: "",
        sameServer: false,
        userTtl: ttlSeconds(body["user-ttl"], "user-ttl"),
        description: body.description ?? "",
        custom: {
          createUrl: body["create-sync-url"],
          revokeUrl: body["revoke-sync-url"],
          rotateUrl: body["rotate-sync-url"],
          payload: body.payload,
          keyName: body["producer-encryption-key-name"],
          timeoutSeconds:
            body["timeout-sec"] === undefined
              ? undefined
              : int(body["timeout-sec"], "timeout-sec", 600),
        },
      }),
  }),
  op({
    name: "dynamic-secret-create-custom",
    tag: "dynamic secrets",
    summary: "A custom (webhook) dynamic secret: keyfrag calls create-sync-url / revoke-sync-url",
    fieldNames: CUSTOM_FIELD_NAMES,
    fields: { name: Name("The dynamic secret's name"), ...customFields },
    async run(body, invoke) {
      const ds = await invoke("CreateDynamicSecret", {
        name: itemName(body.name),
        type: "custom",
        target: "",
        user_ttl_seconds: ttlSeconds(body["user-ttl"], "user-ttl"),
        max_ttl_seconds: 0,
        description: body.description ?? "",
        custom: {
          create_url: body["create-sync-url"],
          revoke_url: body["revoke-sync-url"],
          rotate_url: body["rotate-sync-url"] ?? "",
          payload: body.payload ?? "",
          sealed_payload: Buffer.alloc(0),
          key_name: itemName(body["producer-encryption-key-name"]),
          timeout_seconds: int(body["timeout-sec"], "timeout-sec", 600),
        },
        producer: "custom",
      });
      return { dynamic_secret_details: dynamicSecretView(ds), ...dynamicSecretView(ds) };
    },
  }),
  op({
    name: "create-ssh-cert-issuer",
    tag: "ssh",
    summary:
      "An SSH certificate issuer signing with a DFC ED25519 key (FROST: the CA key never exists whole)",
    fieldNames: SSH_FIELD_NAMES,
    fields: {
      name: Name("The issuer's name"),
      "signer-key-name": Name("The DFC ED25519 key that is the CA"),
      "allowed-users": Strings('Principals callers may ask for ("a,b" or a list; "*" any)'),
      principals: opt(Strings("Principals used when the caller asks for none")),
      ttl: Ttl("The longest certificate lifetime (seconds, or with units)"),
      extensions: opt(
        Type.Record(Type.String(), Type.String(), { description: "Default: permit-pty" }),
      ),
      description: opt(Text("Description")),
      tag: opt(Strings("Accepted and ignored")),
    },
    async run(body, invoke) {
      const ds = await invoke("CreateDynamicSecret", {
        name: itemName(body.name),
        type: "ssh",
        target: "",
        user_ttl_seconds: 0,
        max_ttl_seconds: ttlSeconds(body.ttl, "ttl"),
        description: body.description ?? "",
        ssh: {
          ca_key_name: itemName(body["signer-key-name"]),
          allowed_principals: principalList(body["allowed-users"]),
          default_principals: principalList(body.principals),
          extensions: stringMap(body.extensions, "extensions"),
          critical_options: {},
        },
        producer: "ssh",
      });
      return dynamicSecretView(ds);
    },
  }),
  op({
    name: "update-ssh-cert-issuer",
    tag: "ssh",
    summary:
      "Change an SSH certificate issuer: signer key (sign on it needed), allowed users, principals, ttl, extensions, description",
    fieldNames: SSH_FIELD_NAMES,
    fields: {
      name: Name("The issuer's name"),
      "signer-key-name": opt(
        Text("The DFC ED25519 key that is the CA (default: its current one)", 1024),
      ),
      "allowed-users": opt(Strings('Principals callers may ask for ("a,b" or a list; "*" any)')),
      principals: opt(Strings("Principals used when the caller asks for none")),
      ttl: opt(Ttl("The longest certificate lifetime (seconds, or with units)")),
      extensions: opt(Type.Record(Type.String(), Type.String(), { description: "Extensions" })),
      description: opt(Text("Description")),
      "new-name": opt(Text("Must be the name (an issuer is not renamed)", 1024)),
      tag: opt(Strings("Accepted and ignored")),
    },
    async run(body, invoke) {
      const name = itemName(body.name);
      // Also the token and permission check (read on it) before anything is looked at.
      const current = await invoke("GetDynamicSecret", { name });
      if (current.type !== "ssh") {
        throw new InvalidArgumentError(
          `${name} is a ${current.type} dynamic secret, not an SSH certificate issuer`,
        );
      }
      if (body["new-name"] && itemName(body["new-name"]) !== name) {
        throw new InvalidArgumentError(
          "new-name: an issuer is not renamed (create one under the new name)",
        );
      }
      const ssh = current.ssh;
      const ds = await invoke("UpdateDynamicSecret", {
        name,
        user_ttl_seconds: 0,
        max_ttl_seconds: ttlSeconds(body.ttl, "ttl"),
        description: body.description ?? "",
        // Its settings are replaced: what the body leaves out is the current value.
        ssh: {
          ca_key_name: itemName(body["signer-key-name"]),
          allowed_principals:
            body["allowed-users"] === undefined
              ? (ssh?.allowed_principals ?? [])
              : principalList(body["allowed-users"]),
          default_principals:
            body.principals === undefined
              ? (ssh?.default_principals ?? [])
              : principalList(body.principals),
          extensions:
            body.extensions === undefined
              ? (ssh?.extensions ?? {})
              : stringMap(body.extensions, "extensions"),
          critical_options: ssh?.critical_options ?? {},
        },
        producer: "ssh",
      });
      return dynamicSecretView(ds);
    },
  }),
  op({
    name: "get-ssh-certificate",
    tag: "ssh",
    summary: "Sign an OpenSSH public key: answers the certificate line in data",
    fields: {
      "cert-issuer-name": Name("The SSH certificate issuer"),
      "cert-username": Text("The principal(s), comma-separated", 4096),
      "public-key-data": Text("The OpenSSH public key line", 16_384),
      ttl: opt(Ttl("Certificate lifetime (default the issuer's)")),
      "legacy-signing-alg-name": opt(Bool("Accepted and ignored")),
    },
    async run(body, invoke) {
      const res = await invoke("GetSshCertificate", {
        name: itemName(body["cert-issuer-name"]),
        public_key: body["public-key-data"].trim(),
        principals: body["cert-username"]
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean),
        ttl_seconds: ttlSeconds(body.ttl, "ttl"),
        client: null,
      });
      return {
        data: res.certificate ?? "",
        path: "",
        serial: res.serial ?? "",
        principals: res.principals ?? [],
        valid_after: isoDate(res.valid_after_ms as string | undefined),
        valid_before: isoDate(res.valid_before_ms as string | undefined),
        ca_public_key: res.ca_public_key ?? "",
      };
    },
  }),
  op({
    name: "get-dynamic-secret-value",
    aliases: ["dynamic-secret-get-value"],
    tag: "dynamic secrets",
    summary: "New credentials (a lease): user, password, id, ttl_in_minutes… as one flat object",
    fields: {
      name: Name("The dynamic secret's name"),
      target: opt(Text("Accepted and ignored (a dynamic secret has one target)", 1024)),
      timeout: opt(Int("Accepted and ignored")),
      host: opt(Text("Accepted and ignored", 1024)),
      dbname: opt(Text("Accepted and ignored", 256)),
      args: opt(Strings("Custom producers: input handed to the webhook")),
      ttl: opt(Ttl("keyfrag: the credential's TTL (default: the dynamic secret's user TTL)")),
    },
    async run(body, invoke) {
      const res = await invoke("GetDynamicSecretValue", {
        name: itemName(body.name),
        ttl_seconds: ttlSeconds(body.ttl, "ttl"),
        args_json: body.args === undefined ? "" : JSON.stringify(strings(body.args)),
        client: null,
      });
      return credentialsView(res);
    },
  }),
  op({
    name: "dynamic-secret-get",
    tag: "dynamic secrets",
    summary: "A dynamic secret's settings",
    fields: { name: Name("The dynamic secret's name") },
    async run(body, invoke) {
      return dynamicSecretView(await invoke("GetDynamicSecret", { name: itemName(body.name) }));
    },
  }),
  op({
    name: "dynamic-secret-list",
    tag: "dynamic secrets",
    summary: "The dynamic secrets the caller may list",
    fields: {
      path: opt(Text("keyfrag: a folder prefix", 1024)),
      "pagination-token": opt(Text("From next_page", 4096)),
    },
    async run(body, invoke) {
      const res = await invoke("ListDynamicSecrets", {
        prefix: body.path ? itemName(body.path) : "",
        page_size: 0,
        page_token: body["pagination-token"] ?? "",
      });
      return {
        dynamic_secrets: (res.dynamic_secrets ?? []).map(dynamicSecretView),
        next_page: res.next_page_token ?? "",
      };
    },
  }),
  op({
    name: "dynamic-secret-delete",
    tag: "dynamic secrets",
    summary: "Delete a dynamic secret (and its private target)",
    fields: { name: Name("The dynamic secret's name") },
    async run(body, invoke) {
      const name = itemName(body.name);
      const ds = await invoke("DeleteDynamicSecret", { name });
      if (ds.target === privateTargetName(name)) {
        await invoke("DeleteTarget", { name: ds.target }).catch((err: unknown) => {
          if (!(err instanceof KeyfragError && err.code === "not-found")) throw err;
        });
      }
      return { dynamic_secret_name: ds.name ?? name };
    },
  }),
  op({
    name: "dynamic-secret-tmp-creds-Get",
    tag: "dynamic secrets",
    summary: "The live leases (credentials) of a dynamic secret",
    fields: { name: Name("The dynamic secret's name") },
    async run(body, invoke) {
      const name = itemName(body.name);
      // Akeyless answers a plain list: every page of it, not the first.
      const leases: Lease[] = [];
      let token = "";
      let seen = 0;
      do {
        const page = await invoke("ListLeases", {
          prefix: `${name}/`,
          state: "",
          page_size: LEASE_PAGE,
          page_token: token,
        });
        // The prefix also covers nested dynamic secrets' leases (`/a/` holds `/a/b`'s).
        leases.push(...(page.leases ?? []).filter((l) => l.dynamic_secret === name));
        seen += page.leases?.length ?? 0;
        token = page.next_page_token ?? "";
        if (token && seen >= MAX_LISTED_LEASES)
          throw new FailedPreconditionError(
            `more than ${MAX_LISTED_LEASES} leases under ${name}: revoke some, or page with keyfrag's ListLeases`,
          );
      } while (token);
      return leases.map(leaseView);
    },
  }),
  op({
    name: "dynamic-secret-tmp-creds-delete",
    tag: "dynamic secrets",
    summary: "Revoke one lease (tmp-creds-id), or all of a dynamic secret's (revoke-all)",
    fields: {
      name: Name("The dynamic secret's name"),
      "tmp-creds-id": opt(Text("The lease id", 2048)),
      "revoke-all": opt(Bool("Every lease of the dynamic secret")),
      host: opt(Text("Accepted and ignored", 1024)),
      "soft-delete": opt(Bool("Accepted and ignored")),
    },
    async run(body, invoke) {
      const name = itemName(body.name);
      if (bool(body["revoke-all"])) {
        const res = await invoke("RevokeLeasesByPrefix", {
          prefix: `${name}/`,
          // Exactly this dynamic secret's leases: the prefix alone also covers nested ones
          // (`/a/` holds `/a/b`'s leases).
          dynamic_secrets: [name],
          only_dynamic_secrets: true,
        });
        return { queued: res.queued ?? 0 };
      }
      const id = leaseIdOf(name, body["tmp-creds-id"]);
      return leaseView(await invoke("RevokeLease", { lease_id: id }));
    },
  }),
  op({
    name: "dynamic-secret-tmp-creds-update",
    tag: "dynamic secrets",
    summary: "Renew a lease for new-ttl-min minutes (never past its max TTL)",
    fields: {
      name: Name("The dynamic secret's name"),
      "tmp-creds-id": Text("The lease id", 2048),
      "new-ttl-min": Int("Minutes from now"),
      host: opt(Text("Accepted and ignored", 1024)),
    },
    async run(body, invoke) {
      const id = leaseIdOf(itemName(body.name), body["tmp-creds-id"]);
      const minutes = int(body["new-ttl-min"], "new-ttl-min", 71_582_788);
      return leaseView(await invoke("RenewLease", { lease_id: id, ttl_seconds: minutes * 60 }));
    },
  }),

  op({
    name: "target-create-db",
    aliases: ["create-db-target"],
    tag: "targets",
    summary: "A database target (mysql, postgres) whose admin credentials dynamic secrets use",
    fieldNames: { key_name: "key", username: "user-name", database: "db-name", type: "db-type" },
    fields: {
      name: Name("The target's name"),
      "db-type": Type.Union(
        ["mysql", "mariadb", "postgres", "postgresql"].map((t) => Type.Literal(t)),
        {
          description: "Database type",
        },
      ),
      host: Text("Host", 1024),
      port: opt(Int("Port")),
      "user-name": Text("The admin user", 256),
      pwd: opt(Text("The admin password", 1024)),
      "db-name": opt(Text("Database", 256)),
      ssl: opt(Bool("TLS to the server")),
      key: opt(Text("The DFC key the credentials are sealed under", 1024)),
      description: opt(Text("Description")),
      comment: opt(Text("Description (older name)")),
    },
    async run(body, invoke) {
      const postgres = body["db-type"].startsWith("postgres");
      const target = await invoke("CreateTarget", {
        name: itemName(body.name),
        type: postgres ? "postgresql" : "mysql",
        connection: connection({
          host: body.host,
          port: portText(body.port, "port"),
          username: body["user-name"],
          database: body["db-name"],
          ...(postgres
            ? {
                sslmode:
                  body.ssl === undefined ? undefined : bool(body.ssl) ? "require" : "disable",
              }
            : { tls: body.ssl === undefined ? undefined : String(bool(body.ssl)) }),
        }),
        credentials: body.pwd ? { password: body.pwd } : {},
        sealed_credentials: Buffer.alloc(0),
        key_name: itemName(body.key),
        description: body.description ?? body.comment ?? "",
        user_prefix: "",
      });
      // No target_id: Akeyless' is a number, and keyfrag's targets have names only.
      return { name: target.name ?? "" };
    },
  }),
  op({
    name: "target-update-db",
    aliases: ["update-db-target"],
    tag: "targets",
    summary:
      "Change a database target: host, port, user-name, pwd (sealed again), db-name, ssl, description. Name, type and key stay",
    fieldNames: { username: "user-name", database: "db-name" },
    fields: {
      name: Name("The target's name"),
      "db-type": opt(
        Type.Union(
          ["mysql", "mariadb", "postgres", "postgresql"].map((t) => Type.Literal(t)),
          { description: "Must be the target's type" },
        ),
      ),
      "connection-type": opt(Text('"credentials" (the only kind keyfrag has)', 64)),
      host: opt(Text("Host", 1024)),
      port: opt(Int("Port")),
      "user-name": opt(Text("The admin user", 256)),
      pwd: opt(Text("The admin password (sealed again under the target's key)", 1024)),
      "db-name": opt(Text("Database", 256)),
      ssl: opt(Bool("TLS to the server")),
      key: opt(Text("Must be the target's key (keys are not changed)", 1024)),
      description: opt(Text("Description")),
      comment: opt(Text("Description (older name)")),
      "new-name": opt(Text("Must be the name (a target is not renamed)", 1024)),
      "keep-prev-version": opt(Text("Accepted and ignored", 16)),
      "same-server": opt(SameServer),
    },
    async run(body, invoke) {
      const name = itemName(body.name);
      // Also the token and permission check (read on it) before anything is looked at.
      const current = await invoke("GetTarget", { name });
      const postgres = current.type === "postgresql";
      const asked = body["db-type"];
      if (asked && (asked.startsWith("postgres") ? "postgresql" : "mysql") !== current.type) {
        throw new InvalidArgumentError(`db-type: ${name} is a ${current.type} target`);
      }
      if (body["connection-type"] && body["connection-type"] !== "credentials") {
        throw new InvalidArgumentError('connection-type: only "credentials" is supported');
      }
      if (body["new-name"] && itemName(body["new-name"]) !== name) {
        throw new InvalidArgumentError(
          "new-name: a target is not renamed (create one under the new name)",
        );
      }
      if (body.key && itemName(body.key) !== (current.key_name ?? "")) {
        throw new InvalidArgumentError(
          `key: the credentials of ${name} stay sealed under ${current.key_name || "the system key"}`,
        );
      }
      const target = await invoke("UpdateTarget", {
        name,
        connection: connection({
          host: body.host,
          port: portText(body.port, "port"),
          username: body["user-name"],
          database: body["db-name"],
          ...(postgres
            ? {
                sslmode:
                  body.ssl === undefined ? undefined : bool(body.ssl) ? "require" : "disable",
              }
            : { tls: body.ssl === undefined ? undefined : String(bool(body.ssl)) }),
        }),
        credentials: body.pwd ? { password: body.pwd } : {},
        sealed_credentials: Buffer.alloc(0),
        description: body.description ?? body.comment ?? "",
        same_server: bool(body["same-server"]),
      });
      return { name: target.name ?? name };
    },
  }),
  op({
    name: "update-target",
    tag: "targets",
    summary: "Change a target's description",
    fields: {
      name: Name("The target's name"),
      description: opt(Text("The new description")),
      "new-comment": opt(Text("The new description (older name)")),
      "new-name": opt(Text("Must be the name (a target is not renamed)", 1024)),
      "max-versions": opt(Text("Accepted and ignored", 16)),
    },
    async run(body, invoke) {
      const name = itemName(body.name);
      if (body["new-name"] && itemName(body["new-name"]) !== name) {
        throw new InvalidArgumentError(
          "new-name: a target is not renamed (create one under the new name)",
        );
      }
      await invoke("UpdateTarget", {
        name,
        connection: {},
        credentials: {},
        sealed_credentials: Buffer.alloc(0),
        description: body.description || body["new-comment"] || "",
        same_server: false,
      });
      return { updated: true };
    },
  }),
  op({
    name: "target-get",
    tag: "targets",
    summary: "A target (never its credentials)",
    fields: { name: Name("The target's name"), "show-versions": opt(Bool("Accepted and ignored")) },
    async run(body, invoke) {
      return snake(await invoke("GetTarget", { name: itemName(body.name) }));
    },
  }),
  op({
    name: "target-list",
    tag: "targets",
    summary: "The targets the caller may list",
    fields: {
      filter: opt(Text("keyfrag: a folder prefix", 1024)),
      "pagination-token": opt(Text("From next_page", 4096)),
      type: opt(Strings("Accepted and ignored")),
    },
    async run(body, invoke) {
      const res = await invoke("ListTargets", {
        prefix: body.filter ? itemName(body.filter) : "",
        page_size: 0,
        page_token: body["pagination-token"] ?? "",
      });
      return { targets: (res.targets ?? []).map(snake), next_page: res.next_page_token ?? "" };
    },
  }),
  op({
    name: "target-delete",
    tag: "targets",
    summary: "Delete a target",
    fields: {
      name: Name("The target's name"),
      "force-deletion": opt(Bool("Accepted and ignored")),
    },
    async run(body, invoke) {
      const target = await invoke("DeleteTarget", { name: itemName(body.name) });
      return { name: target.name ?? "" };
    },
  }),

  op({
    name: "create-role",
    tag: "roles",
    summary: "Create a role",
    fields: {
      name: Text("The role's name", 256),
      description: opt(Text("Description")),
      comment: opt(Text("Description (older name)")),
    },
    async run(body, invoke) {
      const role = await invoke("CreateRole", {
        name: body.name,
        description: body.description ?? body.comment ?? "",
      });
      return roleView(role);
    },
  }),
  op({
    name: "get-role",
    tag: "roles",
    summary: "A role and its rules",
    fields: { name: Text("The role's name", 256) },
    async run(body, invoke) {
      return roleView(await invoke("GetRole", { name: body.name }));
    },
  }),
  op({
    name: "list-roles",
    tag: "roles",
    summary: "The roles the caller may list",
    fields: { "pagination-token": opt(Text("From next_page", 4096)) },
    async run(body, invoke) {
      const res = await invoke("ListRoles", {
        page_size: 0,
        page_token: body["pagination-token"] ?? "",
      });
      return { roles: (res.roles ?? []).map(roleView), next_page: res.next_page_token ?? "" };
    },
  }),
  op({
    name: "delete-role",
    tag: "roles",
    summary: "Delete a role",
    fields: { name: Text("The role's name", 256) },
    async run(body, invoke) {
      await invoke("DeleteRole", { name: body.name });
      return {};
    },
  }),
  op({
    name: "set-role-rule",
    tag: "roles",
    summary: "Set the capabilities a role has on a path",
    fields: {
      "role-name": Text("The role's name", 256),
      path: Text("A path or glob (/prod/*)", 1024),
      capability: Strings("create, read, update, delete, list, sign, deny"),
      "rule-type": opt(RuleType),
      ttl: opt(Int("Accepted and ignored")),
    },
    async run(body, invoke) {
      const role = await invoke("SetRoleRule", {
        role_name: body["role-name"],
        rule: {
          rule_type: ruleTypeOf(body["rule-type"]),
          path: body.path,
          capabilities: strings(body.capability),
        },
      });
      return roleView(role);
    },
  }),
  op({
    name: "delete-role-rule",
    tag: "roles",
    summary: "Remove a role's rule on a path",
    fields: {
      "role-name": Text("The role's name", 256),
      path: Text("The rule's path, as set", 1024),
      "rule-type": opt(RuleType),
    },
    async run(body, invoke) {
      const role = await invoke("DeleteRoleRule", {
        role_name: body["role-name"],
        rule_type: ruleTypeOf(body["rule-type"]),
        path: body.path,
      });
      return { deleted: true, result: "", ...roleView(role) };
    },
  }),
  op({
    name: "assoc-role-am",
    tag: "roles",
    summary: "Associate a role with an auth method (by am-name or keyfrag's access-id)",
    fields: {
      "role-name": Text("The role's name", 256),
      "am-name": opt(Text("The auth method's name", 1024)),
      "access-id": opt(Text("keyfrag: the auth method's access id", 256)),
      "sub-claims": opt(
        Type.Record(Type.String(), Type.String(), { description: "claim: comma-separated values" }),
      ),
      "case-sensitive": opt(Text("true or false (default false)", 16)),
    },
    async run(body, invoke) {
      const accessId = body["access-id"] || (await accessIdOf(invoke, body["am-name"] ?? ""));
      const subClaims = Object.fromEntries(
        Object.entries(stringMap(body["sub-claims"], "sub-claims")).map(([claim, values]) => [
          claim,
          {
            values: values
              .split(",")
              .map((v) => v.trim())
              .filter(Boolean),
          },
        ]),
      );
      const assoc = await invoke("AssocRoleAuthMethod", {
        role_name: body["role-name"],
        access_id: accessId,
        sub_claims: subClaims,
        case_sensitive: body["case-sensitive"] === "true",
      });
      return snake(assoc);
    },
  }),

  op({
    name: "create-auth-method",
    tag: "auth methods",
    summary: "An access-key auth method; the access key is shown this once",
    fields: {
      name: Text("The method's name", 1024),
      "bound-ips": opt(Strings("CIDRs logins are accepted from")),
      "jwt-ttl": opt(Int("Token lifetime in minutes")),
      description: opt(Text("Description")),
      "access-expires": opt(Int("Accepted and ignored")),
    },
    async run(body, invoke) {
      const res = await invoke("CreateAuthMethod", {
        name: body.name,
        description: body.description ?? "",
        token_ttl_seconds: int(body["jwt-ttl"], "jwt-ttl", 71_582_788) * 60,
        access_key: { bound_cidrs: strings(body["bound-ips"]) },
        method: "access_key",
      });
      return authMethodAnswer(body.name, res);
    },
  }),
  op({
    name: "create-auth-method-oauth2",
    aliases: ["create-auth-method-oidc"],
    tag: "auth methods",
    summary:
      "A JWT/OIDC auth method: tokens from issuer, verified by jwks-uri or keys; audience required",
    fields: {
      name: Text("The method's name", 1024),
      issuer: opt(Text("The iss claim", 2048)),
      "jwks-uri": opt(Text("Where the issuer's keys are", 2048)),
      "jwks-json-data": opt(
        Text(
          "The keys inline: a JWKS, one JWK or a PEM public key (base64 of it, or as it is)",
          65_536,
        ),
      ),
      audience: opt(Strings("The aud values accepted (required)")),
      "unique-identifier": Text("The claim naming the user (e.g. sub)", 256),
      "bound-claims": opt(
        Type.Record(Type.String(), Type.String(), { description: "claim: comma-separated values" }),
      ),
      "bound-ips": opt(Strings("CIDRs logins are accepted from")),
      "jwt-ttl": opt(Int("Token lifetime in minutes")),
      description: opt(Text("Description")),
      "client-id": opt(Text("OIDC: accepted as an audience", 1024)),
      "client-secret": opt(Text("Accepted and ignored", 1024)),
    },
    async run(body, invoke) {
      const audiences = [
        ...strings(body.audience),
        ...(body["client-id"] ? [body["client-id"]] : []),
      ];
      return authMethodAnswer(
        body.name,
        await invoke("CreateAuthMethod", {
          name: body.name,
          description: body.description ?? "",
          token_ttl_seconds: int(body["jwt-ttl"], "jwt-ttl", 71_582_788) * 60,
          jwt: {
            issuer: body.issuer ?? "",
            jwks_url: body["jwks-uri"] ?? "",
            public_keys: inlineKeys(body["jwks-json-data"]),
            audiences,
            required_claims: claimLists(body["bound-claims"]),
            unique_identifier: body["unique-identifier"],
            bound_cidrs: strings(body["bound-ips"]),
          },
          method: "jwt",
        }),
      );
    },
  }),
  op({
    name: "create-auth-method-k8s",
    tag: "auth methods",
    summary:
      "A Kubernetes auth method: service-account tokens of issuer, verified by jwks-uri or public-key",
    fields: {
      name: Text("The method's name", 1024),
      issuer: opt(Text("keyfrag: the cluster's service-account issuer", 2048)),
      "jwks-uri": opt(Text("keyfrag: where the issuer's keys are", 2048)),
      "public-key": opt(Text("The issuer's public key (PEM)", 65_536)),
      audience: opt(Strings("The aud values accepted")),
      "bound-namespaces": opt(Strings("Namespaces allowed")),
      "bound-sa-names": opt(Strings("Service accounts allowed")),
      "bound-ips": opt(Strings("CIDRs logins are accepted from")),
      "jwt-ttl": opt(Int("Token lifetime in minutes")),
      description: opt(Text("Description")),
      "gen-key": opt(Text("Accepted and ignored", 16)),
      "bound-pod-names": opt(Strings("Accepted and ignored")),
      "token-review-url": opt(
        Text("keyfrag: the API server whose TokenReview checks each token (https)"),
      ),
      "token-review-ca": opt(Text("keyfrag: PEM CA of that API server", 65_536)),
      "max-token-age": opt(Int("keyfrag: refuse tokens issued longer ago, in seconds")),
    },
    async run(body, invoke) {
      return authMethodAnswer(
        body.name,
        await invoke("CreateAuthMethod", {
          name: body.name,
          description: body.description ?? "",
          token_ttl_seconds: int(body["jwt-ttl"], "jwt-ttl", 71_582_788) * 60,
          kubernetes: {
            token_review_url: body["token-review-url"] ?? "",
            token_review_ca: body["token-review-ca"] ?? "",
            max_token_age_seconds: int(body["max-token-age"], "max-token-age", 31_536_000),
            issuer: body.issuer ?? "",
            jwks_url: body["jwks-uri"] ?? "",
            public_keys: body["public-key"] ? [body["public-key"]] : [],
            audiences: strings(body.audience),
            bound_namespaces: strings(body["bound-namespaces"]),
            bound_service_accounts: strings(body["bound-sa-names"]),
            bound_cidrs: strings(body["bound-ips"]),
          },
          method: "kubernetes",
        }),
      );
    },
  }),
  op({
    name: "create-auth-method-cert",
    tag: "auth methods",
    summary:
      "A client-certificate auth method: certificates chained to certificate-data log in (auth access-type cert)",
    fields: {
      name: Text("The method's name", 1024),
      "certificate-data": Text("The CA certificate(s): PEM, or base64 of PEM", 262_144),
      "bound-common-names": opt(Strings("Common names allowed")),
      "bound-ips": opt(Strings("CIDRs logins are accepted from")),
      "jwt-ttl": opt(Int("Token lifetime in minutes")),
      description: opt(Text("Description")),
      "unique-identifier": opt(Text("Accepted and ignored (the common name names the user)", 256)),
    },
    async run(body, invoke) {
      const data = body["certificate-data"];
      const pem = data.includes("-----BEGIN") ? data : Buffer.from(data, "base64").toString("utf8");
      return authMethodAnswer(
        body.name,
        await invoke("CreateAuthMethod", {
          name: body.name,
          description: body.description ?? "",
          token_ttl_seconds: int(body["jwt-ttl"], "jwt-ttl", 71_582_788) * 60,
          certificate: {
            ca_certificates: pem,
            bound_common_names: strings(body["bound-common-names"]),
            bound_cidrs: strings(body["bound-ips"]),
          },
          method: "certificate",
        }),
      );
    },
  }),
  op({
    name: "get-auth-method",
    tag: "auth methods",
    summary: "An auth method (among those the caller may list)",
    fields: { name: Text("The method's name", 1024) },
    async run(body, invoke) {
      const found = authMethodNamed(await listableAuthMethods(invoke), body.name, "exact");
      if (found) return authMethodView(found);
      throw new NotFoundError(
        `auth method ${body.name} not found (or not listable by this caller)`,
      );
    },
  }),
  op({
    name: "list-auth-methods",
    tag: "auth methods",
    summary: "The auth methods the caller may list",
    fields: { "pagination-token": opt(Text("From next_page", 4096)) },
    async run(body, invoke) {
      const res = await invoke("ListAuthMethods", {
        page_size: 0,
        page_token: body["pagination-token"] ?? "",
      });
      return {
        auth_methods: (res.methods ?? []).map(authMethodView),
        next_page: res.next_page_token ?? "",
      };
    },
  }),
  op({
    name: "delete-auth-method",
    tag: "auth methods",
    summary: "Delete an auth method",
    fields: { name: Text("The method's name", 1024) },
    async run(body, invoke) {
      await invoke("DeleteAuthMethod", { name: body.name, access_id: "" });
      return { name: body.name };
    },
  }),

  op({
    name: "get-audit-events",
    tag: "keyfrag",
    summary: "keyfrag: audit events (needs read on audit /events)",
    fields: {
      "since-ms": opt(Int("From this time (ms since the epoch)")),
      "until-ms": opt(Int("Until this time (ms since the epoch)")),
      path: opt(Text("Only events about paths under this prefix", 1024)),
      action: opt(Text("Only this action (e.g. gateway.get-secret-value)", 256)),
      actor: opt(Text("Only this access id", 256)),
      result: opt(Text("Only this result (allowed, denied, error)", 32)),
      "page-size": opt(Int("Events per page")),
      "pagination-token": opt(Text("From next_page_token", 4096)),
    },
    async run(body, invoke) {
      const res = await invoke("GetAuditEvents", auditQuery(body));
      return snake(res);
    },
  }),
  op({
    name: "verify-audit-chain",
    tag: "keyfrag",
    summary:
      "keyfrag: walk the audit hash chain — whether any record was changed, removed or inserted (needs read on audit /events)",
    fields: {},
    async run(_body, invoke) {
      return snake(await invoke("VerifyAuditChain", {}));
    },
  }),
  op({
    name: "cluster-status",
    tag: "keyfrag",
    summary: "keyfrag: fragment managers, slots and the keys the caller may list (a page of keys)",
    fields: {
      "page-size": opt(Int("Keys per page (default 100, at most 1,000)")),
      "pagination-token": opt(Text("From next_page_token", 4096)),
    },
    async run(body, invoke) {
      return snake(
        await invoke("ClusterStatus", {
          page_size: int(body["page-size"], "page-size", 1000),
          page_token: body["pagination-token"] ?? "",
        }),
      );
    },
  }),
];

function connection(fields: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

/** A lease id as keyfrag writes it: `<dynamic secret>/<random>`; a bare random is completed. */
function leaseIdOf(dynamicSecret: string, id: string | undefined): string {
  // None: the gateway refuses the empty lease id (after the token check, as for any request).
  if (!id) return "";
  return id.includes("/") ? itemName(id) : `${dynamicSecret}/${id}`;
}

/** Every auth method the caller may list (all pages: `x` and `/x` may be pages apart). */
async function listableAuthMethods(invoke: Invoke) {
  const methods: NonNullable<OperationResponse<"ListAuthMethods">["methods"]> = [];
  let token = "";
  for (let page = 0; page < 100; page++) {
    const res = await invoke("ListAuthMethods", { page_size: 0, page_token: token });
    methods.push(...(res.methods ?? []));
    token = res.next_page_token ?? "";
    if (!token) break;
  }
  return methods;
}

/** The access id of the auth method named `name` (among those the caller may list). */
async function accessIdOf(invoke: Invoke, name: string): Promise<string> {
  // None: the gateway refuses the empty access id (after the token check).
  if (!name) return "";
  const found = authMethodNamed(await listableAuthMethods(invoke), name, "refuse");
  if (found?.access_id) return found.access_id;
  throw new NotFoundError(`auth method ${name} not found (or not listable by this caller)`);
}

function authMethodView(m: OperationResponse<"CreateAuthMethod">["method"] & object) {
  return {
    auth_method_name: m.name ?? "",
    auth_method_access_id: m.access_id ?? "",
    description: m.description ?? "",
    creation_date: isoDate(m.created_at_ms as string | undefined),
    type: m.method ?? "",
    token_ttl_seconds: m.token_ttl_seconds ?? 0,
  };
}

function authMethodAnswer(name: string, res: OperationResponse<"CreateAuthMethod">) {
  return {
    name: res.method?.name ?? name,
    access_id: res.method?.access_id ?? "",
    ...(res.access_key ? { access_key: res.access_key } : {}),
  };
}

/**
 * Akeyless' `jwks-json-data`: base64 of a JWKS (`{"keys": [...]}`), of one JWK or of a PEM
 * public key, as the public keys keyfrag's JWT methods take (one JWK or PEM each).
 */
export function inlineKeys(data: string | undefined): string[] {
  if (!data) return [];
  const text = (
    /^[A-Za-z0-9+/]+={0,2}$/.test(data.trim())
      ? Buffer.from(data.trim(), "base64").toString("utf8")
      : data
  ).trim();
  if (!text.startsWith("{")) return [text];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError("jwks-json-data is not JSON (a JWKS, a JWK or a PEM key)");
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (keys === undefined) return [text];
  if (!Array.isArray(keys) || keys.length === 0)
    throw new InvalidArgumentError("jwks-json-data: keys must list at least one key");
  return keys.map((k) => JSON.stringify(k));
}

function claimLists(value: unknown): Record<string, { values: string[] }> {
  return Object.fromEntries(
    Object.entries(stringMap(value, "bound-claims")).map(([claim, values]) => [
      claim,
      {
        values: values
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      },
    ]),
  );
}

function roleView(role: OperationResponse<"GetRole">) {
  return {
    role_name: role.name ?? "",
    description: role.description ?? "",
    comment: role.description ?? "",
    rules: {
      path_rules: (role.rules ?? []).map((r) => ({
        path: r.path ?? "",
        capabilities: r.capabilities ?? [],
        type: `${r.rule_type ?? "item"}-rule`,
      })),
    },
    creation_date: isoDate(role.created_at_ms as string | undefined),
    modification_date: isoDate(role.updated_at_ms as string | undefined),
  };
}

function auditQuery(body: Record<string, unknown>): OperationRequest<"GetAuditEvents"> {
  const num = (field: string) =>
    int(body[field] as number | string | undefined, field, Number.MAX_SAFE_INTEGER);
  return {
    since_ms: String(num("since-ms")),
    until_ms: String(num("until-ms")),
    actor: (body.actor as string | undefined) ?? "",
    action: (body.action as string | undefined) ?? "",
    path_prefix: (body.path as string | undefined) ?? "",
    result: (body.result as string | undefined) ?? "",
    page_size: int(body["page-size"] as number | string | undefined, "page-size", 1000),
    page_token: (body["pagination-token"] as string | undefined) ?? "",
  };
}

/** A protobuf message as JSON: bytes in base64, everything else as it is (snake_case already). */
export function snake(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(snake);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snake(v)]));
  }
  return value;
}

/** The `exp` of a JWT, in ms (no verification: the gateway has just verified it). */
function tokenExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as {
      exp?: unknown;
    };
    return typeof payload.exp === "number" ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
