import { UnavailableError } from "@keyfrag/rpc";
import { testNats } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import {
  AuditEventSchema,
  auditHmac,
  auditStreamName,
  connectBus,
  createAuditEmitter,
  ensureAuditStream,
} from "./index.js";

const auditKey = new Uint8Array(32).fill(7);

describe("audit events", () => {
  it("are acknowledged by a file-backed stream, once per event id, with secrets HMAC'd", async () => {
    await using nats = await testNats();
    const prefix = nats.name("audit");
    const emitter = createAuditEmitter({ nc: nats.nc, prefix, service: "auth", auditKey });
    const event = await emitter.emit({
      actor: { accessId: "p-abc", authMethod: "ci" },
      action: "auth.authenticate",
      result: "denied",
      reason: "bad key",
      fields: { method: "access-key" },
      secretFields: { access_key: "hunter2" },
    });
    expect(event.fields.access_key).toBe(auditHmac(auditKey, "hunter2"));
    expect(JSON.stringify(event)).not.toContain("hunter2");

    const info = await nats.jsm.streams.info(auditStreamName(prefix));
    expect(info.config.storage).toBe("file");
    expect(info.state.messages).toBe(1);
    const stored = await nats.jsm.streams.getMessage(auditStreamName(prefix), { seq: 1 });
    expect(AuditEventSchema.parse(stored?.json())).toEqual(event);
    expect(stored?.subject).toBe(`${prefix}.audit.events.auth`);

    // A second ensure is a no-op, and a republished id is stored once (JetStream dedup).
    await ensureAuditStream(nats.nc, prefix);
    await nats.js.publish(`${prefix}.audit.events.auth`, JSON.stringify(event), {
      msgID: event.id,
    });
    expect((await nats.jsm.streams.info(auditStreamName(prefix))).state.messages).toBe(1);
  });

  it("fail with UnavailableError when the stream cannot acknowledge", async () => {
    await using nats = await testNats();
    const nc = await connectBus(nats.url, "audit-test");
    const emitter = createAuditEmitter({
      nc,
      prefix: nats.name("audit"),
      service: "auth",
      auditKey,
      timeoutMs: 500,
    });
    await nc.close();
    await expect(emitter.emit({ action: "x", result: "allowed" })).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });

  it("refuse a short audit key", async () => {
    await using nats = await testNats();
    expect(() =>
      createAuditEmitter({ nc: nats.nc, prefix: "p", service: "s", auditKey: new Uint8Array(8) }),
    ).toThrow(/32 bytes/);
  });
});
