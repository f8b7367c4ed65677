import mysql, { type Pool } from "mysql2/promise";
import { withDatabase } from "./database-url.js";
import { type Dependency, dependencyUrl } from "./dependency-source.js";
import { randomId } from "./random-id.js";
import { unreachable } from "./unreachable.js";

/** A pool on a MariaDB/MySQL database created for this test alone. */
export interface TestMysql extends AsyncDisposable {
  /** URL of the fresh database, for code under test that connects by itself. */
  readonly url: string;
  readonly database: string;
  readonly pool: Pool;
}

const CONTAINER_PASSWORD = "keyfrag";

const mariadb: Dependency = {
  name: "MariaDB",
  envVar: "MYSQL_URL",
  localUrl: "mysql://root@127.0.0.1:3306/",
  container: ({ GenericContainer, Wait }) => ({
    container: new GenericContainer("mariadb:11")
      .withEnvironment({ MARIADB_ROOT_PASSWORD: CONTAINER_PASSWORD })
      // The image's own probe; unlike its log lines it stays false while init runs a temporary server.
      .withHealthCheck({
        test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"],
        interval: 1_000,
        timeout: 3_000,
        retries: 60,
      })
      .withWaitStrategy(Wait.forHealthCheck()),
    port: 3306,
    url: (host, port) => `mysql://root:${CONTAINER_PASSWORD}@${host}:${port}/`,
  }),
};

const CONNECT_TIMEOUT_MS = 3_000;

/** Creates database `kf_test_<random>`; dispose ends the pool and drops the database. */
export async function testMysql(options: { url?: string } = {}): Promise<TestMysql> {
  const adminUrl = await dependencyUrl(mariadb, options.url);
  const database = `kf_test_${randomId()}`;
  // Database names cannot be placeholders; the name is ours and safe to quote literally.
  await asAdmin(adminUrl, `CREATE DATABASE \`${database}\``);

  const url = withDatabase(adminUrl, database);
  const pool = mysql.createPool({ uri: url, connectTimeout: CONNECT_TIMEOUT_MS });
  return {
    url,
    database,
    pool,
    async [Symbol.asyncDispose]() {
      try {
        await pool.end();
      } finally {
        await asAdmin(adminUrl, `DROP DATABASE IF EXISTS \`${database}\``);
      }
    },
  };
}

// A short-lived connection per statement keeps nothing open on the shared server between them.
async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({
      uri: adminUrl,
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
  } catch (cause) {
    throw unreachable(mariadb, adminUrl, cause);
  }
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}
