import { Redis } from "ioredis";
import { type Dependency, dependencyUrl } from "./dependency-source.js";
import { randomId } from "./random-id.js";
import { unreachable } from "./unreachable.js";

/** A Redis client whose test keys live under a prefix no other run uses. */
export interface TestRedis extends AsyncDisposable {
  readonly url: string;
  readonly client: Redis;
  /** `kf:test:<random>:`; every key the test writes should start with it. */
  readonly prefix: string;
  /** `name` under this run's prefix, so dispose finds and deletes it. */
  key(name: string): string;
}

const redis: Dependency = {
  name: "Redis",
  envVar: "REDIS_URL",
  localUrl: "redis://127.0.0.1:6379",
  container: ({ GenericContainer, Wait }) => ({
    container: new GenericContainer("redis:7.4").withWaitStrategy(
      Wait.forLogMessage("Ready to accept connections"),
    ),
    port: 6379,
    url: (host, port) => `redis://${host}:${port}`,
  }),
};

/** Connects to the shared test Redis; dispose deletes every key under the run's prefix. */
export async function testRedis(options: { url?: string } = {}): Promise<TestRedis> {
  const url = await dependencyUrl(redis, options.url);
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    // Fail the test instead of retrying forever against a dead server.
    retryStrategy: () => null,
    maxRetriesPerRequest: 1,
  });
  // connect() only rejects with "Connection is closed"; the socket's real error (ECONNREFUSED,
  // auth failure…) arrives as an event, and an unheard event would also be printed by ioredis.
  let socketError: unknown;
  client.on("error", (error) => {
    socketError = error;
  });
  try {
    await client.connect();
  } catch (cause) {
    client.disconnect();
    throw unreachable(redis, url, socketError ?? cause);
  }

  const prefix = `kf:test:${randomId()}:`;
  return {
    url,
    client,
    prefix,
    key: (name) => `${prefix}${name}`,
    async [Symbol.asyncDispose]() {
      try {
        await deleteUnder(client, prefix);
      } finally {
        // A test may have closed the client itself; quitting again would throw.
        if (client.status !== "end") await client.quit();
      }
    },
  };
}

// SCAN rather than KEYS so cleanup never blocks a Redis other test runs are using.
async function deleteUnder(client: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length > 0) await client.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
}
