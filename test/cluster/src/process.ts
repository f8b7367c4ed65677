import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The compiled entry point of a service (`services/<name>/dist/main.js`). */
export function serviceScript(service: string): string {
  return join(repoRoot, "services", service, "dist", "main.js");
}

/** Throws a clear error when a service has not been compiled. */
export function requireBuilt(services: readonly string[]): void {
  for (const s of services) {
    if (!existsSync(serviceScript(s))) {
      throw new Error(`${serviceScript(s)} is missing: run \`pnpm build\` first`);
    }
  }
}

/**
 * `--cpu-prof` for the processes KEYFRAG_CPU_PROF names ("gateway,secrets"; a name matches a
 * process whose name starts with it), written to KEYFRAG_CPU_PROF_DIR (default: the working
 * directory) when the process exits: for profiling a bench's services.
 */
function cpuProfileArgs(name: string): string[] {
  const wanted = (process.env.KEYFRAG_CPU_PROF ?? "").split(",").filter((s) => s.trim() !== "");
  if (!wanted.some((w) => name.startsWith(w.trim()))) return [];
  const dir = process.env.KEYFRAG_CPU_PROF_DIR;
  return [
    "--cpu-prof",
    `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`,
    ...(dir ? [`--cpu-prof-dir=${dir}`] : []),
  ];
}

/** A service process: started from its compiled main.js, logging to a file. */
export class ServiceProcess {
  child: ChildProcess | undefined;
  exitCode: number | null = null;
  /** Started with --cpu-prof: stopped with SIGTERM first, or the profile is never written. */
  private profiled = false;
  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly logFile: string,
  ) {}

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** Starts the process and resolves with its ready line (a JSON object printed on stdout). */
  start(env: Record<string, string>, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const log = createWriteStream(this.logFile, { flags: "a" });
    const profile = cpuProfileArgs(this.name);
    this.profiled = profile.length > 0;
    const child = spawn(process.execPath, [...profile, this.script], {
      env: {
        PATH: process.env.PATH ?? "",
        // The group backend of @keyfrag/crypto (libsodium by default; `noble` for the reference).
        ...(process.env.KF_CRYPTO_BACKEND
          ? { KF_CRYPTO_BACKEND: process.env.KF_CRYPTO_BACKEND }
          : {}),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exitCode = null;
    child.stderr?.pipe(log);
    return new Promise((resolve, reject) => {
      let buffered = "";
      const timer = setTimeout(() => {
        reject(new Error(`${this.name} not ready after ${timeoutMs} ms (log: ${this.logFile})`));
      }, timeoutMs);
      child.stdout?.on("data", (chunk: Buffer) => {
        log.write(chunk);
        buffered += chunk.toString();
        for (const line of buffered.split("\n")) {
          if (!line.startsWith('{"ready"')) continue;
          clearTimeout(timer);
          resolve(JSON.parse(line) as Record<string, unknown>);
          buffered = "";
          return;
        }
      });
      child.once("exit", (code, signal) => {
        this.exitCode = code;
        clearTimeout(timer);
        reject(
          new Error(
            `${this.name} exited (${code ?? signal}) before it was ready (log: ${this.logFile})`,
          ),
        );
      });
    });
  }

  /** Sends `signal` and waits for the process to exit; SIGKILL simulates a crash. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    const child = this.child;
    if (!child || !this.running) return this.exitCode;
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    if (signal === "SIGKILL" && this.profiled) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      this.exitCode = await exited;
      clearTimeout(timer);
      return this.exitCode;
    }
    child.kill(signal);
    this.exitCode = await exited;
    return this.exitCode;
  }

  /** Waits for the process to exit on its own (e.g. an injected crash). */
  async exited(timeoutMs = 30_000): Promise<number | null> {
    const child = this.child;
    if (!child || !this.running) return this.exitCode;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} did not exit within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.once("exit", (code) => {
        clearTimeout(timer);
        this.exitCode = code;
        resolve(code);
      });
    });
  }
}
