import { type JetStreamClient, type JetStreamManager, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { type Dependency, dependencyUrl } from "./dependency-source.js";
import { randomId } from "./random-id.js";
import { unreachable } from "./unreachable.js";

/** A NATS connection with JetStream, plus names unique to this run. */
export interface TestNats extends AsyncDisposable {
  readonly url: string;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** A fresh stream, subject or consumer name; streams named this way are deleted on dispose. */
  name(base?: string): string;
}

const nats: Dependency = {
  name: "NATS (with JetStream)",
  envVar: "NATS_URL",
  localUrl: "nats://127.0.0.1:4222",
  container: ({ GenericContainer, Wait }) => ({
    container: new GenericContainer("nats:2.11")
      .withCommand(["-js"])
      .withWaitStrategy(Wait.forLogMessage("Server is ready")),
    port: 4222,
    url: (host, port) => `nats://${host}:${port}`,
  }),
};

// Stream names may not contain ".", "*", ">" or whitespace, and a name is also used as a subject token.
const NAME_BASE = /^[A-Za-z0-9_-]+$/;

/** Connects to the shared test NATS; dispose deletes the run's streams and drains. */
export async function testNats(options: { url?: string } = {}): Promise<TestNats> {
  const url = await dependencyUrl(nats, options.url);
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: url, timeout: 3_000 });
  } catch (cause) {
    throw unreachable(nats, url, cause);
  }
  let jsm: JetStreamManager;
  try {
    // Asks the server for account info, so a server started without -js fails here, not mid-test.
    jsm = await jetstreamManager(nc);
  } catch (cause) {
    await nc.close();
    throw unreachable(nats, url, cause);
  }

  const prefix = `kf_test_${randomId()}_`;
  let counter = 0;
  return {
    url,
    nc,
    js: jsm.jetstream(),
    jsm,
    name(base = "x") {
      if (!NAME_BASE.test(base)) {
        throw new Error(`NATS name base must match ${NAME_BASE}: "${base}"`);
      }
      counter += 1;
      return `${prefix}${base}_${counter}`;
    },
    async [Symbol.asyncDispose]() {
      try {
        const ours: string[] = [];
        for await (const stream of jsm.streams.names()) {
          if (stream.startsWith(prefix)) ours.push(stream);
        }
        await Promise.all(ours.map((stream) => jsm.streams.delete(stream)));
      } finally {
        if (!nc.isClosed()) await nc.drain();
      }
    },
  };
}
