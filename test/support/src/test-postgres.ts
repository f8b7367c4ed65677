import pg from "pg";
import { withDatabase } from "./database-url.js";
import { type Dependency, dependencyUrl } from "./dependency-source.js";
import { randomId } from "./random-id.js";
import { unreachable } from "./unreachable.js";

/** A pool on a PostgreSQL database created for this test alone. */
export interface TestPostgres extends AsyncDisposable {
  /** URL of the fresh database, for code under test that connects by itself. */
  readonly url: string;
  readonly database: string;
  readonly pool: pg.Pool;
}

const CONTAINER_PASSWORD = "keyfrag";

const postgres: Dependency = {
  name: "PostgreSQL",
  envVar: "PG_URL",
  localUrl: "postgres://postgres@127.0.0.1:5432/postgres",
  container: ({ GenericContainer, Wait }) => ({
    container: new GenericContainer("postgres:16")
      .withEnvironment({ POSTGRES_PASSWORD: CONTAINER_PASSWORD })
      // The image's init runs a temporary server first; only the second "ready" is the real one.
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2)),
    port: 5432,
    url: (host, port) => `postgres://postgres:${CONTAINER_PASSWORD}@${host}:${port}/postgres`,
  }),
};

const CONNECT_TIMEOUT_MS = 3_000;

/** Creates database `kf_test_<random>`; dispose ends the pool and drops the database. */
export async function testPostgres(options: { url?: string } = {}): Promise<TestPostgres> {
  const adminUrl = await dependencyUrl(postgres, options.url);
  const database = `kf_test_${randomId()}`;
  // Database names cannot be bound parameters; the name is ours and safe to quote literally.
  await asAdmin(adminUrl, `CREATE DATABASE "${database}"`);

  const url = withDatabase(adminUrl, database);
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  return {
    url,
    database,
    pool,
    async [Symbol.asyncDispose]() {
      try {
        if (!pool.ended) await pool.end();
      } finally {
        // FORCE also ends connections the code under test opened and never closed.
        await asAdmin(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      }
    },
  };
}

// A short-lived connection per statement: holding one open for a whole test would
// count against the shared server's connection limit for nothing.
async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
  } catch (cause) {
    throw unreachable(postgres, adminUrl, cause);
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
