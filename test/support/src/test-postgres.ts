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
        await dropDatabase(adminUrl, database);
      }
    },
  };
}

// A short-lived connection per statement: holding one open for a whole test would
// count against the shared server's connection limit for nothing.
/**
 * Drops the test database. pool.end() resolves before the server has seen every session
 * close, so a plain DROP is retried for a moment; only sessions still open after that (opened
 * by the code under test and never closed) are ended with FORCE. Forcing at once would kill
 * our own closing sessions, whose clients then raise an unhandled "terminating connection".
 */
async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await asAdmin(adminUrl, `DROP DATABASE IF EXISTS "${database}"`);
      return;
    } catch (err) {
      // 55006: the database is being accessed by other users.
      if ((err as { code?: string }).code !== "55006") throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await asAdmin(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

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
