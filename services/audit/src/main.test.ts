import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditHmac, createAuditEmitter } from "@keyfrag/bus";
import {
  type AuditClient,
  type AuditRecord__Output,
  call,
  clientCredentials,
  createAuditClient,
  createDevCa,
  fromGrpcError,
  issueCertificate,
  loadTlsFiles,
  type QueryEventsRequest,
} from "@keyfrag/rpc";
import { ServiceProcess } from "@keyfrag/test-cluster";
import { freePort, testNats, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "../dist/main.js");
const auditKey = new Uint8Array(32).fill(3);

let dir: string;
let gateway: AuditClient;
let outsider: AuditClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-audit-"));
  const caDir = join(dir, "ca");
  await createDevCa(caDir);
  const certDir = join(dir, "certs");
  for (const [name, role] of [
    ["audit-1", "audit"],
    ["gw", "gateway"],
    ["cli", "client"],
  ] as const) {
    await issueCertificate({ caDir, dir: certDir, name, role });
  }
  await writeFile(join(dir, "audit.key"), Buffer.from(auditKey).toString("hex"));
});

afterAll(async () => {
  gateway?.close();
  outsider?.close();
  await rm(dir, { recursive: true, force: true });
});

async function clientAs(name: string, port: number): Promise<AuditClient> {
  const tls = await loadTlsFiles({
    caFile: join(dir, "ca", "ca.pem"),
    certFile: join(dir, "certs", `${name}.pem`),
    keyFile: join(dir, "certs", `${name}-key.pem`),
  });
  return createAuditClient(`localhost:${port}`, clientCredentials(tls));
}

function exportLines(client: AuditClient, req: QueryEventsRequest): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const stream = client.ExportEvents(req);
    stream.on("data", (chunk: { lines: string }) => {
      expect(chunk.lines.endsWith("\n")).toBe(true);
      lines.push(...chunk.lines.split("\n").filter(Boolean));
    });
    stream.on("end", () => resolve(lines));
    stream.on("error", (err) => reject(fromGrpcError(err as Parameters<typeof fromGrpcError>[0])));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("audit process", () => {
  it("stores, serves, refuses and survives a restart", async () => {
    await using redis = await testRedis();
    await using nats = await testNats();
    const cluster = nats.name("audit");
    const port = await freePort();
    const logFile = join(dir, "audit-1.log");
    const env = {
      KF_NODE_ID: "audit-1",
      KF_LISTEN: `127.0.0.1:${port}`,
      KF_TLS_CA: join(dir, "ca", "ca.pem"),
      KF_TLS_CERT: join(dir, "certs", "audit-1.pem"),
      KF_TLS_KEY: join(dir, "certs", "audit-1-key.pem"),
      KF_REDIS_URL: redis.url,
      KF_REDIS_PREFIX: redis.prefix.replace(/:$/, ""),
      KF_NATS_URL: nats.url,
      KF_CLUSTER: cluster,
      KF_AUDIT_KEY_FILE: join(dir, "audit.key"),
      KF_LOG_LEVEL: "warn",
    };
    const proc = new ServiceProcess("audit-1", script, logFile);
    expect(await proc.start(env)).toEqual({ ready: "audit", port });
    try {
      gateway = await clientAs("gw", port);
      outsider = await clientAs("cli", port);
      const emitter = createAuditEmitter({
        nc: nats.nc,
        prefix: cluster,
        service: "gateway",
        auditKey,
      });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const e = await emitter.emit({
          actor: { accessId: "p-ops" },
          action: "read",
          path: `/prod/${i}`,
          result: "allowed",
          secretFields: { value: `s${i}` },
        });
        ids.push(e?.id ?? "");
      }
      const query = () => call(gateway, "QueryEvents", { page_size: 1000 });
      await waitFor(async () => (await query()).records.length === 5);
      const records: AuditRecord__Output[] = (await query()).records;
      expect(records.map((r) => r.id)).toEqual([...ids].reverse());
      expect(records[0]).toMatchObject({
        seq: "5",
        actor: { access_id: "p-ops" },
        path: "/prod/4",
      });
      expect(records[0]?.fields.value).toBe(auditHmac(auditKey, "s4"));

      const exported = (await exportLines(gateway, {})).map((l) => JSON.parse(l));
      expect(exported.map((r) => r.id)).toEqual(records.map((r) => r.id));
      expect(exported.map((r) => r.hash)).toEqual(records.map((r) => r.hash));

      expect(await call(gateway, "VerifyChain", {})).toEqual({
        ok: true,
        records: "5",
        broken_seq: "0",
        problem: "",
        pruned_through_seq: "0",
      });
      expect(await call(gateway, "AuditHash", { value: "s1" })).toEqual({
        hash: auditHmac(auditKey, "s1"),
      });
      await call(gateway, "SetForwarder", {
        forwarder: { name: "out", start: "all", stdout: {} },
      });

      // Only the gateway may ask.
      await expect(call(outsider, "VerifyChain", {})).rejects.toMatchObject({
        code: "permission-denied",
      });
      await expect(exportLines(outsider, {})).rejects.toMatchObject({ code: "permission-denied" });
      // Bad input: INVALID_ARGUMENT naming the field, and the process keeps serving.
      for (const [method, req, field] of [
        ["QueryEvents", { since_ms: "-1" }, "since_ms"],
        ["QueryEvents", { page_token: "nonsense" }, "page_token"],
        ["QueryEvents", { result: "granted" }, "result"],
        ["QueryEvents", { page_size: 5000 }, "page_size"],
        [
          "SetForwarder",
          { forwarder: { name: "h", http: { url: "gopher://x", token: "t" } } },
          "forwarder.http.url",
        ],
        ["SetForwarder", { forwarder: { name: "", stdout: {} } }, "forwarder.name"],
      ] as const) {
        await expect(
          call(gateway, method as "QueryEvents", req as QueryEventsRequest),
        ).rejects.toMatchObject({
          code: "invalid-argument",
          message: expect.stringContaining(field),
        });
      }
      await expect(exportLines(gateway, { result: "granted" })).rejects.toMatchObject({
        code: "invalid-argument",
      });
      expect((await call(gateway, "ListForwarders", {})).forwarders.map((f) => f.name)).toEqual([
        "out",
      ]);

      // A clean stop, events while down, a restart.
      expect(await proc.stop()).toBe(0);
      for (let i = 0; i < 3; i++) {
        ids.push(
          (await emitter.emit({ action: "write", path: `/down/${i}`, result: "denied" }))?.id ?? "",
        );
      }
      await proc.start(env);
      await waitFor(async () => (await query()).records.length >= 8);
      await new Promise((r) => setTimeout(r, 300));
      const after = (await query()).records;
      expect(after.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(await call(gateway, "VerifyChain", {})).toMatchObject({ ok: true, records: "8" });
      // The stdout forwarder sent every record (at least once) as JSON lines on stdout.
      await waitFor(async () => {
        const out = await readFile(logFile, "utf8");
        return ids.every((id) => out.includes(`{"id":"${id}"`));
      });
    } finally {
      await proc.stop();
    }
  });
});
