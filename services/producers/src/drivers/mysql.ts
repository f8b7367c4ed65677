/**
 * MySQL/MariaDB driver: one account per lease, created and dropped with the target's admin user.
 *
 * What the admin user needs: CREATE USER; every privilege it should hand out, WITH GRANT
 * OPTION; SELECT on mysql.user (existence checks, listUsers); PROCESS, or it cannot see the
 * user's sessions and so silently cannot end them; and CONNECTION ADMIN (MariaDB 10.5+,
 * MySQL 8) or SUPER to kill them.
 *
 * MySQL has no per-account expiry that matches a lease (PASSWORD EXPIRE only forces a password
 * change), so renew is a no-op and renewStatements are refused: revocation at the lease's end is
 * what bounds the account's life.
 *
 * Statements run one template string at a time on a connection with multipleStatements on, so
 * a template may hold several `;`-separated statements. We let the server split them rather
 * than splitting ourselves, because only the server's parser gets quotes, backslash escapes,
 * comments and compound statements right. The usual risk of that option, injection that
 * smuggles in a second statement, does not arise: templates are the operator's own SQL, and
 * the values we interpolate are checked to be [a-z0-9_] names and [A-Za-z0-9] passwords.
 */

import {
  FailedPreconditionError,
  InvalidArgumentError,
  KeyfragError,
  UnavailableError,
} from "@keyfrag/rpc";
import mysql, { type Connection, type Pool, type RowDataPacket } from "mysql2/promise";
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
  parseBoolean,
  parseHost,
  parsePort,
  render,
  requiredField,
  scrub,
} from "./driver-support.js";

const DEFAULT_CREATION = [`CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}';`];
const DEFAULT_REVOCATION = [`DROP USER IF EXISTS '{{name}}'@'%'`];

const CONNECT_TIMEOUT_MS = 5_000;
// A statement stuck on a lock must not hold a lease worker forever.
const QUERY_TIMEOUT_MS = 30_000;
const CLOSE_WAIT_MS = 2_000;
// A pooled connection unused this long is closed (the pool, and the credentials, stay).
const IDLE_CONNECTION_MS = 10_000;
// ER_NO_SUCH_THREAD: the session ended between listing and killing it.
const ER_NO_SUCH_THREAD = 1094;

interface MysqlTarget {
  host: string;
  port: number;
  database: string | undefined;
  username: string;
  password: string;
  tls: boolean;
}

/** Checks a MySQL/MariaDB target's connection and secret; throws InvalidArgumentError naming the field. */
export function validateMysqlConnection(connection: TargetConnection, secret: TargetSecret): void {
  parseTarget(connection, secret);
}

/** Checks a MySQL/MariaDB producer's statements; throws InvalidArgumentError naming the setting. */
export function validateMysqlSettings(settings: ProducerSettings): void {
  checkStatementSettings(
    settings,
    "MySQL",
    ["creationStatements", "revocationStatements"],
    (key) => (key === "renewStatements" ? " (MySQL has no per-user expiry to renew)" : ""),
  );
}

/** Creates and drops MySQL/MariaDB accounts on one target. */
export const mysqlDriver: DriverFactory = (connection, secret, options) => {
  const target = parseTarget(connection, secret);
  const pool =
    options?.poolSize !== undefined && options.poolSize > 0
      ? newPool(target, options.poolSize)
      : undefined;
  const withConnection = <T>(
    extraSecrets: readonly string[],
    work: (conn: Connection) => Promise<T>,
  ) =>
    pool
      ? withPooledConnection(pool, target, extraSecrets, work)
      : withOwnConnection(target, extraSecrets, work);

  const revocation = (settings: ProducerSettings, name: string) =>
    render(settings.revocationStatements, DEFAULT_REVOCATION, { name });

  /** Ends the user's sessions, then runs the revocation statements if the user exists. */
  async function remove(conn: Connection, name: string, statements: readonly string[]) {
    // Killed first even when the account is gone: a retried revoke may find it dropped by the
    // previous attempt but a session of it still open (DROP USER does not end sessions).
    await killSessions(conn, name);
    if (!(await userExists(conn, name))) return;
    for (const statement of statements) await run(conn, statement);
    // A session that logged in between the kill and the drop would outlive the account.
    await killSessions(conn, name);
  }

  return {
    async create(req) {
      validateMysqlSettings(req.settings);
      checkName(req.name);
      checkPassword(req.password);
      const values = {
        name: req.name,
        password: req.password,
        expiration: isoExpiration(req.expiresAt),
      };
      const statements = render(req.settings.creationStatements, DEFAULT_CREATION, values);
      const cleanup = revocation(req.settings, req.name);
      await withConnection([req.password], async (conn) => {
        // Checked up front so the cleanup below can never remove an account we did not make.
        if (await userExists(conn, req.name)) {
          throw new FailedPreconditionError(`MySQL user ${req.name} already exists`);
        }
        try {
          for (const statement of statements) await run(conn, statement);
        } catch (error) {
          // DDL commits at once, so an account made by an earlier statement survives a later
          // failure. Best effort: if this fails too, revoke or the orphan sweeper removes it.
          await remove(conn, req.name, cleanup).catch(() => {});
          throw error;
        }
      });
      return { username: req.name, password: req.password };
    },

    async renew(req) {
      // No per-account expiry to move (see the file comment).
      checkName(req.name);
    },

    async revoke(req) {
      checkName(req.name);
      const statements = revocation(req.settings, req.name);
      await withConnection([], (conn) => remove(conn, req.name, statements));
    },

    async listUsers(prefix) {
      checkPrefix(prefix);
      return withConnection([], async (conn) => {
        // "!" as the escape character works whatever NO_BACKSLASH_ESCAPES says.
        const [rows] = await conn.query<RowDataPacket[]>({
          sql: "SELECT DISTINCT User AS name FROM mysql.user WHERE User LIKE ? ESCAPE '!' ORDER BY User",
          values: [`${escapeLike(prefix)}%`],
          timeout: QUERY_TIMEOUT_MS,
        });
        return rows.map((row) => String(row.name));
      });
    },

    async close() {
      await pool?.end().catch(() => {});
    },
  } satisfies CredentialDriver;
};

async function run(conn: Connection, sql: string): Promise<void> {
  await conn.query({ sql, timeout: QUERY_TIMEOUT_MS });
}

async function userExists(conn: Connection, name: string): Promise<boolean> {
  const [rows] = await conn.query<RowDataPacket[]>({
    sql: "SELECT 1 FROM mysql.user WHERE User = ? LIMIT 1",
    values: [name],
    timeout: QUERY_TIMEOUT_MS,
  });
  return rows.length > 0;
}

async function killSessions(conn: Connection, name: string): Promise<void> {
  const [rows] = await conn.query<RowDataPacket[]>({
    sql: "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()",
    values: [name],
    timeout: QUERY_TIMEOUT_MS,
  });
  for (const row of rows) {
    try {
      await conn.query({
        sql: "KILL CONNECTION ?",
        values: [Number(row.ID)],
        timeout: QUERY_TIMEOUT_MS,
      });
    } catch (error) {
      if ((error as { errno?: unknown }).errno !== ER_NO_SUCH_THREAD) throw error;
    }
  }
}

function connectionOptions(target: MysqlTarget): mysql.ConnectionOptions {
  return {
    host: target.host,
    port: target.port,
    user: target.username,
    password: target.password,
    ...(target.database !== undefined ? { database: target.database } : {}),
    // Verified TLS: the CA must be one Node trusts (system store or NODE_EXTRA_CA_CERTS).
    ...(target.tls ? { ssl: { rejectUnauthorized: true, verifyIdentity: true } } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
    multipleStatements: true,
  };
}

/** A bounded pool of admin connections; idle ones close after a while (the pool lives on). */
function newPool(target: MysqlTarget, size: number): Pool {
  const pool = mysql.createPool({
    ...connectionOptions(target),
    connectionLimit: size,
    maxIdle: size,
    idleTimeout: IDLE_CONNECTION_MS,
    waitForConnections: true,
  });
  // A dropped connection also fails the pending query, which is where we report it; unheard,
  // the event would crash the process.
  pool.pool.on("connection", (conn) => conn.on("error", () => {}));
  return pool;
}

/** Runs `work` on a pooled connection; a connection whose work failed is closed, not reused. */
async function withPooledConnection<T>(
  pool: Pool,
  target: MysqlTarget,
  extraSecrets: readonly string[],
  work: (conn: Connection) => Promise<T>,
): Promise<T> {
  let conn: mysql.PoolConnection | undefined;
  try {
    conn = await pool.getConnection();
    const result = await work(conn);
    conn.release();
    return result;
  } catch (error) {
    // A timed-out query may still run on it, or it may be gone: never hand it out again.
    conn?.destroy();
    throw toKeyfragError(error, target, [target.password, ...extraSecrets]);
  }
}

/** Opens one connection for `work` and always closes it; maps every failure to a KeyfragError. */
async function withOwnConnection<T>(
  target: MysqlTarget,
  extraSecrets: readonly string[],
  work: (conn: Connection) => Promise<T>,
): Promise<T> {
  const secrets = [target.password, ...extraSecrets];
  let conn: Connection;
  try {
    conn = await mysql.createConnection(connectionOptions(target));
  } catch (error) {
    throw toKeyfragError(error, target, secrets);
  }
  // A dropped connection also fails the pending query, which is where we report it; unheard,
  // the event would crash the process.
  conn.on("error", () => {});
  try {
    return await work(conn);
  } catch (error) {
    throw toKeyfragError(error, target, secrets);
  } finally {
    await close(conn);
  }
}

async function close(conn: Connection): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_WAIT_MS);
  });
  // A polite QUIT first; a connection that cannot take it anymore is cut.
  await Promise.race([conn.end().catch(() => {}), waited]);
  clearTimeout(timer);
  conn.destroy();
}

// Server errors after which trying again later may work: too many connections (1040), server
// shutdown (1053), lock wait timeout (1205), deadlock (1213), interrupted or timed-out statements
// (1317, 1927, 1969, 3024).
const RETRYABLE_ERRNO = new Set([1040, 1053, 1205, 1213, 1317, 1927, 1969, 3024]);

/** Turns a mysql2 or socket error into a KeyfragError without leaking `secrets`. */
function toKeyfragError(error: unknown, target: MysqlTarget, secrets: readonly string[]): Error {
  if (error instanceof KeyfragError) return error;
  const { errno, sqlState, sqlMessage, message, code } = error as {
    errno?: unknown;
    sqlState?: unknown;
    sqlMessage?: unknown;
    message?: unknown;
    code?: unknown;
  };
  const where = `MySQL at ${target.host}:${target.port}`;
  // No cause on any of these: mysql2 attaches the failed statement (password and all) to its
  // errors as `sql`, and the server's message may echo it; only our copy is scrubbed.
  if (typeof sqlState === "string" && typeof errno === "number" && errno > 0) {
    const text = scrub(String(sqlMessage ?? message), secrets);
    if (RETRYABLE_ERRNO.has(errno)) {
      return new UnavailableError(`${where} is unavailable: ${text} [error ${errno}]`);
    }
    return new FailedPreconditionError(`${where} refused: ${text} [error ${errno}]`);
  }
  const text = scrub(String(message ?? error), secrets);
  const kind = typeof code === "string" ? ` [${code}]` : "";
  if (isTlsError(error)) return new FailedPreconditionError(`${where}: TLS failed: ${text}${kind}`);
  // Socket-level failures (refused, reset, timed out, unknown host): the target is unreachable.
  return new UnavailableError(`${where} is unreachable: ${text}${kind}`);
}

/** Replaces every occurrence of a secret, in any letter case. */
function parseTarget(connection: TargetConnection, secret: TargetSecret): MysqlTarget {
  checkKnownFields(
    connection,
    "connection",
    ["host", "port", "database", "username", "tls"],
    "MySQL",
  );
  checkKnownFields(secret, "secret", ["password"], "MySQL");
  const password = secret.password ?? "";
  if (typeof password !== "string") throw new InvalidArgumentError("secret.password must be text");
  const database = connection.database;
  if (database !== undefined && typeof database !== "string") {
    throw new InvalidArgumentError("connection.database must be text");
  }
  return {
    host: parseHost(connection.host),
    port: parsePort(connection.port, 3306),
    database: database === undefined || database === "" ? undefined : database,
    username: requiredField(connection, "username"),
    password,
    tls: parseBoolean(connection.tls, "tls"),
  };
}
