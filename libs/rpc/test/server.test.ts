import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  type ChannelCredentials,
  type Client,
  credentials,
  loadPackageDefinition,
  Metadata,
  makeClientConstructor,
  type ServiceError,
  status,
} from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import {
  DecryptionError,
  InvalidInputError,
  MalformedCiphertextError,
  NonceReuseError,
  SlotContributionError,
} from "@keyfrag/crypto";
import { freePort } from "@keyfrag/test-support";
import { service as healthService } from "grpc-health-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConflictError,
  type CoordinatorClient,
  type CoordinatorHandlers,
  call,
  clientCredentials,
  createCoordinatorClient,
  createFragmentManagerClient,
  DeadlineExceededError,
  FailedPreconditionError,
  type FragmentManagerClient,
  type FragmentManagerHandlers,
  InternalError,
  InvalidArgumentError,
  isRetryable,
  type KeyfragError,
  type Logger,
  loadKeyfragProto,
  NotFoundError,
  type PeerIdentity,
  PermissionDeniedError,
  peerIdentity,
  type RunningServer,
  requireRole,
  serverCredentials,
  startServer,
  type TlsMaterial,
  UnauthenticatedError,
  UnavailableError,
  unary,
} from "../src/index.js";
import { createTestPki, type TestPki } from "./fixture.js";

// Errors a handler may throw, indexed by EvaluateRequest.epoch, and what the client must see.
const thrown: ReadonlyArray<{ error: Error; expected: new (...args: never[]) => KeyfragError }> = [
  { error: new NotFoundError("no key 'billing' v3"), expected: NotFoundError },
  { error: new InvalidArgumentError("epoch must be > 0"), expected: InvalidArgumentError },
  { error: new PermissionDeniedError("not yours"), expected: PermissionDeniedError },
  { error: new UnauthenticatedError("who are you"), expected: UnauthenticatedError },
  { error: new ConflictError("key 'billing' exists"), expected: ConflictError },
  { error: new FailedPreconditionError("epoch 4 is pending"), expected: FailedPreconditionError },
  { error: new UnavailableError("slot 2 has no live replica"), expected: UnavailableError },
  { error: new DeadlineExceededError("peer too slow"), expected: DeadlineExceededError },
  // Crypto errors raised while serving a request are the caller's bad input...
  { error: new InvalidInputError("blinded element has 31 bytes"), expected: InvalidArgumentError },
  { error: new MalformedCiphertextError("bad magic"), expected: InvalidArgumentError },
  { error: new DecryptionError(), expected: InvalidArgumentError },
  {
    error: new SlotContributionError(3, "refresh", "Feldman check failed"),
    expected: InvalidArgumentError,
  },
  // ...except a reused nonce, which is about state, not input.
  { error: new NonceReuseError(1), expected: FailedPreconditionError },
];
const INTERNAL_EPOCH = 100;
const BUG_EPOCH = 101;

let pki: TestPki;
let serverTls: TlsMaterial;
let coordinatorTls: TlsMaterial;
let gatewayTls: TlsMaterial;
let sdkClientTls: TlsMaterial;
let server: RunningServer;
let address: string;
const seenPeers: PeerIdentity[] = [];
const logged: Array<{ obj: Record<string, unknown>; msg: string }> = [];
const logger: Logger = {
  error: (obj, msg) => logged.push({ obj: obj as Record<string, unknown>, msg }),
};
const clients: Client[] = [];
const gates: Array<() => void> = [];

function fragmentManagerImplementation(): Partial<FragmentManagerHandlers> {
  return {
    NodeStatus: unary(
      async (_request, call) => {
        seenPeers.push(requireRole(call, ["coordinator", "gateway"]));
        return {
          node_id: "fm-1",
          region: "region-a",
          zone: "az-1",
          slot: 1,
          identity_public_key: Buffer.alloc(32, 7),
          keys: [{ key: { key_id: Buffer.alloc(16, 1), version: 3 }, epoch: 5 }],
        };
      },
      { logger },
    ),
    Evaluate: unary(
      (request) => {
        const error =
          request.epoch === INTERNAL_EPOCH
            ? new InternalError("fragment store index corrupt at offset 4096")
            : request.epoch === BUG_EPOCH
              ? new TypeError("cannot read properties of undefined (reading 'share')")
              : thrown[request.epoch]?.error;
        throw error ?? new Error("test asked for an unknown error");
      },
      { logger },
    ),
    // Only gateways sign.
    SignCommit: unary(
      (_request, call) => {
        requireRole(call, ["gateway"]);
        return { nonce_id: "n-1", commitment: { slot: 1 } };
      },
      { logger },
    ),
    // Stays in flight until the test opens its gate.
    RefreshCommit: unary(
      async () => {
        await new Promise<void>((resolve) => gates.push(resolve));
        return {};
      },
      { logger },
    ),
  };
}

function coordinatorImplementation(): Partial<CoordinatorHandlers> {
  return {
    ClusterStatus: unary(
      (_request, call) => {
        const peer = peerIdentity(call);
        return {
          coordinator_id: "coord-1",
          leader: peer.role === "gateway",
          fencing_token: "18446744073709551615",
        };
      },
      { logger },
    ),
  };
}

async function startTestServer(): Promise<RunningServer> {
  const proto = loadKeyfragProto();
  return startServer({
    address: "127.0.0.1:0",
    credentials: serverCredentials(serverTls),
    services: [
      { definition: proto.fragmentManager, implementation: fragmentManagerImplementation() },
      { definition: proto.coordinator, implementation: coordinatorImplementation() },
    ],
    logger,
  });
}

function fmClient(creds: ChannelCredentials, at = address): FragmentManagerClient {
  const client = createFragmentManagerClient(at, creds);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  pki = await createTestPki();
  serverTls = await pki.node("fragment-manager", "fm-1");
  coordinatorTls = await pki.node("coordinator", "coord-1");
  gatewayTls = await pki.node("gateway", "gw-1");
  sdkClientTls = await pki.node("client", "cli-1");
  server = await startTestServer();
  address = `localhost:${server.port}`;
});

afterAll(async () => {
  for (const client of clients) client.close();
  for (const open of gates) open();
  await server?.shutdown(0);
  await pki?.[Symbol.asyncDispose]();
});

describe("mTLS and peer identity", () => {
  it("binds a free port when asked for port 0", () => {
    expect(server.port).toBeGreaterThan(0);
  });

  it("answers a coordinator, and the server sees the coordinator's identity", async () => {
    const client = fmClient(clientCredentials(coordinatorTls));
    const status = await call(client, "NodeStatus", {});
    expect(status.node_id).toBe("fm-1");
    expect(status.slot).toBe(1);
    expect(Buffer.isBuffer(status.identity_public_key)).toBe(true);
    expect(status.identity_public_key.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(status.keys[0]?.key?.version).toBe(3);
    expect(status.keys[0]?.pending_epoch).toBe(0); // defaults: true
    expect(seenPeers.at(-1)).toEqual({ role: "coordinator", nodeId: "coord-1" });
  });

  it("reaches the server by IP address too (SANs cover 127.0.0.1 and ::1)", async () => {
    const v4 = fmClient(clientCredentials(gatewayTls), `127.0.0.1:${server.port}`);
    await expect(call(v4, "NodeStatus", {})).resolves.toMatchObject({ node_id: "fm-1" });
    expect(seenPeers.at(-1)).toEqual({ role: "gateway", nodeId: "gw-1" });
  });

  it("waitForReady lets a call outlive a peer's restart; without it the call fails at once", async () => {
    const port = await freePort();
    const later = fmClient(clientCredentials(coordinatorTls), `localhost:${port}`);
    const started = Date.now();
    await expect(call(later, "NodeStatus", {}, { deadlineMs: 3_000 })).rejects.toThrow(
      UnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    // The peer comes up 500 ms after the call was made; the waiting call gets its answer.
    const waiting = call(later, "NodeStatus", {}, { deadlineMs: 5_000, waitForReady: true });
    await new Promise((r) => setTimeout(r, 500));
    const second = await startServer({
      address: `127.0.0.1:${port}`,
      credentials: serverCredentials(serverTls),
      services: [
        {
          definition: loadKeyfragProto().fragmentManager,
          implementation: fragmentManagerImplementation(),
        },
      ],
      logger,
    });
    try {
      await expect(waiting).resolves.toMatchObject({ node_id: "fm-1" });
    } finally {
      await second.shutdown(100);
    }
  });

  it("refuses a client whose certificate comes from another CA", async () => {
    await using otherPki = await createTestPki();
    const stranger = await otherPki.node("coordinator", "coord-1");
    // The stranger trusts our CA, so only the server's check of its certificate can fail.
    const client = fmClient(clientCredentials({ ...stranger, ca: coordinatorTls.ca }));
    const err = await call(client, "NodeStatus", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect(isRetryable(err)).toBe(true);

    // Control: the same certificate is fine for a server of its own CA.
    const proto = loadKeyfragProto();
    await using strangersServer = await startServer({
      address: "127.0.0.1:0",
      credentials: serverCredentials(await otherPki.node("fragment-manager", "fm-9")),
      services: [
        { definition: proto.fragmentManager, implementation: fragmentManagerImplementation() },
      ],
      logger,
    });
    const control = fmClient(clientCredentials(stranger), `localhost:${strangersServer.port}`);
    await expect(call(control, "NodeStatus", {})).resolves.toMatchObject({ node_id: "fm-1" });
  });

  it("refuses a client without a client certificate", async () => {
    const client = fmClient(credentials.createSsl(coordinatorTls.ca));
    await expect(call(client, "NodeStatus", {})).rejects.toBeInstanceOf(UnavailableError);
  });

  it("refuses to talk to a server whose certificate another CA signed", async () => {
    await using otherPki = await createTestPki();
    const strangerTls = await otherPki.node("coordinator", "coord-1");
    const client = fmClient(clientCredentials({ ...coordinatorTls, ca: strangerTls.ca }));
    await expect(call(client, "NodeStatus", {})).rejects.toBeInstanceOf(UnavailableError);
  });

  it("maps a requireRole refusal to PERMISSION_DENIED", async () => {
    const asCoordinator = fmClient(clientCredentials(coordinatorTls));
    const err = await call(asCoordinator, "SignCommit", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect((err as PermissionDeniedError).message).toBe(
      "coordinator may not call /keyfrag.v1.FragmentManager/SignCommit",
    );
    expect((err as PermissionDeniedError).cause).toMatchObject({ code: 7 });
    expect(isRetryable(err)).toBe(false);

    const asSdkClient = fmClient(clientCredentials(sdkClientTls));
    await expect(call(asSdkClient, "NodeStatus", {})).rejects.toBeInstanceOf(PermissionDeniedError);

    const asGateway = fmClient(clientCredentials(gatewayTls));
    await expect(call(asGateway, "SignCommit", {})).resolves.toMatchObject({ nonce_id: "n-1" });
  });

  it("serves the coordinator contract with 64-bit integers as strings", async () => {
    const client: CoordinatorClient = createCoordinatorClient(
      address,
      clientCredentials(gatewayTls),
    );
    clients.push(client);
    const status = await call(client, "ClusterStatus", {});
    expect(status).toMatchObject({
      coordinator_id: "coord-1",
      leader: true,
      fencing_token: "18446744073709551615",
      nodes: [],
    });
    // A method the server does not implement is a deployment bug, not the caller's fault.
    const err = await call(client, "GetKey", { name: "billing" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalError);
  });
});

describe("errors across the wire", () => {
  it.each(thrown.map((t, epoch) => ({ ...t, epoch, name: t.error.constructor.name })))(
    "$name arrives as $expected.name with its message",
    async ({ error, expected, epoch }) => {
      const client = fmClient(clientCredentials(gatewayTls));
      const err = await call(client, "Evaluate", { epoch }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(expected);
      expect((err as Error).constructor).toBe(expected);
      expect((err as Error).message).toBe(error.message);
    },
  );

  it("answers a request whose bytes do not decode INVALID_ARGUMENT (grpc-js alone says INTERNAL)", async () => {
    const client = fmClient(clientCredentials(gatewayTls));
    // Field 1 of EvaluateRequest is a message; here it arrives as a varint (wrong wire type),
    // followed by a length that runs past the end.
    const bytes = Buffer.from([0x08, 0x05, 0x12, 0x7f, 0x01]);
    const code = await new Promise<number>((resolve) => {
      client.makeUnaryRequest(
        "/keyfrag.v1.FragmentManager/Evaluate",
        (b: Buffer) => b,
        (b: Buffer) => b,
        bytes,
        new Metadata(),
        { deadline: Date.now() + 5_000 },
        (err) => resolve(err?.code ?? 0),
      );
    });
    expect(code).toBe(status.INVALID_ARGUMENT);
    // The server keeps serving.
    await expect(call(client, "NodeStatus", {})).resolves.toMatchObject({ node_id: "fm-1" });
  });

  it("answers an unexpected error generically and logs it with the request id", async () => {
    const client = fmClient(clientCredentials(gatewayTls));
    for (const epoch of [BUG_EPOCH, INTERNAL_EPOCH]) {
      logged.length = 0;
      const requestId = `req-${epoch}`;
      const err = await call(client, "Evaluate", { epoch }, { requestId }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InternalError);
      expect((err as InternalError).message).toBe(`internal error (request ${requestId})`);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.obj).toMatchObject({
        requestId,
        method: "/keyfrag.v1.FragmentManager/Evaluate",
      });
      expect(logged[0]?.obj.err).toBeInstanceOf(Error);
      // The trailer names the request too, for callers that log it.
      const cause = (err as InternalError).cause as ServiceError;
      expect(cause.metadata.get("x-request-id")).toEqual([requestId]);
    }
  });

  it("makes up a request id when the caller sends none", async () => {
    const client = fmClient(clientCredentials(gatewayTls));
    const err = await call(client, "Evaluate", { epoch: BUG_EPOCH }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^internal error \(request [0-9a-f-]{36}\)$/);
  });

  it("gives up at the deadline with a retryable DeadlineExceededError", async () => {
    const client = fmClient(clientCredentials(coordinatorTls));
    const started = Date.now();
    const err = await call(client, "RefreshCommit", {}, { deadlineMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect(isRetryable(err)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe("health and reflection", () => {
  type HealthClient = Client & {
    check(
      request: { service: string },
      callback: (err: ServiceError | null, res?: { status: string }) => void,
    ): void;
    watch(request: { service: string }): NodeJS.EventEmitter & { cancel(): void };
  };
  const HealthClient = makeClientConstructor(healthService, "Health");

  function healthClient(at: string): HealthClient {
    const client = new HealthClient(
      at,
      clientCredentials(coordinatorTls),
    ) as unknown as HealthClient;
    clients.push(client);
    return client;
  }

  function check(client: HealthClient, service: string): Promise<string> {
    return new Promise((resolve, reject) => {
      client.check({ service }, (err, res) => (err ? reject(err) : resolve(res?.status ?? "")));
    });
  }

  it("reports the server and each service SERVING, and follows setServing", async () => {
    const client = healthClient(address);
    expect(await check(client, "")).toBe("SERVING");
    expect(await check(client, "keyfrag.v1.FragmentManager")).toBe("SERVING");
    expect(await check(client, "keyfrag.v1.Coordinator")).toBe("SERVING");
    server.setServing(false);
    try {
      expect(await check(client, "")).toBe("NOT_SERVING");
      expect(await check(client, "keyfrag.v1.FragmentManager")).toBe("NOT_SERVING");
    } finally {
      server.setServing(true);
    }
    expect(await check(client, "")).toBe("SERVING");
  });

  it("turns NOT_SERVING when shutdown begins, then stops", async () => {
    const own = await startTestServer();
    const watch = healthClient(`localhost:${own.port}`).watch({ service: "" });
    const statuses: string[] = [];
    const ended = new Promise<void>((resolve) => {
      watch.on("error", () => resolve());
      watch.on("end", () => resolve());
    });
    const sawServing = new Promise<void>((resolve) => {
      watch.on("data", (res: { status: string }) => {
        statuses.push(res.status);
        if (res.status === "SERVING") resolve();
      });
    });
    await sawServing;
    // The watch is a call in flight: the grace period runs out and the server forces it closed.
    await own.shutdown(300);
    await ended;
    expect(statuses).toEqual(["SERVING", "NOT_SERVING"]);
  });

  it("lets calls in flight finish during a graceful shutdown, and refuses new ones", async () => {
    const own = await startTestServer();
    const client = fmClient(clientCredentials(coordinatorTls), `localhost:${own.port}`);
    await call(client, "NodeStatus", {});
    const before = gates.length;
    const inFlight = call(client, "RefreshCommit", {}, { deadlineMs: 10_000 });
    await expect.poll(() => gates.length).toBe(before + 1);
    const stopped = own.shutdown(10_000);
    gates[before]?.();
    await expect(inFlight).resolves.toEqual({});
    await stopped;
    const after = await call(client, "NodeStatus", {}).catch((e: unknown) => e);
    expect(isRetryable(after)).toBe(true);
  });

  it("cuts off calls still running when the grace period ends, as a retryable error", async () => {
    const own = await startTestServer();
    const client = fmClient(clientCredentials(coordinatorTls), `localhost:${own.port}`);
    const before = gates.length;
    const inFlight = call(client, "RefreshCommit", {}, { deadlineMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    await expect.poll(() => gates.length).toBe(before + 1);
    const started = Date.now();
    await own.shutdown(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    const err = await inFlight;
    expect(err).toBeInstanceOf(UnavailableError);
    expect(isRetryable(err)).toBe(true);
  });

  it("lists keyfrag and health services through server reflection", async () => {
    const reflectionProto = join(
      dirname(createRequire(import.meta.url).resolve("@grpc/reflection")),
      "../proto/grpc/reflection/v1/reflection.proto",
    );
    const grpcObject = loadPackageDefinition(
      loadSync(reflectionProto, { keepCase: true }),
    ) as unknown as {
      grpc: { reflection: { v1: { ServerReflection: typeof Client } } };
    };
    const client = new grpcObject.grpc.reflection.v1.ServerReflection(
      address,
      clientCredentials(coordinatorTls),
    ) as Client & {
      ServerReflectionInfo(): NodeJS.EventEmitter & {
        write(message: object): void;
        end(): void;
      };
    };
    clients.push(client);
    const stream = client.ServerReflectionInfo();
    const response = new Promise<{ list_services_response: { service: { name: string }[] } }>(
      (resolve, reject) => {
        stream.on("data", resolve);
        stream.on("error", reject);
      },
    );
    stream.write({ host: "", list_services: "" });
    const names = (await response).list_services_response.service.map((s) => s.name);
    stream.end();
    expect(names).toEqual(
      expect.arrayContaining([
        "keyfrag.v1.FragmentManager",
        "keyfrag.v1.Coordinator",
        "grpc.health.v1.Health",
      ]),
    );
  });
});
