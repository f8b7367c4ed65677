import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuditEmitter } from "@keyfrag/bus";
import { freePort } from "@keyfrag/test-support";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { natsUsersConf } from "./nats-auth.js";

const NATS_SERVER = "/usr/sbin/nats-server";
const PREFIX = "kfauth";
const passwords = {
  "fragment-manager": "fm-password",
  coordinator: "coordinator-password",
  producers: "producers-password",
  gateway: "gateway-password",
  audit: "audit-password",
} as const;

// A real nats-server with the users the deploy files give it: each service may use only its
// own subjects, so a compromised container cannot announce fragment managers or revoke tokens.
describe.skipIf(!existsSync(NATS_SERVER))("per-service NATS users", () => {
  let dir: string;
  let server: ChildProcess;
  let url: string;
  const open: NatsConnection[] = [];

  const as = async (user: keyof typeof passwords, pass: string = passwords[user]) => {
    const nc = await connect({ servers: url, user, pass, reconnect: false });
    open.push(nc);
    return nc;
  };
  /** Whether `nc` is told off for a permissions violation within a moment. */
  const violation = (nc: NatsConnection) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 1_000);
      void (async () => {
        for await (const s of nc.status()) {
          if (s.type === "error" && /permissions violation/i.test(String(s.error))) {
            clearTimeout(timer);
            resolve(true);
            return;
          }
        }
      })();
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-nats-auth-"));
    const port = await freePort();
    await writeFile(join(dir, "users.conf"), natsUsersConf(PREFIX, passwords));
    await writeFile(
      join(dir, "nats.conf"),
      `port: ${port}\ninclude ./users.conf\njetstream { store_dir: ${JSON.stringify(join(dir, "js"))} }\n`,
    );
    server = spawn(NATS_SERVER, ["-a", "127.0.0.1", "-c", join(dir, "nats.conf")], {
      stdio: "ignore",
    });
    url = `nats://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const s = tcpConnect(port, "127.0.0.1");
        s.once("connect", () => {
          s.destroy();
          resolve(true);
        });
        s.once("error", () => resolve(false));
      });
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    server?.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("refuses a wrong password", async () => {
    await expect(as("fragment-manager", "guess")).rejects.toThrow(/authorization/i);
  });

  it("delivers a fragment manager's heartbeat to the coordinator", async () => {
    const coordinator = await as("coordinator");
    const got = new Promise<string>((resolve) => {
      coordinator.subscribe(`${PREFIX}.topology.heartbeat`, {
        callback: (_e, m) => resolve(m.string()),
      });
    });
    await coordinator.flush();
    const fm = await as("fragment-manager");
    fm.publish(`${PREFIX}.topology.heartbeat`, "hb");
    expect(await got).toBe("hb");
  });

  it("does not let the producers service announce a fragment manager", async () => {
    const producers = await as("producers");
    const told = violation(producers);
    producers.publish(`${PREFIX}.topology.heartbeat`, "forged");
    expect(await told).toBe(true);
  });

  it("does not let a fragment manager publish token revocations or read policy changes", async () => {
    const fm = await as("fragment-manager");
    const told = violation(fm);
    fm.publish(`${PREFIX}.auth.revocations`, "{}");
    expect(await told).toBe(true);
    const again = violation(fm);
    fm.subscribe(`${PREFIX}.policy.changed`);
    expect(await again).toBe(true);
  });

  it("lets a service emit audit events (creating the stream) only under its own name", async () => {
    const gateway = await as("gateway");
    const audit = createAuditEmitter({
      nc: gateway,
      prefix: PREFIX,
      service: "gateway",
      auditKey: new Uint8Array(32).fill(1),
    });
    await expect(audit.emit({ action: "test", result: "allowed" })).resolves.toBeDefined();
    const stream = await (await jetstreamManager(await as("audit"))).streams.info(
      `${PREFIX}_audit`,
    );
    expect(stream.state.messages).toBe(1);
    // The producers service cannot write events in the gateway's name.
    const producers = await as("producers");
    const told = violation(producers);
    producers.publish(`${PREFIX}.audit.events.gateway`, "{}");
    expect(await told).toBe(true);
  });

  it("lets the gateway read the changes it caches by, and announce its customer fragment", async () => {
    const gateway = await as("gateway");
    const told = violation(gateway);
    gateway.subscribe(`${PREFIX}.secrets.changed`);
    gateway.subscribe(`${PREFIX}.auth.revocations`);
    gateway.publish(`${PREFIX}.topology.heartbeat`, "hb");
    expect(await told).toBe(false);
  });
});
