import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

/**
 * A Redis server of the test's own (`redis-server` on a loopback port, its append-only file in
 * a temporary directory), for tests that stop and start it: the shared server cannot be
 * stopped, other tests use it. What was written survives a stop and start.
 */
export interface PrivateRedis extends AsyncDisposable {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  start(): Promise<void>;
  /** Stops the server (SIGTERM: it writes its append-only file and exits). */
  stop(): Promise<void>;
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** Creates and starts a private Redis server; dispose stops it and deletes its files. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), "keyfrag-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (child) return;
      const proc = spawn(
        "redis-server",
        [
          "--port",
          String(port),
          "--bind",
          "127.0.0.1",
          "--dir",
          dir,
          "--save",
          "",
          "--appendonly",
          "yes",
          "--appendfsync",
          "always",
        ],
        { stdio: "ignore" },
      );
      child = proc;
      let exited = false;
      proc.once("exit", () => {
        exited = true;
        if (child === proc) child = undefined;
      });
      const end = Date.now() + 10_000;
      while (!(await answers(port))) {
        if (exited) throw new Error("redis-server exited at start (is it installed?)");
        if (Date.now() > end) throw new Error(`redis-server did not listen on ${port} in 10 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      const proc = child;
      if (!proc) return;
      const gone = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await gone;
    },
    async [Symbol.asyncDispose]() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
