import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { type Child, serviceScript, startChild } from "@keyfrag/local-cluster";

export { serviceScript };

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

/**
 * A service process of a test cluster, restartable: started from its compiled main.js by the one
 * spawner of @keyfrag/local-cluster (`startChild`, as `pnpm start` does), logging to a file.
 */
export class ServiceProcess {
  private current: Child | undefined;
  exitCode: number | null = null;
  /** Started with --cpu-prof: stopped with SIGTERM first, or the profile is never written. */
  private profiled = false;
  /** A start in flight: a stop meanwhile waits for it, or the process would outlive the stop. */
  private starting: Promise<unknown> | undefined;
  constructor(
    readonly name: string,
    private readonly script: string,
    /** Where its output goes. */
    readonly logFile: string,
  ) {}

  get child(): ChildProcess | undefined {
    return this.current?.process;
  }

  get running(): boolean {
    const child = this.current?.process;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** Starts the process and resolves with its ready line (a JSON object printed on stdout). */
  async start(env: Record<string, string>, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    this.exitCode = null;
    const profile = cpuProfileArgs(this.name);
    this.profiled = profile.length > 0;
    const pending = startChild(
      this.name,
      this.script,
      {
        // The group backend of @keyfrag/crypto (libsodium by default; `noble` for the reference).
        ...(process.env.KF_CRYPTO_BACKEND
          ? { KF_CRYPTO_BACKEND: process.env.KF_CRYPTO_BACKEND }
          : {}),
        ...env,
      },
      this.logFile,
      timeoutMs,
      { nodeArgs: profile },
    );
    this.starting = pending;
    let started: Child;
    try {
      started = await pending;
    } finally {
      if (this.starting === pending) this.starting = undefined;
    }
    this.current = started;
    void started.exited.then((code) => {
      if (this.current === started) this.exitCode = code;
    });
    return started.ready;
  }

  /**
   * Sends `signal` and waits for the process to exit (SIGKILL simulates a crash); a process
   * that ignores SIGTERM for `graceMs` is killed. A --cpu-prof process gets SIGTERM even when
   * SIGKILL is asked, or its profile is never written.
   */
  async stop(signal: NodeJS.Signals = "SIGTERM", graceMs = 20_000): Promise<number | null> {
    // Started but not ready yet (a cluster failing to start): stop it once it is, or it stays.
    await this.starting?.catch(() => undefined);
    const current = this.current;
    if (!current || !this.running) return this.exitCode;
    if (signal === "SIGKILL" && this.profiled) this.exitCode = await current.stop(10_000);
    else this.exitCode = await current.stop(graceMs, signal);
    return this.exitCode;
  }

  /** Waits for the process to exit on its own (e.g. an injected crash). */
  async exited(timeoutMs = 30_000): Promise<number | null> {
    const current = this.current;
    if (!current || !this.running) return this.exitCode;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.name} did not exit within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      this.exitCode = await Promise.race([current.exited, timeout]);
      return this.exitCode;
    } finally {
      clearTimeout(timer);
    }
  }
}
