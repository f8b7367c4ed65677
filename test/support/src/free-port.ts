import { createServer } from "node:net";

// Below Linux's ephemeral range (32768-60999 by default): a port handed out here is not also
// picked by the kernel for one of the many outgoing connections a test cluster makes between
// this check and the moment a service binds it, which is what made "free" ports collide.
const LOW = 20_000;
const HIGH = 32_000;
const given = new Set<number>();

function tryListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, chosen at random below the ephemeral
 * range and never twice by one process.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (given.has(port)) continue;
    if (await tryListen(port)) {
      given.add(port);
      return port;
    }
  }
  throw new Error(`no free port found in ${LOW}-${HIGH}`);
}
