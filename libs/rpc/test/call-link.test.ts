import { X509Certificate } from "node:crypto";
import type { PeerCertificate } from "node:tls";
import type { ServiceDefinition } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LinkDown__Output } from "../src/generated/keyfrag/v1/LinkDown.js";
import type { LinkUp__Output } from "../src/generated/keyfrag/v1/LinkUp.js";
import {
  type AcceptedLink,
  acceptLink,
  type CoordinatorHandlers,
  clientCredentials,
  createCustomerLinkClient,
  createLinkCaller,
  createLinkResponder,
  type LinkCaller,
  type LinkPeer,
  type LinkResponder,
  loadKeyfragProto,
  NotFoundError,
  requireRole,
  serverCredentials,
  startServer,
  trustClusterCa,
  unary,
} from "../src/index.js";
import { createTestPki, type TestPki } from "./fixture.js";

// The link carries calls of any unary service; these tests use the Coordinator's definition with
// handlers written for the test (a test peer, not the coordinator).
const proto = loadKeyfragProto();
const definition = proto.coordinator as unknown as ServiceDefinition;
const attach = proto.customerLink.Attach;
const silent = { error: () => {} };

/** A certificate as a TLS handshake reports the peer's. */
function peerOf(pem: Buffer): LinkPeer {
  const cert = new X509Certificate(pem);
  const cn = cert.subject
    .split("\n")
    .find((l) => l.startsWith("CN="))
    ?.slice(3);
  return {
    transportSecurityType: "ssl",
    sslPeerCertificate: {
      raw: cert.raw,
      subject: { CN: cn },
      subjectaltname: cert.subjectAltName,
    } as unknown as PeerCertificate,
  };
}

interface Wire {
  caller: LinkCaller;
  responder: LinkResponder;
  /** Frames as they crossed (decoded), per direction. */
  down: LinkDown__Output[];
  up: LinkUp__Output[];
  /** Errors `receive` threw (protocol violations), per end. */
  callerErrors: Error[];
  responderErrors: Error[];
}

/**
 * A caller and a responder joined as the stream would join them: every frame serialized and
 * decoded with the real LinkDown/LinkUp messages, delivered on a later turn.
 */
function wire(
  handlers: Partial<CoordinatorHandlers>,
  peer: LinkPeer,
  limits: { callerInFlight?: number; callerQueued?: number; responderInFlight?: number } = {},
): Wire {
  const w: Wire = {
    down: [],
    up: [],
    callerErrors: [],
    responderErrors: [],
  } as unknown as Wire;
  w.caller = createLinkCaller({
    definition,
    name: "test link",
    ...(limits.callerInFlight ? { maxInFlight: limits.callerInFlight } : {}),
    ...(limits.callerQueued !== undefined ? { maxQueued: limits.callerQueued } : {}),
    send: (frame) => {
      const decoded = attach.responseDeserialize(attach.responseSerialize(frame));
      w.down.push(decoded);
      setImmediate(() => {
        try {
          w.responder.receive(decoded);
        } catch (err) {
          w.responderErrors.push(err as Error);
        }
      });
      return true;
    },
  });
  w.responder = createLinkResponder({
    definition,
    handlers: handlers as CoordinatorHandlers,
    servicePath: "/keyfrag.v1.Coordinator",
    peer,
    peerAddress: "test",
    logger: silent,
    ...(limits.responderInFlight ? { maxInFlight: limits.responderInFlight } : {}),
    send: (frame) => {
      const decoded = attach.requestDeserialize(attach.requestSerialize(frame));
      w.up.push(decoded);
      setImmediate(() => {
        try {
          w.caller.receive(decoded);
        } catch (err) {
          w.callerErrors.push(err as Error);
        }
      });
      return true;
    },
  });
  return w;
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("call link", () => {
  let pki: TestPki;
  let coordinatorPeer: LinkPeer;
  let gatewayPeer: LinkPeer;

  beforeAll(async () => {
    pki = await createTestPki();
    const coordinator = await pki.node("coordinator", "c-1");
    trustClusterCa(coordinator.ca);
    coordinatorPeer = peerOf(coordinator.cert);
    gatewayPeer = peerOf((await pki.node("gateway", "gw-1")).cert);
  });
  afterAll(async () => {
    await pki[Symbol.asyncDispose]();
  });

  /** GetKey answers with the caller's node id after the same role check a served handler makes. */
  const whoAmI = (): Partial<CoordinatorHandlers> => ({
    GetKey: unary(
      (req, c) => {
        const peer = requireRole(c, ["coordinator"]);
        if (req.name === "missing") throw new NotFoundError("no key named missing");
        return { name: `${req.name} for ${peer.nodeId} at ${c.getPath()}` };
      },
      { logger: silent },
    ),
  });

  it("carries a call to the handler, with the stream's verified peer as its caller", async () => {
    const w = wire(whoAmI(), coordinatorPeer);
    const res = (await w.caller.call("GetKey", { name: "k" }, { deadlineMs: 2_000 })) as {
      name: string;
    };
    expect(res.name).toBe("k for c-1 at /keyfrag.v1.Coordinator/GetKey");
    expect(w.caller.inFlight).toBe(0);
    expect(w.responder.running).toBe(0);
  });

  it("runs the handler's checks against that peer: a gateway peer is refused as when dialed", async () => {
    const w = wire(whoAmI(), gatewayPeer);
    await expect(
      w.caller.call("GetKey", { name: "k" }, { deadlineMs: 2_000 }),
    ).rejects.toMatchObject({
      code: "permission-denied",
      message: expect.stringContaining("gateway may not call"),
    });
  });

  it("returns the handler's error as the same kind of error", async () => {
    const w = wire(whoAmI(), coordinatorPeer);
    await expect(
      w.caller.call("GetKey", { name: "missing" }, { deadlineMs: 2_000 }),
    ).rejects.toMatchObject({ code: "not-found", message: "no key named missing" });
  });

  it("matches replies to calls by id, in whatever order they come", async () => {
    const w = wire(
      {
        GetKey: unary(async (req) => {
          await new Promise((r) => setTimeout(r, Number(req.version) * 10));
          return { name: req.name };
        }),
      },
      coordinatorPeer,
    );
    const names = ["slow", "medium", "fast"];
    const answers = await Promise.all(
      names.map((name, i) =>
        w.caller.call("GetKey", { name, version: 5 - 2 * i }, { deadlineMs: 2_000 }),
      ),
    );
    expect(answers.map((a) => (a as { name: string }).name)).toEqual(names);
    // The fast one answered first.
    expect(w.up.map((f) => f.reply?.id)).toEqual([3, 2, 1]);
  });

  it("gives up on a call at its deadline, cancels it, and the late answer is never sent", async () => {
    let cancelled = false;
    let finish: (() => void) | undefined;
    const w = wire(
      {
        GetKey: (c, callback) => {
          c.on("cancelled", () => {
            cancelled = true;
          });
          finish = () => callback(null, { name: "late" });
        },
      },
      coordinatorPeer,
    );
    const started = Date.now();
    await expect(w.caller.call("GetKey", { name: "k" }, { deadlineMs: 100 })).rejects.toMatchObject(
      { code: "deadline-exceeded" },
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    await tick();
    expect(w.down.map((f) => f.frame)).toEqual(["call", "cancel"]);
    expect(cancelled).toBe(true);
    finish?.();
    await tick();
    expect(w.up).toEqual([]);
    expect(w.responder.running).toBe(0);
    expect(w.callerErrors).toEqual([]);
  });

  it("keeps at most maxInFlight calls on the stream; the others wait their turn, and too many are refused", async () => {
    const release: (() => void)[] = [];
    const w = wire(
      { GetKey: (c, callback) => release.push(() => callback(null, { name: c.request.name })) },
      coordinatorPeer,
      { callerInFlight: 2, callerQueued: 2 },
    );
    const calls = ["a", "b", "c", "d"].map((name) =>
      w.caller.call("GetKey", { name }, { deadlineMs: 2_000 }),
    );
    await expect(
      w.caller.call("GetKey", { name: "e" }, { deadlineMs: 2_000 }),
    ).rejects.toMatchObject({ code: "resource-exhausted" });
    await tick();
    expect(w.down.length).toBe(2);
    expect(w.caller.waiting).toBe(2);
    release.shift()?.();
    await tick();
    expect(w.down.length).toBe(3);
    while (release.length > 0) {
      release.shift()?.();
      await tick();
    }
    const names = (await Promise.all(calls)).map((a) => (a as { name: string }).name);
    expect(names).toEqual(["a", "b", "c", "d"]);
  });

  it("runs at most maxInFlight calls on the responder and answers the rest RESOURCE_EXHAUSTED", async () => {
    const release: (() => void)[] = [];
    const w = wire(
      { GetKey: (c, callback) => release.push(() => callback(null, { name: c.request.name })) },
      coordinatorPeer,
      { responderInFlight: 1 },
    );
    const first = w.caller.call("GetKey", { name: "a" }, { deadlineMs: 2_000 });
    await expect(
      w.caller.call("GetKey", { name: "b" }, { deadlineMs: 2_000 }),
    ).rejects.toMatchObject({
      code: "resource-exhausted",
      message: expect.stringContaining("1 calls already running"),
    });
    release.shift()?.();
    await expect(first).resolves.toMatchObject({ name: "a" });
  });

  it("holds frames back while the stream's buffer is full, and sends them in order once drained", async () => {
    const sent: LinkDown__Output[] = [];
    let room = 1;
    const caller = createLinkCaller({
      definition,
      name: "test link",
      send: (frame) => {
        sent.push(attach.responseDeserialize(attach.responseSerialize(frame)));
        room -= 1;
        return room > 0;
      },
    });
    const calls = ["a", "b", "c"].map((name) =>
      caller.call("GetKey", { name }, { deadlineMs: 2_000 }).catch((e: Error) => e),
    );
    expect(sent.map((f) => f.call?.id)).toEqual([1]);
    room = 10;
    caller.drained();
    expect(sent.map((f) => f.call?.id)).toEqual([1, 2, 3]);
    caller.close("test over");
    for (const r of await Promise.all(calls)) expect(r).toMatchObject({ code: "unavailable" });
  });

  // Security review S1: a peer that never reads must not grow the other end's memory.
  it("takes back a held call frame when its call settles and cancels only calls written, so a peer that never reads holds nothing up", async () => {
    const sent: LinkDown__Output[] = [];
    // The stream's buffer is full from the first frame on: the peer reads nothing.
    const caller = createLinkCaller({
      definition,
      name: "test link",
      maxInFlight: 2,
      maxQueued: 10,
      send: (frame) => {
        sent.push(attach.responseDeserialize(attach.responseSerialize(frame)));
        return false;
      },
    });
    const calls: Promise<unknown>[] = [];
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 2; i++)
        calls.push(caller.call("GetKey", { name: "k" }, { deadlineMs: 5 }).catch((e) => e));
      await new Promise((r) => setTimeout(r, 15));
    }
    for (const r of await Promise.all(calls))
      expect(r).toMatchObject({ code: "deadline-exceeded" });
    expect(caller.inFlight).toBe(0);
    expect(caller.closed).toBe(false);
    // Only call 1 was written; the 99 others were taken back, and only call 1 needs a cancel.
    expect(sent.map((f) => f.call?.id)).toEqual([1]);
    // What the outbox still holds: the cancel of call 1 and nothing else (on the old code, 199
    // frames: every call and every cancel).
    sent.length = 0;
    for (let i = 0; i < 1_000; i++) caller.drained();
    expect(sent.map((f) => [f.frame, f.cancel?.id ?? f.call?.id])).toEqual([["cancel", 1]]);
    expect(caller.held).toBe(0);
  });

  it("refuses a reply to a call whose frame is still held (the peer never saw it)", () => {
    const caller = createLinkCaller({ definition, name: "test link", send: () => false });
    const calls = ["a", "b"].map((name) =>
      caller.call("GetKey", { name }, { deadlineMs: 2_000 }).catch((e: Error) => e),
    );
    expect(() =>
      caller.receive({
        frame: "reply",
        reply: { id: 2, code: 0, details: "", response: Buffer.alloc(0) },
      }),
    ).toThrow(/reply to call id 2, which was never sent/);
    caller.close("test over");
    return Promise.all(calls);
  });

  it("ends the caller RESOURCE_EXHAUSTED naming the bound when more frames wait than maxHeld", async () => {
    const overflows: Error[] = [];
    const caller = createLinkCaller({
      definition,
      name: "test link",
      maxInFlight: 4,
      maxHeld: 2,
      send: () => false,
      onOverflow: (err) => overflows.push(err),
    });
    const calls = ["a", "b", "c", "d"].map((name) =>
      caller.call("GetKey", { name }, { deadlineMs: 2_000 }).catch((e: Error) => e),
    );
    expect(overflows).toHaveLength(1);
    expect(overflows[0]).toMatchObject({
      code: "resource-exhausted",
      message: "test link: 2 frames held while the peer does not read (the bound); link ended",
    });
    expect(caller.closed).toBe(true);
    expect(caller.held).toBe(0);
    for (const r of await Promise.all(calls)) {
      expect(r).toMatchObject({
        code: "unavailable",
        message: expect.stringContaining("2 frames held while the peer does not read"),
      });
    }
  });

  it("ends the responder past its bound when a flood of calls is answered while the caller never reads", () => {
    const overflows: Error[] = [];
    const responder = createLinkResponder({
      definition,
      handlers: { GetKey: () => undefined },
      servicePath: "/keyfrag.v1.Coordinator",
      peer: coordinatorPeer,
      peerAddress: "test",
      logger: silent,
      send: () => false,
      onOverflow: (err) => overflows.push(err),
    });
    const request = attach.responseDeserialize(
      attach.responseSerialize({ call: { id: 1, method: "GetKey", deadline_ms: 60_000 } }),
    ).call?.request as Buffer;
    for (let id = 1; id <= 1_000; id++)
      responder.receive({
        frame: "call",
        call: { id, method: "GetKey", request, deadline_ms: 60_000 },
      });
    // 64 run, then RESOURCE_EXHAUSTED replies are held, up to 128; the next one ends the link.
    expect(overflows).toHaveLength(1);
    expect(overflows[0]).toMatchObject({
      code: "resource-exhausted",
      message: expect.stringContaining("128 frames held while the peer does not read"),
    });
    expect(responder.held).toBe(0);
    expect(responder.running).toBe(0);
  });

  it("ends a real stream whose peer never reads RESOURCE_EXHAUSTED naming the bound", async () => {
    const serverTls = await pki.node("coordinator", "c-9", ["localhost"]);
    const closed: string[] = [];
    let link: AcceptedLink | undefined;
    const server = await startServer({
      address: "127.0.0.1:0",
      credentials: serverCredentials(serverTls),
      services: [
        {
          definition: proto.customerLink,
          implementation: {
            Attach: (stream: Parameters<typeof acceptLink>[0]) => {
              link = acceptLink(stream, {
                definition,
                name: "test link",
                maxInFlight: 64,
                maxHeld: 4,
                logger: silent,
                onClosed: (reason) => closed.push(reason),
              });
            },
          },
        },
      ],
    });
    // A protocol peer written for this test: it opens the link and then reads nothing.
    const client = createCustomerLinkClient(
      `localhost:${server.port}`,
      clientCredentials(await pki.node("fragment-manager", "fm-9")),
    );
    try {
      const stream = client.Attach();
      stream.pause();
      const until = Date.now() + 10_000;
      while (!link && Date.now() < until) await tick();
      const accepted = link;
      if (!accepted) throw new Error("the link was not accepted");
      const calls: Promise<unknown>[] = [];
      // Large requests fill the HTTP/2 window and the stream's buffer; then frames are held.
      const name = "x".repeat(100_000);
      while (!accepted.closed && Date.now() < until) {
        calls.push(accepted.call("GetKey", { name }, { deadlineMs: 10_000 }).catch((e) => e));
        await new Promise((r) => setImmediate(r));
      }
      expect(closed).toEqual([
        "test link: 4 frames held while the peer does not read (the bound); link ended",
      ]);
      for (const r of await Promise.all(calls))
        expect(r).toMatchObject({
          code: "unavailable",
          message: expect.stringContaining("4 frames held"),
        });
      // Once it reads, the peer learns why: RESOURCE_EXHAUSTED naming the bound.
      const ended = new Promise<{ code: number; details: string }>((resolve) =>
        stream.on("error", resolve),
      );
      stream.on("data", () => undefined);
      stream.resume();
      expect(await ended).toMatchObject({
        code: 8,
        details: expect.stringContaining("4 frames held while the peer does not read"),
      });
    } finally {
      client.close();
      await server.shutdown(0);
    }
  });

  it("refuses a reply to an id never sent and an empty frame, naming them", () => {
    const w = wire(whoAmI(), coordinatorPeer);
    expect(() =>
      w.caller.receive({
        frame: "reply",
        reply: { id: 7, code: 0, details: "", response: Buffer.alloc(0) },
      }),
    ).toThrow(/reply to call id 7, which was never sent/);
    expect(() => w.caller.receive({})).toThrow(/without a reply/);
    expect(() => w.responder.receive({})).toThrow(/neither a call nor a cancel/);
    expect(() => w.responder.receive({ frame: "cancel", cancel: { id: 3 } })).toThrow(
      /cancel of call id 3, which was never sent/,
    );
  });

  it("refuses an id reused while in flight", () => {
    const w = wire({ GetKey: () => undefined }, coordinatorPeer);
    const frame: LinkDown__Output = {
      frame: "call",
      call: { id: 1, method: "GetKey", request: Buffer.alloc(0), deadline_ms: 1_000 },
    };
    w.responder.receive(frame);
    expect(() => w.responder.receive(frame)).toThrow(/call id 1 is already in flight/);
    w.responder.close();
  });

  it("answers an unknown method UNIMPLEMENTED and an undecodable request INVALID_ARGUMENT", async () => {
    const w = wire(whoAmI(), coordinatorPeer);
    w.responder.receive({
      frame: "call",
      call: { id: 1, method: "DropEverything", request: Buffer.alloc(0), deadline_ms: 1_000 },
    });
    w.responder.receive({
      frame: "call",
      call: {
        id: 2,
        method: "GetKey",
        request: Buffer.from([0xff, 0xff, 0xff]),
        deadline_ms: 1_000,
      },
    });
    w.responder.receive({
      frame: "call",
      call: { id: 3, method: "constructor", request: Buffer.alloc(0), deadline_ms: 1_000 },
    });
    await tick();
    expect(w.up.map((f) => [f.reply?.id, f.reply?.code, f.reply?.details])).toEqual([
      [1, 12, 'no method "DropEverything" on this link'],
      [2, 3, expect.stringContaining("the request of GetKey does not decode")],
      [3, 12, 'no method "constructor" on this link'],
    ]);
  });

  it("fails every call in flight or waiting once closed, and every later one", async () => {
    const w = wire({ GetKey: () => undefined }, coordinatorPeer, { callerInFlight: 1 });
    const a = w.caller.call("GetKey", { name: "a" }, { deadlineMs: 2_000 });
    const b = w.caller.call("GetKey", { name: "b" }, { deadlineMs: 2_000 });
    w.caller.close("the stream ended");
    const c = w.caller.call("GetKey", { name: "c" }, { deadlineMs: 2_000 });
    for (const r of await Promise.allSettled([a, b, c])) {
      expect(r.status === "rejected" ? r.reason : r).toMatchObject({
        code: "unavailable",
        message: "test link closed: the stream ended",
      });
    }
    w.responder.close();
  });
});
