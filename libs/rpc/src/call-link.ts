/**
 * Unary calls carried the other way over one bidirectional stream: a *call link*. The party
 * that accepted the stream (the coordinator, `createLinkCaller`) calls methods of a service that
 * the party that opened it (a gateway's customer fragment, `createLinkResponder`) serves, so the
 * caller never connects to the callee. Frames are `keyfrag.v1.LinkDown` (calls, cancels) and
 * `keyfrag.v1.LinkUp` (replies), see proto/keyfrag/v1/link.proto.
 *
 * - Multiplexed by id (1, 2, 3… per stream); replies come in any order.
 * - Deadlines: the caller rejects a call DEADLINE_EXCEEDED when its time is up and sends a
 *   cancel; the responder drops the reply of a call past its deadline or cancelled.
 * - Bounded: the caller has at most `maxInFlight` calls on the stream and `maxQueued` waiting
 *   for a turn (beyond: RESOURCE_EXHAUSTED); the responder runs at most `maxInFlight` at once
 *   and answers more RESOURCE_EXHAUSTED.
 * - Backpressure: `send` returns false when the stream's buffer is full; frames then wait in
 *   order until `drained()`. A call that settles (deadline, reply, close) while its call frame
 *   still waits takes the frame back: the peer never saw it, so no cancel follows it (a cancel
 *   goes out only for a call frame already written). The frames waiting are bounded in total
 *   (`maxHeld`, by default twice the calls in flight): past it the link ends RESOURCE_EXHAUSTED
 *   naming the bound, on either end, so a peer that never reads is dropped (and reconnects)
 *   instead of growing the other's memory.
 * - A frame that breaks the protocol (a reply or cancel for an id never sent, an id reused
 *   while in flight, an empty frame) makes `receive` throw an InvalidArgumentError naming it:
 *   the transport ends the stream with it.
 *
 * The responder runs each call through the service's own gRPC handlers with a call object whose
 * auth context is the stream's verified peer, so every check a handler makes of a dialed caller
 * (roles, pins, fencing) it makes of a linked one.
 */
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import {
  type ClientDuplexStream,
  type handleUnaryCall,
  Metadata,
  type MethodDefinition,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type ServiceDefinition,
  status,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import {
  DeadlineExceededError,
  InvalidArgumentError,
  type KeyfragError,
  quote,
  ResourceExhaustedError,
  UnavailableError,
} from "./errors.js";
import type { LinkDown, LinkDown__Output } from "./generated/keyfrag/v1/LinkDown.js";
import type { LinkUp, LinkUp__Output } from "./generated/keyfrag/v1/LinkUp.js";
import { fromGrpcStatus, type Logger, toGrpcStatus } from "./grpc-errors.js";
import { loadKeyfragProto } from "./proto.js";
import { malformedRequest } from "./server.js";

/** Calls one link's responder runs at once; more are answered RESOURCE_EXHAUSTED. */
export const LINK_RESPONDER_MAX_IN_FLIGHT = 64;
/** Calls one link's caller has on the stream at once; more wait their turn. */
export const LINK_CALLER_MAX_IN_FLIGHT = 32;
/** Calls that may wait for a turn on one link; more are refused RESOURCE_EXHAUSTED. */
export const LINK_CALLER_MAX_QUEUED = 1_024;

/** Writes one frame to the stream; false when its buffer is full (wait for `drained`). */
export type SendFrame<F> = (frame: F) => boolean;

/**
 * Frames written in order, held back while the stream's buffer is full. `write` returns a handle
 * for a frame it holds (`remove` takes it back) or undefined for one written. At most `maxHeld`
 * are held: a frame past that is dropped and `overflow` called (its owner ends the link).
 */
function createOutbox<F>(send: SendFrame<F>, maxHeld: number, overflow: () => void) {
  const held = new Map<number, F>();
  let lastHandle = 0;
  let writable = true;
  return {
    write(frame: F): number | undefined {
      if (writable) {
        writable = send(frame);
        return undefined;
      }
      if (held.size >= maxHeld) {
        overflow();
        return undefined;
      }
      lastHandle += 1;
      held.set(lastHandle, frame);
      return lastHandle;
    },
    /** Takes a held frame back; false when it was written already (or never held). */
    remove(handle: number): boolean {
      return held.delete(handle);
    },
    drained(): void {
      writable = true;
      for (const [handle, frame] of held) {
        if (!writable) break;
        held.delete(handle);
        writable = send(frame);
      }
    },
    clear(): void {
      held.clear();
    },
    get held(): number {
      return held.size;
    },
  };
}

/** The error a link ends with when its outbox is past its bound. */
function overflowError(name: string, maxHeld: number): ResourceExhaustedError {
  return new ResourceExhaustedError(
    `${name}: ${maxHeld} frames held while the peer does not read (the bound); link ended`,
  );
}

type AnyMethod = MethodDefinition<unknown, unknown>;

/** The unary method `name` of `definition`, or undefined. */
function unaryMethod(definition: ServiceDefinition, name: string): AnyMethod | undefined {
  if (!Object.hasOwn(definition, name)) return undefined;
  const method = definition[name] as AnyMethod;
  return method.requestStream || method.responseStream ? undefined : method;
}

/** The calling end of a call link (the party that accepted the stream). */
export interface LinkCaller {
  /**
   * Calls `method` of the linked service; resolves with its decoded response. Every failure is
   * a KeyfragError: the callee's status, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED when too many
   * wait, UNAVAILABLE once the link closed.
   */
  call(method: string, request: unknown, options: { deadlineMs: number }): Promise<unknown>;
  /** Handles a frame from the responder; throws InvalidArgumentError when it breaks the protocol. */
  receive(frame: LinkUp__Output): void;
  /** The stream's buffer emptied: held frames go out. */
  drained(): void;
  /** Fails every call in flight or waiting with UNAVAILABLE naming `reason`; later calls too. */
  close(reason: string): void;
  readonly inFlight: number;
  readonly waiting: number;
  /** Frames held back while the stream's buffer is full. */
  readonly held: number;
  readonly closed: boolean;
}

export interface LinkCallerOptions {
  /** The service whose methods are called (requests serialized, responses decoded with it). */
  definition: ServiceDefinition;
  send: SendFrame<LinkDown>;
  /** Names the link in errors, e.g. "customer link to gw-1-customer". */
  name: string;
  maxInFlight?: number;
  maxQueued?: number;
  /** Frames held back at most (default 2 × maxInFlight); past it the link closes. */
  maxHeld?: number;
  /**
   * The outbox went past `maxHeld`: the caller is closed already (its calls failed UNAVAILABLE
   * naming the bound); end the stream with `err` (RESOURCE_EXHAUSTED).
   */
  onOverflow?: (err: ResourceExhaustedError) => void;
}

/** Creates the calling end of a call link (see the file comment). */
export function createLinkCaller(options: LinkCallerOptions): LinkCaller {
  const maxInFlight = options.maxInFlight ?? LINK_CALLER_MAX_IN_FLIGHT;
  const maxQueued = options.maxQueued ?? LINK_CALLER_MAX_QUEUED;
  const maxHeld = options.maxHeld ?? 2 * maxInFlight;
  const outbox = createOutbox(options.send, maxHeld, () => {
    const err = overflowError(options.name, maxHeld);
    self.close(err.message);
    options.onOverflow?.(err);
  });
  interface Pending {
    method: AnyMethod;
    name: string;
    resolve: (value: unknown) => void;
    reject: (err: KeyfragError) => void;
    timer: NodeJS.Timeout;
    /** The outbox's handle of the call frame while it is held back. */
    held?: number | undefined;
  }
  const pending = new Map<number, Pending>();
  const queue: { start: () => void; fail: (err: KeyfragError) => void }[] = [];
  let lastId = 0;
  let closedReason: string | undefined;

  const closedError = () =>
    new UnavailableError(`${options.name} closed: ${closedReason ?? "unknown reason"}`);

  const next = () => {
    while (closedReason === undefined && pending.size < maxInFlight && queue.length > 0)
      queue.shift()?.start();
  };

  /**
   * Ends call `id`: a call frame still held is taken back (the peer never saw it); one already
   * written is followed by a cancel when `cancel` is set (the deadline passed).
   */
  const settle = (id: number, cancel = false): Pending | undefined => {
    const entry = pending.get(id);
    if (!entry) return undefined;
    pending.delete(id);
    clearTimeout(entry.timer);
    const unsent = entry.held !== undefined && outbox.remove(entry.held);
    if (cancel && !unsent) outbox.write({ cancel: { id } });
    next();
    return entry;
  };

  const self: LinkCaller = {
    call(name, request, { deadlineMs }) {
      if (closedReason !== undefined) return Promise.reject(closedError());
      const method = unaryMethod(options.definition, name);
      if (!method)
        return Promise.reject(new InvalidArgumentError(`no unary method ${quote(name)} to call`));
      const deadline = Date.now() + deadlineMs;
      return new Promise<unknown>((resolve, reject) => {
        const start = () => {
          const left = deadline - Date.now();
          if (left < 1) {
            reject(
              new DeadlineExceededError(
                `${name} over ${options.name}: no turn within ${deadlineMs} ms`,
              ),
            );
            return;
          }
          lastId += 1;
          const id = lastId;
          const timer = setTimeout(() => {
            if (!settle(id, true)) return;
            reject(
              new DeadlineExceededError(
                `${name} over ${options.name}: no reply within ${deadlineMs} ms`,
              ),
            );
          }, left);
          const entry: Pending = { method, name, resolve, reject, timer };
          pending.set(id, entry);
          entry.held = outbox.write({
            call: {
              id,
              method: name,
              request: method.requestSerialize(request),
              deadline_ms: left,
            },
          });
        };
        if (pending.size < maxInFlight) {
          start();
          return;
        }
        if (queue.length >= maxQueued) {
          reject(
            new ResourceExhaustedError(
              `${options.name}: ${maxInFlight} calls in flight and ${queue.length} waiting; try again later`,
            ),
          );
          return;
        }
        const waiter = {
          start: () => {
            clearTimeout(waitTimer);
            start();
          },
          fail: (err: KeyfragError) => {
            clearTimeout(waitTimer);
            reject(err);
          },
        };
        const waitTimer = setTimeout(() => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          reject(
            new DeadlineExceededError(
              `${name} over ${options.name}: no turn within ${deadlineMs} ms`,
            ),
          );
        }, deadlineMs);
        queue.push(waiter);
      });
    },

    receive(frame) {
      const reply = frame.frame === "reply" ? frame.reply : undefined;
      if (!reply) throw new InvalidArgumentError(`${options.name}: a frame without a reply`);
      const id = reply.id;
      if (!Number.isInteger(id) || id < 1 || id > lastId) {
        throw new InvalidArgumentError(
          `${options.name}: a reply to call id ${id}, which was never sent`,
        );
      }
      const held = pending.get(id)?.held;
      if (held !== undefined && outbox.remove(held)) {
        throw new InvalidArgumentError(
          `${options.name}: a reply to call id ${id}, which was never sent`,
        );
      }
      // A reply to a call already given up on (deadline) crossed its cancel: nothing to do.
      const entry = settle(id);
      if (!entry) return;
      if (reply.code !== status.OK) {
        entry.reject(fromGrpcStatus(reply.code, reply.details || `status ${reply.code}`));
        return;
      }
      let value: unknown;
      try {
        value = entry.method.responseDeserialize(reply.response);
      } catch (cause) {
        const err = new InvalidArgumentError(
          `${options.name}: the reply to ${entry.name} (call id ${id}) does not decode`,
          { cause },
        );
        entry.reject(err);
        throw err;
      }
      entry.resolve(value);
    },

    drained: () => outbox.drained(),

    close(reason) {
      if (closedReason !== undefined) return;
      closedReason = reason;
      outbox.clear();
      const err = closedError();
      for (const waiter of queue.splice(0)) waiter.fail(err);
      for (const id of [...pending.keys()]) settle(id)?.reject(err);
    },

    get inFlight() {
      return pending.size;
    },
    get waiting() {
      return queue.length;
    },
    get held() {
      return outbox.held;
    },
    get closed() {
      return closedReason !== undefined;
    },
  };
  return self;
}

/** The peer as a server call reports it: what handlers' identity checks read. */
export type LinkPeer = ReturnType<ServerUnaryCall<unknown, unknown>["getAuthContext"]>;

/** The answering end of a call link (the party that opened the stream). */
export interface LinkResponder {
  /** Handles a frame from the caller; throws InvalidArgumentError when it breaks the protocol. */
  receive(frame: LinkDown__Output): void;
  /** The stream's buffer emptied: held replies go out. */
  drained(): void;
  /** Cancels every call running (their replies are not sent). */
  close(): void;
  readonly running: number;
  /** Replies held back while the stream's buffer is full. */
  readonly held: number;
}

export interface LinkResponderOptions {
  definition: ServiceDefinition;
  /** The service's gRPC handlers (unary methods only are reachable). */
  handlers: UntypedServiceImplementation;
  /** The service's path prefix, e.g. `/keyfrag.v1.FragmentManager`: what `getPath()` reports. */
  servicePath: string;
  /** The stream's verified peer (its certificate), as a server call's `getAuthContext()`. */
  peer: LinkPeer;
  /** The peer's address, as `getPeer()` reports it. */
  peerAddress: string;
  send: SendFrame<LinkUp>;
  maxInFlight?: number;
  /** Replies held back at most (default 2 × maxInFlight); past it the responder closes. */
  maxHeld?: number;
  /**
   * The outbox went past `maxHeld`: the responder is closed already (every call cancelled);
   * end the stream (`err` names the bound).
   */
  onOverflow?: (err: ResourceExhaustedError) => void;
  logger: Logger;
}

/** Creates the answering end of a call link (see the file comment). */
export function createLinkResponder(options: LinkResponderOptions): LinkResponder {
  const maxInFlight = options.maxInFlight ?? LINK_RESPONDER_MAX_IN_FLIGHT;
  const maxHeld = options.maxHeld ?? 2 * maxInFlight;
  const outbox = createOutbox(options.send, maxHeld, () => {
    self.close();
    options.onOverflow?.(overflowError("this link", maxHeld));
  });
  interface Running {
    call: EventEmitter & { cancelled: boolean };
    timer: NodeJS.Timeout;
  }
  const running = new Map<number, Running>();
  let highestId = 0;
  let closed = false;

  const fail = (id: number, code: status, details: string) => {
    outbox.write({ reply: { id, code, details } });
  };

  const cancel = (entry: Running) => {
    if (entry.call.cancelled) return;
    entry.call.cancelled = true;
    entry.call.emit("cancelled", "cancelled");
  };

  const start = (id: number, name: string, bytes: Buffer, deadlineMs: number) => {
    const method = unaryMethod(options.definition, name);
    const handler = options.handlers[name] as handleUnaryCall<unknown, unknown> | undefined;
    if (!method || typeof handler !== "function") {
      fail(id, status.UNIMPLEMENTED, `no method ${quote(name)} on this link`);
      return;
    }
    if (!Number.isInteger(deadlineMs) || deadlineMs < 1) {
      fail(id, status.INVALID_ARGUMENT, "deadline_ms must be 1 or more");
      return;
    }
    if (running.size >= maxInFlight) {
      fail(id, status.RESOURCE_EXHAUSTED, `${maxInFlight} calls already running on this link`);
      return;
    }
    let request: unknown;
    try {
      request = method.requestDeserialize(bytes);
    } catch (err) {
      fail(
        id,
        status.INVALID_ARGUMENT,
        `the request of ${name} does not decode: ${err instanceof Error ? err.message : "bad bytes"}`,
      );
      return;
    }
    const deadline = new Date(Date.now() + deadlineMs);
    const path = `${options.servicePath}/${name}`;
    // What grpc-js hands a unary handler, for the parts handlers read.
    const call = Object.assign(new EventEmitter(), {
      cancelled: false,
      request,
      metadata: new Metadata(),
      getAuthContext: () => options.peer,
      getPeer: () => options.peerAddress,
      getPath: () => path,
      getDeadline: () => deadline,
      getHost: () => "",
      sendMetadata: () => undefined,
    });
    const entry: Running = {
      call,
      timer: setTimeout(() => cancel(entry), deadlineMs),
    };
    running.set(id, entry);
    const done = (reply: LinkUp["reply"]) => {
      if (running.get(id) !== entry) return;
      running.delete(id);
      clearTimeout(entry.timer);
      if (call.cancelled || closed) return;
      outbox.write({ reply });
    };
    try {
      handler(call as unknown as ServerUnaryCall<unknown, unknown>, (err, value) => {
        if (err) {
          done({
            id,
            code: typeof err.code === "number" ? err.code : status.INTERNAL,
            details: err.details ?? "internal error",
          });
          return;
        }
        let response: Buffer;
        try {
          response = method.responseSerialize(value);
        } catch (cause) {
          options.logger.error({ err: cause, method: name }, "a link reply did not serialize");
          done({ id, code: status.INTERNAL, details: "internal error" });
          return;
        }
        done({ id, code: status.OK, response });
      });
    } catch (err) {
      options.logger.error({ err, method: name }, "a link call's handler threw");
      done({ id, code: status.INTERNAL, details: "internal error" });
    }
  };

  const self: LinkResponder = {
    receive(frame) {
      if (closed) return;
      if (frame.frame === "call" && frame.call) {
        const { id, method, request, deadline_ms } = frame.call;
        if (!Number.isInteger(id) || id < 1)
          throw new InvalidArgumentError(`call id ${id}: ids start at 1`);
        if (running.has(id)) throw new InvalidArgumentError(`call id ${id} is already in flight`);
        highestId = Math.max(highestId, id);
        start(id, method, request, deadline_ms);
        return;
      }
      if (frame.frame === "cancel" && frame.cancel) {
        const { id } = frame.cancel;
        if (!Number.isInteger(id) || id < 1 || id > highestId)
          throw new InvalidArgumentError(`a cancel of call id ${id}, which was never sent`);
        const entry = running.get(id);
        // Finished already: the reply crossed the cancel.
        if (entry) cancel(entry);
        return;
      }
      throw new InvalidArgumentError("a frame with neither a call nor a cancel");
    },
    drained: () => outbox.drained(),
    close() {
      if (closed) return;
      closed = true;
      outbox.clear();
      for (const entry of running.values()) {
        clearTimeout(entry.timer);
        cancel(entry);
      }
      running.clear();
    },
    get running() {
      return running.size;
    },
    get held() {
      return outbox.held;
    },
  };
  return self;
}

/** One `CustomerLink.Attach` stream as the coordinator's handler receives it. */
export type LinkServerStream = ServerDuplexStream<LinkUp__Output, LinkDown>;
/** One `CustomerLink.Attach` stream as the customer node opened it. */
export type LinkClientStream = ClientDuplexStream<LinkUp, LinkDown__Output>;

/** A link's caller bound to its stream: `end` closes both. */
export interface AcceptedLink extends LinkCaller {
  /** Ends the stream UNAVAILABLE naming `reason` and fails every call. */
  end(reason: string): void;
}

/**
 * Serves the accepting (calling) end of a link stream: accepts it (response headers), feeds it
 * the frames that arrive, and ends it with INVALID_ARGUMENT naming the fault when a frame breaks
 * the protocol or does not decode. `onClosed` is called once, however the stream ends.
 */
export function acceptLink(
  stream: LinkServerStream,
  options: Omit<LinkCallerOptions, "send"> & {
    logger: Logger;
    onClosed: (reason: string) => void;
  },
): AcceptedLink {
  let closed = false;
  const caller = createLinkCaller({
    ...options,
    send: (frame) => stream.write(frame),
    // The caller closed itself; end the stream RESOURCE_EXHAUSTED naming the bound.
    onOverflow: (err) => {
      down(err.message);
      endWith(err);
    },
  });
  const down = (reason: string) => {
    if (closed) return;
    closed = true;
    caller.close(reason);
    options.onClosed(reason);
  };
  const endWith = (err: unknown) => {
    const { code, details } = toGrpcStatus(err, {
      requestId: randomUUID(),
      logger: options.logger,
      context: { method: stream.getPath(), peer: stream.getPeer() },
    });
    stream.emit("error", { code, details });
  };
  stream.sendMetadata(new Metadata());
  stream.on("data", (frame: LinkUp__Output) => {
    if (closed) return;
    try {
      const malformed = malformedRequest(frame);
      if (malformed !== undefined)
        throw new InvalidArgumentError(
          `${options.name}: a frame that does not decode (${malformed})`,
        );
      caller.receive(frame);
    } catch (err) {
      down(err instanceof Error ? err.message : String(err));
      endWith(err);
    }
  });
  stream.on("drain", () => caller.drained());
  stream.on("end", () => {
    down("the node ended the stream");
    stream.end();
  });
  stream.on("cancelled", () => down("the stream was cancelled"));
  stream.on("error", () => down("the stream failed"));
  stream.on("close", () => down("the stream closed"));
  return Object.assign(caller, {
    end(reason: string) {
      if (closed) return;
      down(reason);
      endWith(new UnavailableError(`${options.name} closed: ${reason}`));
    },
  });
}

/**
 * Serves the opening (answering) end of a link stream once the server accepted it: runs the
 * calls that arrive through `handlers`, writes the replies with backpressure, and cancels the
 * stream when a frame breaks the protocol (`onProtocolError` says why) or when the replies held
 * back go past their bound (`onOverflow` says so). The stream's end is the caller's to watch (it
 * reconnects); `close()` on the returned responder stops every call.
 */
export function answerLink(
  stream: LinkClientStream,
  options: Omit<LinkResponderOptions, "send" | "onOverflow"> & {
    onProtocolError: (reason: string) => void;
    onOverflow: (reason: string) => void;
  },
): LinkResponder {
  const responder = createLinkResponder({
    ...options,
    send: (frame) => stream.write(frame),
    onOverflow: (err) => {
      options.onOverflow(err.message);
      stream.cancel();
    },
  });
  stream.on("data", (frame: LinkDown__Output) => {
    try {
      responder.receive(frame);
    } catch (err) {
      responder.close();
      options.onProtocolError(err instanceof Error ? err.message : String(err));
      stream.cancel();
    }
  });
  stream.on("drain", () => responder.drained());
  return responder;
}

/** A call link within one process: calls run through a service's handlers, no socket. */
export interface InProcessLink {
  /** As {@link LinkCaller.call}. */
  call(method: string, request: unknown, options: { deadlineMs: number }): Promise<unknown>;
  /** Fails every call in flight or waiting with UNAVAILABLE; later calls too. */
  close(reason: string): void;
}

/**
 * A caller and a responder joined in memory: what a process uses to call a service it serves
 * itself (a gateway's own customer fragment) without a port. Requests and responses are
 * serialized with the service definition as on the wire, deadlines, cancels and bounds are the
 * link's, and each call reaches the handlers with `peer` as its auth context: the handlers
 * check the caller exactly as they would a dialed one presenting that certificate.
 */
export function createInProcessLink(
  options: Omit<LinkResponderOptions, "send" | "maxInFlight"> & {
    name: string;
    /** Calls running at once (default LINK_RESPONDER_MAX_IN_FLIGHT); more wait their turn. */
    maxInFlight?: number;
  },
): InProcessLink {
  const maxInFlight = options.maxInFlight ?? LINK_RESPONDER_MAX_IN_FLIGHT;
  // Frames are encoded and decoded as CustomerLink.Attach carries them, so each end receives
  // exactly what it would from a stream; they go across on a microtask, so no handler runs
  // inside the caller's stack.
  const attach = loadKeyfragProto().customerLink.Attach;
  const responder = createLinkResponder({
    ...options,
    maxInFlight,
    send: (frame) => {
      const bytes = attach.requestSerialize(frame);
      queueMicrotask(() => deliver(() => caller.receive(attach.requestDeserialize(bytes))));
      return true;
    },
  });
  const caller = createLinkCaller({
    definition: options.definition,
    name: options.name,
    maxInFlight,
    send: (frame) => {
      const bytes = attach.responseSerialize(frame);
      queueMicrotask(() => deliver(() => responder.receive(attach.responseDeserialize(bytes))));
      return true;
    },
  });
  // Both ends are this code: a protocol error is a bug; it closes the link, naming it.
  const deliver = (receive: () => void) => {
    try {
      receive();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      options.logger.error({ err, link: options.name }, "in-process link broke its protocol");
      responder.close();
      caller.close(reason);
    }
  };
  return {
    call: (method, request, callOptions) => caller.call(method, request, callOptions),
    close(reason) {
      responder.close();
      caller.close(reason);
    },
  };
}
