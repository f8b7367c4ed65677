/** A service running as a child process, its output appended to a log file. */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** Resolves with the exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node <script>` with exactly `env` (plus PATH) and resolves once it prints its ready
 * line (`{"ready":…}` on stdout), or rejects when it exits first or takes longer than
 * `timeoutMs`.
 */
export function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  logFile: string,
  timeoutMs = 60_000,
): Promise<Child> {
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const handle: Child = {
    name,
    process: child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => {
      // Not left running: whoever starts it again would run two.
      child.kill("SIGKILL");
      reject(new Error(`${name} was not ready after ${timeoutMs} ms (log: ${logFile})`));
    }, timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      if (lines.some((line) => line.startsWith('{"ready"'))) {
        clearTimeout(timer);
        resolve(handle);
      }
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
