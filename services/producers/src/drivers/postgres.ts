/**
 * PostgreSQL driver: one role per lease, created and dropped with the target's admin role.
 *
 * What the admin role needs: CREATEROLE (or superuser); membership in pg_signal_backend, so
 * revoke can end the role's sessions; and, as a non-superuser on PostgreSQL 16+, privileges of
 * the roles it creates (`createrole_self_grant = 'set, inherit'`), which REASSIGN OWNED and
 * DROP OWNED require.
 *
 * Roles are cluster-wide, but REASSIGN OWNED and DROP OWNED act only on the database of the
 * target's connection (plus shared objects). A role that owns objects or holds privileges in
 * another database cannot be dropped: revoke then fails with the server's message naming that
 * database, and keeps failing (the lease machinery retries) until the operator cleans it up or
 * configures revocation statements that do.
 */

import {
  FailedPreconditionError,
  InvalidArgumentError,
  KeyfragError,
  UnavailableError,
} from "@keyfrag/rpc";
import pg from "pg";
import type {
  CredentialDriver,
  DriverFactory,
  ProducerSettings,
  TargetConnection,
  TargetSecret,
} from "./driver.js";
import {
  checkKnownFields,
  checkName,
  checkPassword,
  checkPrefix,
  checkStatementSettings,
  escapeLike,
  isoExpiration,
  isTlsError,
  parseHost,
  parsePort,
  render,
  requiredField,
  scrub,
} from "./driver-support.js";

const DEFAULT_CREATION = [
  `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`,
];
const DEFAULT_RENEW = [`ALTER ROLE "{{name}}" VALID UNTIL '{{expiration}}'`];

const CONNECT_TIMEOUT_MS = 5_000;
// Bounds every statement on the server (lock waits included) so a stuck DROP cannot hold a
// lease worker forever; the client-side timeout catches a server that stops answering at all.
const STATEMENT_TIMEOUT_MS = 30_000;
const QUERY_TIMEOUT_MS = 35_000;
// How long pg_terminate_backend waits for a session to be gone (PostgreSQL 14+).
const TERMINATE_WAIT_MS = 5_000;
// A pooled connection unused this long is closed (the pool, and the credentials, stay).
const IDLE_CONNECTION_MS = 10_000;

const SSL_MODES = ["disable", "require", "verify-full"] as const;
type SslMode = (typeof SSL_MODES)[number];

interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  username: string;
  password: string;
  sslmode: SslMode;
}

/** Checks a PostgreSQL target's connection and secret; throws InvalidArgumentError naming the field. */
export function validatePostgresConnection(
  connection: TargetConnection,
  secret: TargetSecret,
): void {
  parseTarget(connection, secret);
}

/** Checks a PostgreSQL producer's statements; throws InvalidArgumentError naming the setting. */
export function validatePostgresSettings(settings: ProducerSettings): void {
  checkStatementSettings(settings, "PostgreSQL", [
    "creationStatements",
    "revocationStatements",
    "renewStatements",
  ]);
}

/** Creates, renews and drops PostgreSQL roles on one target. */
export const postgresDriver: DriverFactory = (connection, secret, options) => {
  const target = parseTarget(connection, secret);
  const pool =
    options?.poolSize !== undefined && options.poolSize > 0
      ? newPool(target, options.poolSize)
      : undefined;
  const withClient = <T>(
    extraSecrets: readonly string[],
    work: (client: pg.ClientBase) => Promise<T>,
  ) =>
    pool
      ? withPooledClient(pool, target, extraSecrets, work)
      : withOwnClient(target, extraSecrets, work);

  return {
    async create(req) {
      validatePostgresSettings(req.settings);
      checkName(req.name);
      checkPassword(req.password);
      const values = {
        name: req.name,
        password: req.password,
        expiration: isoExpiration(req.expiresAt),
      };
      const statements = render(req.settings.creationStatements, DEFAULT_CREATION, values);
      // One transaction: a failing statement leaves no half-made role behind.
      await withClient([req.password], (client) => inTransaction(client, statements));
      return { username: req.name, password: req.password };
    },

    async renew(req) {
      checkName(req.name);
      const values = { name: req.name, expiration: isoExpiration(req.expiresAt) };
      const statements = render(req.settings.renewStatements, DEFAULT_RENEW, values);
      await withClient([], (client) => inTransaction(client, statements));
    },

    async revoke(req) {
      const { name } = req;
      checkName(name);
      const custom = req.settings.revocationStatements;
      const statements =
        custom !== undefined && custom.length > 0
          ? render(custom, [], { name })
          : [
              // The admin inherits what the role made (tables holding data others may need)
              // instead of it being dropped; DROP OWNED then removes the role's privileges.
              `REASSIGN OWNED BY "${name}" TO CURRENT_USER`,
              `DROP OWNED BY "${name}"`,
              `DROP ROLE IF EXISTS "${name}"`,
            ];
      await withClient([], async (client) => {
        if (!(await roleExists(client, name))) return;
        try {
          // NOLOGIN first, so no session can start between the terminations and the drop.
          await client.query(`ALTER ROLE "${name}" NOLOGIN`);
          await terminateSessions(client, name);
          await inTransaction(client, statements);
        } catch (error) {
          // A concurrent revoke (or the operator) removed the role meanwhile: that is success.
          if (!(await roleExists(client, name))) return;
          throw error;
        }
      });
    },

    async listUsers(prefix) {
      checkPrefix(prefix);
      return withClient([], async (client) => {
        const { rows } = await client.query<{ rolname: string }>(
          `SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ESCAPE '!' ORDER BY rolname`,
          [`${escapeLike(prefix)}%`],
        );
        return rows.map((row) => row.rolname);
      });
    },

    async close() {
      if (pool && !pool.ended) await pool.end();
    },
  } satisfies CredentialDriver;
};

async function roleExists(client: pg.ClientBase, name: string): Promise<boolean> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name]);
  return (rowCount ?? 0) > 0;
}

async function terminateSessions(client: pg.ClientBase, name: string): Promise<void> {
  const { rows } = await client.query<{ version: number }>(
    "SELECT current_setting('server_version_num')::int AS version",
  );
  // Waiting for the sessions to be gone (14+) keeps their locks from blocking REASSIGN/DROP.
  const terminate =
    (rows[0]?.version ?? 0) >= 140000
      ? `pg_terminate_backend(pid, ${TERMINATE_WAIT_MS})`
      : "pg_terminate_backend(pid)";
  await client.query(
    `SELECT ${terminate} FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`,
    [name],
  );
}

async function inTransaction(client: pg.ClientBase, statements: readonly string[]): Promise<void> {
  await client.query("BEGIN");
  try {
    // No parameters: pg sends each string as a simple query, which may hold several statements.
    for (const statement of statements) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

function clientConfig(target: PostgresTarget): pg.ClientConfig {
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.username,
    // A function, because pg replaces an empty password with $PGPASSWORD or ~/.pgpass.
    password: () => target.password,
    ssl: sslOptions(target),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    application_name: "keyfrag-producers",
  };
}

/** A bounded pool of admin connections; idle ones close after a while (the pool lives on). */
function newPool(target: PostgresTarget, size: number): pg.Pool {
  const pool = new pg.Pool({
    ...clientConfig(target),
    max: size,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    allowExitOnIdle: true,
  });
  // An idle connection that drops (server restart, terminated) is removed by the pool; unheard,
  // the event would crash the process.
  pool.on("error", () => {});
  return pool;
}

/** Runs `work` on a pooled connection; a connection whose work failed is closed, not reused. */
async function withPooledClient<T>(
  pool: pg.Pool,
  target: PostgresTarget,
  extraSecrets: readonly string[],
  work: (client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    // Its session may be mid-transaction or its query cancelled: never hand it out again.
    client?.release(true);
    throw toKeyfragError(error, target, [target.password, ...extraSecrets]);
  }
}

/** Opens one connection for `work` and always closes it; maps every failure to a KeyfragError. */
async function withOwnClient<T>(
  target: PostgresTarget,
  extraSecrets: readonly string[],
  work: (client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  const client = new pg.Client(clientConfig(target));
  // A dropped connection also fails the pending query, which is where we report it; unheard,
  // the event would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    throw toKeyfragError(error, target, [target.password, ...extraSecrets]);
  } finally {
    await client.end().catch(() => {});
  }
}

function sslOptions(target: PostgresTarget): pg.ClientConfig["ssl"] {
  switch (target.sslmode) {
    case "disable":
      return false;
    // As libpq's "require": encrypted, but the certificate is not checked.
    case "require":
      return { rejectUnauthorized: false };
    case "verify-full":
      return { rejectUnauthorized: true };
  }
}

// SQLSTATEs after which trying again later may work: connection exceptions (08), insufficient
// resources (53), operator intervention such as shutdown (57P01-57P05), and lost races (40001,
// 40P01). Query cancellation (57014, i.e. our statement timeout) is included.
const RETRYABLE_SQLSTATE = /^(08|53|57P0|57014|40001|40P01)/;

/** Turns a pg or socket error into a KeyfragError without leaking `secrets`. */
function toKeyfragError(error: unknown, target: PostgresTarget, secrets: readonly string[]): Error {
  if (error instanceof KeyfragError) return error;
  const { code, detail, message } = error as {
    code?: unknown;
    detail?: unknown;
    message?: unknown;
  };
  const text = scrub(String(message ?? error), secrets);
  const where = `PostgreSQL at ${target.host}:${target.port}`;
  if (error instanceof pg.DatabaseError && typeof code === "string") {
    // No cause: the server's message may echo the password, and only our copy is scrubbed.
    const more = typeof detail === "string" && detail !== "" ? ` (${scrub(detail, secrets)})` : "";
    if (RETRYABLE_SQLSTATE.test(code)) {
      return new UnavailableError(`${where} is unavailable: ${text}${more} [SQLSTATE ${code}]`);
    }
    return new FailedPreconditionError(`${where} refused: ${text}${more} [SQLSTATE ${code}]`);
  }
  if (isTlsError(error)) {
    return new FailedPreconditionError(`${where}: TLS failed: ${text}`, { cause: error });
  }
  // Socket-level failures (refused, reset, timed out, unknown host): the target is unreachable.
  return new UnavailableError(`${where} is unreachable: ${text}`, { cause: error });
}

/** Replaces every occurrence of a secret, in any letter case (PostgreSQL folds identifiers). */
function parseTarget(connection: TargetConnection, secret: TargetSecret): PostgresTarget {
  checkKnownFields(
    connection,
    "connection",
    ["host", "port", "database", "username", "sslmode"],
    "PostgreSQL",
  );
  checkKnownFields(secret, "secret", ["password"], "PostgreSQL");
  const password = secret.password ?? "";
  if (typeof password !== "string") throw new InvalidArgumentError("secret.password must be text");
  return {
    host: parseHost(connection.host),
    port: parsePort(connection.port, 5432),
    database: requiredField(connection, "database"),
    username: requiredField(connection, "username"),
    password,
    sslmode: parseSslMode(connection.sslmode),
  };
}

function parseSslMode(value: string | undefined): SslMode {
  if (value === undefined || value === "") return "disable";
  const mode = SSL_MODES.find((m) => m === value);
  if (mode === undefined) {
    throw new InvalidArgumentError(`connection.sslmode must be one of ${SSL_MODES.join(", ")}`);
  }
  return mode;
}
