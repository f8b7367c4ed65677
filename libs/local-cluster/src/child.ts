/**
 * The one way keyfrag starts a service as a child process: `pnpm start` (launcher.ts), the
 * test clusters (test/cluster) and the benchmarks all use `startChild`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** The ready line the service printed (`{"ready":"<service>",…}`), parsed. */
  readonly ready: Record<string, unknown>;
  /** Resolves with the exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number, signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartChildOptions {
  /** Node.js flags before the script (e.g. `--cpu-prof`). */
  nodeArgs?: readonly string[];
}

/**
 * Starts `node <script>` with exactly `env` (plus PATH) and resolves once it prints its ready
 * line (`{"ready":…}` on stdout), or rejects when it exits first or takes longer than
 * `timeoutMs` (then it is killed: whoever starts it again would run two). stdout and stderr are
 * appended to `logFile`.
 */
export function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  logFile: string,
  timeoutMs = 60_000,
  options: StartChildOptions = {},
): Promise<Child> {
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const stop = async (graceMs = 10_000, signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    let buffered = "";
    let ready = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} was not ready after ${timeoutMs} ms (log: ${logFile})`));
    }, timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (ready) return;
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      const line = lines.find((l) => l.startsWith('{"ready"'));
      if (line === undefined) return;
      ready = true;
      clearTimeout(timer);
      resolve({
        name,
        process: child,
        ready: JSON.parse(line) as Record<string, unknown>,
        exited,
        stop,
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${name} exited (${code ?? child.signalCode}) before it was ready (log: ${logFile})`,
        ),
      );
    });
  });
}
