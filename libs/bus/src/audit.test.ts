import { UnavailableError } from "@keyfrag/rpc";
import { type TestNats, testNats } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import {
  AUDIT_LIMITS,
  AUDIT_MAC_HEADER,
  AuditEventSchema,
  auditHmac,
  auditMessageEvents,
  auditStreamName,
  connectBus,
  createAuditEmitter,
  DENIED_SUMMARY_ACTION,
  enforceAuditStreamLimits,
  ensureAuditStream,
  MAX_AUDIT_MESSAGE_BYTES,
  verifyAuditEventMac,
} from "./index.js";

const auditKey = new Uint8Array(32).fill(7);

/** The gateway's emitter on a test NATS, as the tests of batching make it. */
function gatewayEmitter(
  nats: TestNats,
  prefix: string,
  options: { maxInFlight?: number; maxBatch?: number } = {},
) {
  return createAuditEmitter({ nc: nats.nc, prefix, service: "gateway", auditKey, ...options });
}

/** The stream's messages, each checked for its MAC, and the events they hold, in order. */
async function storedEvents(nats: TestNats, prefix: string) {
  const stream = auditStreamName(prefix);
  const info = await nats.jsm.streams.info(stream);
  const events: unknown[] = [];
  for (let seq = 1; seq <= info.state.last_seq; seq++) {
    const m = await nats.jsm.streams.getMessage(stream, { seq });
    if (!m) continue;
    expect(verifyAuditEventMac(auditKey, "gateway", m.data, m.header.get(AUDIT_MAC_HEADER))).toBe(
      true,
    );
    events.push(...auditMessageEvents(m.data).map((e) => AuditEventSchema.parse(e)));
  }
  return { messages: info.state.messages, events };
}

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
    if (!event) throw new Error("a first denied event is within the budget");
    expect(event.fields.access_key).toBe(auditHmac(auditKey, "hunter2"));
    expect(JSON.stringify(event)).not.toContain("hunter2");

    const info = await nats.jsm.streams.info(auditStreamName(prefix));
    expect(info.config.storage).toBe("file");
    expect(info.state.messages).toBe(1);
    const stored = await nats.jsm.streams.getMessage(auditStreamName(prefix), { seq: 1 });
    expect(AuditEventSchema.parse(stored?.json())).toEqual(event);
    expect(stored?.subject).toBe(`${prefix}.audit.events.auth`);

    expect(info.config.max_msg_size).toBe(MAX_AUDIT_MESSAGE_BYTES);
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

  it("emitted in one turn of the event loop go together in one message, MAC'd as a whole", async () => {
    await using nats = await testNats();
    const prefix = nats.name("audit");
    const emitter = gatewayEmitter(nats, prefix);
    const emitted = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        emitter.emit({ action: "gateway.get-secret-value", path: `/b/${i}`, result: "allowed" }),
      ),
    );
    const { messages, events } = await storedEvents(nats, prefix);
    expect(messages).toBe(1);
    // Every event once, in the order emitted, as each emit resolved it.
    expect(events).toEqual(emitted);
  });

  it("emitted while a message is unacknowledged, wait and go together in the next one", async () => {
    await using nats = await testNats();
    const prefix = nats.name("audit");
    const emitter = gatewayEmitter(nats, prefix, { maxInFlight: 1 });
    const first = emitter.emit({ action: "first", result: "allowed" });
    // The next turn: the first event's message is out, not yet acknowledged.
    await new Promise((resolve) => setImmediate(resolve));
    let firstDone = false;
    void first.then(() => {
      firstDone = true;
    });
    const rest = Array.from({ length: 50 }, (_, i) =>
      emitter.emit({ action: "later", path: `/b/${i}`, result: "allowed" }),
    );
    expect(firstDone).toBe(false);
    const emitted = [await first, ...(await Promise.all(rest))];
    const { messages, events } = await storedEvents(nats, prefix);
    expect(messages).toBe(2);
    expect(events).toEqual(emitted);
  });

  it("go at most maxBatch to a message", async () => {
    await using nats = await testNats();
    const prefix = nats.name("audit");
    const emitter = gatewayEmitter(nats, prefix, { maxBatch: 10 });
    await Promise.all(
      Array.from({ length: 95 }, () => emitter.emit({ action: "x", result: "allowed" })),
    );
    expect((await storedEvents(nats, prefix)).messages).toBe(10);
  });

  it("go together only as many as fit the stream's message limit in UTF-8 bytes", async () => {
    await using nats = await testNats();
    const prefix = nats.name("audit");
    const emitter = gatewayEmitter(nats, prefix, { maxInFlight: 1 });
    // ~48 KiB of UTF-8 per event but only ~16 K characters: counted in characters, ten of them
    // would make a message over the stream's 256 KiB limit, and every one of them would fail.
    const wide = "€".repeat(AUDIT_LIMITS.fieldValue);
    const fields = Object.fromEntries(
      Array.from({ length: AUDIT_LIMITS.fields }, (_, i) => [`f${i}`, wide]),
    );
    const emitted = await Promise.all(
      Array.from({ length: 20 }, () => emitter.emit({ action: "wide", result: "allowed", fields })),
    );
    expect(emitted.every((e) => e !== undefined)).toBe(true);
    const info = await nats.jsm.streams.info(auditStreamName(prefix));
    expect(info.state.messages).toBeGreaterThan(1);
    expect(info.state.messages).toBeLessThan(20);
  });

  it("emitted together all fail when their message is not acknowledged", async () => {
    await using nats = await testNats();
    const nc = await connectBus(nats.url, "audit-test");
    const emitter = createAuditEmitter({
      nc,
      prefix: nats.name("audit"),
      service: "gateway",
      auditKey,
      timeoutMs: 500,
      maxInFlight: 1,
    });
    await emitter.emit({ action: "first", result: "allowed" });
    await nc.close();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => emitter.emit({ action: "x", result: "allowed" })),
    );
    for (const r of results) {
      expect(r.status).toBe("rejected");
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(UnavailableError);
    }
  });

  it("refuse a short audit key", async () => {
    await using nats = await testNats();
    expect(() =>
      createAuditEmitter({ nc: nats.nc, prefix: "p", service: "s", auditKey: new Uint8Array(8) }),
    ).toThrow(/32 bytes/);
  });

  it("cut every caller-chosen field, so a 32 KiB garbage token makes a bounded event", async () => {
    await using nats = await testNats();
    const prefix = nats.name("audit");
    const emitter = createAuditEmitter({ nc: nats.nc, prefix, service: "gateway", auditKey });
    const garbage = "\u0001x".repeat(16 * 1024); // 32 KiB, every other char JSON-escaped
    const event = await emitter.emit({
      actor: {
        sourceAddress: "198.51.100.7",
        accessId: garbage,
        subClaims: { [garbage]: [garbage] },
      },
      action: "gateway.GetSecretValue",
      path: garbage,
      result: "allowed",
      reason: `unauthenticated: token algorithm ${garbage} is not accepted`,
      fields: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, garbage])),
    });
    expect(event?.reason.length).toBeLessThanOrEqual(AUDIT_LIMITS.reason);
    expect(event?.reason).toMatch(/^unauthenticated: token algorithm .*…\[\+\d+\]$/s);
    expect(Object.keys(event?.fields ?? {})).toHaveLength(AUDIT_LIMITS.fields);
    const stored = await nats.jsm.streams.getMessage(auditStreamName(prefix), { seq: 1 });
    // What the stream holds: far below the token's size, whatever the escaping.
    expect(stored?.data.length).toBeLessThan(128 * 1024);
    expect(AuditEventSchema.parse(stored?.json())).toEqual(event);
  });

  it("count denied events over a source's budget, and record them as one summary", async () => {
    await using nats = await testNats();
    const prefix = nats.name("audit");
    const emitter = createAuditEmitter({
      nc: nats.nc,
      prefix,
      service: "gateway",
      auditKey,
      deniedBudget: { perSource: 20, total: 500, windowMs: 3_600_000 },
    });
    const recorded = [];
    for (let i = 0; i < 10_000; i++) {
      const e = await emitter.emit({
        actor: { sourceAddress: "198.51.100.7" },
        action: i % 2 ? "gateway.GetSecretValue" : "gateway.ListItems",
        result: "denied",
        reason: "unauthenticated: token malformed",
      });
      if (e) recorded.push(e);
    }
    // Another source still has its own budget; allowed events are never held back, nor are the
    // denials of an authenticated caller (accountable, like its allowed calls).
    expect(
      await emitter.emit({ actor: { sourceAddress: "192.0.2.1" }, action: "a", result: "denied" }),
    ).toBeDefined();
    expect(await emitter.emit({ action: "a", result: "allowed" })).toBeDefined();
    expect(
      await emitter.emit({
        actor: { sourceAddress: "198.51.100.7", accessId: "p-app" },
        action: "gateway.GetSecretValue",
        result: "denied",
        authenticated: true,
      }),
    ).toBeDefined();
    await emitter.close();

    const stream = auditStreamName(prefix);
    const { messages } = (await nats.jsm.streams.info(stream)).state;
    expect(recorded).toHaveLength(20);
    expect(messages).toBe(20 + 3 + 1);
    const last = AuditEventSchema.parse(
      (await nats.jsm.streams.getMessage(stream, { seq: messages }))?.json(),
    );
    expect(last).toMatchObject({
      action: DENIED_SUMMARY_ACTION,
      result: "denied",
      actor: { sourceAddress: "198.51.100.7" },
      fields: {
        suppressed: String(10_000 - 20),
        sources: "1",
        actions: "gateway.GetSecretValue=4990,gateway.ListItems=4990",
      },
    });
  }, 60_000);

  it("carry a MAC under the audit key that no other key or payload matches", async () => {
    await using nats = await testNats();
    const prefix = nats.name("audit");
    const emitter = createAuditEmitter({ nc: nats.nc, prefix, service: "auth", auditKey });
    await emitter.emit({ action: "auth.authenticate", result: "allowed" });
    const stored = await nats.jsm.streams.getMessage(auditStreamName(prefix), { seq: 1 });
    const mac = stored?.header.get(AUDIT_MAC_HEADER);
    const data = stored?.data ?? new Uint8Array();
    expect(verifyAuditEventMac(auditKey, "auth", data, mac)).toBe(true);
    expect(verifyAuditEventMac(auditKey, "gateway", data, mac)).toBe(false);
    expect(verifyAuditEventMac(new Uint8Array(32).fill(8), "auth", data, mac)).toBe(false);
    const changed = new TextEncoder().encode(
      new TextDecoder().decode(data).replace("allowed", "denied"),
    );
    expect(verifyAuditEventMac(auditKey, "auth", changed, mac)).toBe(false);
    expect(verifyAuditEventMac(auditKey, "auth", data, undefined)).toBe(false);
  });

  it("give a stream made before the size limit the limit, keeping its messages", async () => {
    await using nats = await testNats();
    const prefix = nats.name("audit");
    const name = auditStreamName(prefix);
    await nats.jsm.streams.add({ name, subjects: [`${prefix}.audit.events.>`] });
    await nats.js.publish(`${prefix}.audit.events.old`, "{}");
    await ensureAuditStream(nats.nc, prefix);
    await enforceAuditStreamLimits(nats.nc, prefix);
    const info = await nats.jsm.streams.info(name);
    expect(info.config.max_msg_size).toBe(MAX_AUDIT_MESSAGE_BYTES);
    expect(info.state.messages).toBe(1);
    await expect(
      nats.js.publish(`${prefix}.audit.events.x`, new Uint8Array(MAX_AUDIT_MESSAGE_BYTES + 1)),
    ).rejects.toThrow();
  });
});
