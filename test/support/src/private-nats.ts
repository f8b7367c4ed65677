import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";

/**
 * A nats-server (JetStream) of the test's own, restartable on the same port and store, for tests
 * that take NATS away. The shared server cannot be stopped: other tests use it.
 */
export class PrivateNats {
  child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    readonly storeDir: string,
    /** A configuration file (e.g. users and their permissions) and a log file for the server. */
    private readonly files: { config?: string; log?: string } = {},
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts the server and resolves once it accepts connections (within 10 s). */
  async start(): Promise<void> {
    const child = spawn(
      "/usr/sbin/nats-server",
      [
        "-js",
        "-a",
        "127.0.0.1",
        "-p",
        String(this.port),
        "-sd",
        this.storeDir,
        ...(this.files.config ? ["-c", this.files.config] : []),
        ...(this.files.log ? ["-l", this.files.log] : []),
      ],
      { stdio: "ignore" },
    );
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (!(await this.accepts())) {
      if (!this.running)
        throw new Error(`nats-server exited (${child.exitCode ?? child.signalCode})`);
      if (Date.now() > deadline) throw new Error("the private NATS server did not start in 10 s");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  get running(): boolean {
    const child = this.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** Kills the server (SIGKILL: NATS lost, not shut down). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  }

  private accepts(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const s = connect(this.port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
  }
}
