import { createServer, type Server } from "node:net";

// Below Linux's ephemeral range (32768-60999 by default): a port handed out here is not also
// picked by the kernel for one of the many outgoing connections a test cluster makes between
// this check and the moment a service binds it, which is what made "free" ports collide.
const LOW = 20_000;
const HIGH = 32_000;
const given = new Set<number>();

/** Listens on `port`; the listening server, or undefined when the port is taken. */
function tryListen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(undefined));
    srv.listen(port, "127.0.0.1", () => resolve(srv));
  });
}

/** A port none of this process's picks had, listened on (so no other process takes it). */
async function pick(): Promise<{ port: number; server: Server }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (given.has(port)) continue;
    given.add(port);
    const server = await tryListen(port);
    if (server) return { port, server };
  }
  throw new Error(`no free port found in ${LOW}-${HIGH}`);
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, chosen at random below the ephemeral
 * range and never twice by one process.
 */
export async function freePort(): Promise<number> {
  const { port, server } = await pick();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Like `freePort`, but the port stays taken (listened on by this process) until `release`: a
 * cluster that picks its ports long before its processes bind them keeps another test process
 * from being handed one meanwhile. Does not keep the process alive.
 */
export async function reservePort(): Promise<{ port: number; release(): void }> {
  const { port, server } = await pick();
  server.unref();
  return { port, release: () => server.close() };
}
