import { randomBytes, randomUUID, X509Certificate } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateIdentityKeyPair } from "@keyfrag/crypto";
import {
  type AcceptedLink,
  acceptLink,
  call,
  clientCredentials,
  createDevCa,
  createFragmentManagerClient,
  issueCertificate,
  type LinkServerStream,
  loadKeyfragProto,
  loadTlsFiles,
  type NodeRole,
  type RunningServer,
  serverCredentials,
  slotIdentityUris,
  startServer,
  type TlsMaterial,
} from "@keyfrag/rpc";
import { freePort, type TestNats, testNats } from "@keyfrag/test-support";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificateKeyPin } from "../fragment/customer-guard.js";
import { type FragmentNode, NO_PORT_ADDRESS, startFragmentNode } from "../node.js";

const SLOT = 100;
const log = pino({ level: "silent" });
const proto = loadKeyfragProto();

/**
 * A coordinator's end of the customer link written for this test (not the coordinator
 * service): a CustomerLink server under a certificate of `role` that keeps the links attached.
 */
async function testCoordinator(tls: TlsMaterial, address: string) {
  const links: AcceptedLink[] = [];
  const server = await startServer({
    address,
    credentials: serverCredentials(tls),
    services: [
      {
        definition: proto.customerLink,
        implementation: {
          Attach: (stream: LinkServerStream) => {
            links.push(
              acceptLink(stream, {
                definition: proto.fragmentManager,
                name: "test link",
                logger: log,
                onClosed: () => undefined,
              }),
            );
          },
        },
      },
    ],
    logger: log,
  });
  return { server, links, live: () => links.filter((l) => !l.closed) };
}

const waitFor = async <T>(what: string, probe: () => T | undefined, ms = 10_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

// A customer fragment takes the coordinators' orders only over links it opens itself.
describe("customer fragment links to the coordinators", () => {
  let dir: string;
  let nats: TestNats;
  let caDir: string;
  let caFile: string;
  let node: FragmentNode;
  let identityPublicKey: Uint8Array;
  let coordinatorAddress: string;
  let coordinator: Awaited<ReturnType<typeof testCoordinator>>;
  let gateway: TlsMaterial;
  const servers: RunningServer[] = [];

  const certificate = async (
    role: NodeRole,
    nodeId: string,
    uris?: readonly string[],
  ): Promise<TlsMaterial> => {
    const files = await issueCertificate({
      caDir,
      dir: join(dir, "pki"),
      name: `${role}-${nodeId}`,
      role,
      nodeId,
      ...(uris ? { uris } : {}),
    });
    return loadTlsFiles({ caFile, ...files });
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-customer-link-"));
    nats = await testNats();
    caDir = join(dir, "ca");
    caFile = (await createDevCa(caDir)).certFile;
    gateway = await certificate("gateway", "gw");
    coordinatorAddress = `127.0.0.1:${await freePort()}`;
    coordinator = await testCoordinator(
      await certificate("coordinator", "c-1"),
      coordinatorAddress,
    );
    const own = await nodeConfigFor("gw-customer");
    identityPublicKey = own.identityPublicKey;
    node = await startFragmentNode(own.config, log, {
      customer: true,
      gatewayPins: [certificateKeyPin(gateway.cert)],
      coordinators: [coordinatorAddress],
    });
  }, 30_000);

  afterAll(async () => {
    await node?.stop();
    await coordinator?.server.shutdown(1_000);
    for (const s of servers) await s.shutdown(1_000);
    await nats?.[Symbol.asyncDispose]();
    await rm(dir, { recursive: true, force: true });
  });

  const link = () => waitFor("the customer link", () => coordinator.live()[0]);

  it("opens a link to the coordinator and answers its calls over it", async () => {
    const status = (await (await link()).call("NodeStatus", {}, { deadlineMs: 5_000 })) as {
      node_id: string;
      slot: number;
      identity_public_key: Buffer;
    };
    expect(status).toMatchObject({ node_id: "gw-customer", slot: SLOT });
    expect(Buffer.from(status.identity_public_key)).toEqual(Buffer.from(identityPublicKey));
    const held = await (await link()).call("HeldKeys", { sets: [0, 1] }, { deadlineMs: 5_000 });
    expect(held).toMatchObject({
      sets: [
        { set: 0, keys: [] },
        { set: 1, keys: [] },
      ],
    });
  });

  it("keeps its customer guard over the link: only a DKG that needs every participant", async () => {
    const participant = async (slot: number, key: Uint8Array) => ({
      slot,
      identity_public_key: Buffer.from(key),
      certificate: new X509Certificate(
        (
          await certificate(
            "fragment-manager",
            `p-${slot}-${randomUUID()}`,
            slotIdentityUris(slot, key),
          )
        ).cert,
      ).raw,
    });
    const participants = [
      await participant(1, generateIdentityKeyPair().publicKey),
      await participant(2, generateIdentityKeyPair().publicKey),
      await participant(SLOT, identityPublicKey),
    ];
    const round1 = async (threshold: number) =>
      (await link()).call(
        "DkgRound1",
        {
          fencing_token: "1",
          session_id: randomUUID(),
          key: { key_id: randomBytes(16), version: 1 },
          suite: "RISTRETTO255",
          threshold,
          participants,
        },
        { deadlineMs: 5_000 },
      );
    // 2 of 3: slots 1 and 2 could use the key without the customer.
    await expect(round1(2)).rejects.toMatchObject({
      code: "invalid-argument",
      message: expect.stringContaining("must need every slot"),
    });
    await expect(round1(3)).resolves.toMatchObject({ message: { slot: SLOT } });
  });

  it("takes no orders on its port, whatever coordinator certificate dials it", async () => {
    const client = createFragmentManagerClient(
      node.address,
      clientCredentials(await certificate("coordinator", "dialer")),
    );
    try {
      await expect(call(client, "NodeStatus", {})).rejects.toMatchObject({
        code: "permission-denied",
        message: expect.stringContaining("only over the links it opens to the coordinators"),
      });
    } finally {
      client.close();
    }
  });

  it("links again after the coordinator went away and came back", async () => {
    await coordinator.server.shutdown(0);
    await waitFor("the link to end", () => (coordinator.live().length === 0 ? true : undefined));
    coordinator = await testCoordinator(
      await certificate("coordinator", "c-1"),
      coordinatorAddress,
    );
    await expect(
      (await link()).call("NodeStatus", {}, { deadlineMs: 5_000 }),
    ).resolves.toMatchObject({ node_id: "gw-customer" });
  }, 20_000);

  it("opens no link to a server that is not a coordinator", async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const impostor = await testCoordinator(await certificate("gateway", "impostor"), address);
    servers.push(impostor.server);
    const other = await startFragmentNode((await nodeConfigFor("gw2-customer")).config, log, {
      customer: true,
      gatewayPins: ["0".repeat(64)],
      coordinators: [address],
    });
    try {
      await new Promise((r) => setTimeout(r, 1_500));
      expect(impostor.links).toEqual([]);
    } finally {
      await other.stop();
    }
  }, 20_000);

  it("runs with no port, and serves its gateway in process with the port's checks", async () => {
    const portless = await startFragmentNode((await nodeConfigFor("gw3-customer")).config, log, {
      customer: true,
      gatewayPins: [certificateKeyPin(gateway.cert)],
      coordinators: [coordinatorAddress],
      listen: false,
    });
    try {
      expect(portless.listening).toBe(false);
      expect(portless.address).toBe(NO_PORT_ADDRESS);
      const key = { key_id: randomBytes(16), version: 1 };
      const evaluate = (cert: Buffer) =>
        portless
          .callerFor(cert)
          .call("Evaluate", { key, epoch: 0, blinded: [randomBytes(32)] }, { deadlineMs: 5_000 });
      // Its own gateway passes the pin check: the node answers for the key (it holds none).
      await expect(evaluate(gateway.cert)).rejects.toMatchObject({
        code: "not-found",
      });
      // A gateway certificate the CA issued but the customer did not pin: refused, as dialed.
      await expect(evaluate((await certificate("gateway", "minted")).cert)).rejects.toMatchObject({
        code: "permission-denied",
        message: expect.stringContaining("serves only its customer's own gateways"),
      });
      // Orders are refused in process as on the port: they come only over the links.
      await expect(
        portless
          .callerFor((await certificate("coordinator", "in-process")).cert)
          .call("NodeStatus", {}, { deadlineMs: 5_000 }),
      ).rejects.toMatchObject({
        code: "permission-denied",
        message: expect.stringContaining("only over the links it opens to the coordinators"),
      });
      // The links work without a port: the coordinator reaches it.
      await waitFor("the port-less node's link", () =>
        coordinator.live().length >= 2 ? true : undefined,
      );
    } finally {
      await portless.stop();
    }
  }, 20_000);

  async function nodeConfigFor(nodeId: string) {
    const identity = generateIdentityKeyPair();
    const keys = join(dir, nodeId);
    await mkdir(keys, { recursive: true });
    await writeFile(join(keys, "identity.key"), Buffer.from(identity.privateKey).toString("hex"));
    await writeFile(join(keys, "node.key"), randomBytes(32).toString("hex"));
    const files = await issueCertificate({
      caDir,
      dir: keys,
      name: "customer",
      role: "fragment-manager",
      nodeId,
      uris: slotIdentityUris(SLOT, identity.publicKey),
    });
    const config = {
      KF_NODE_ID: nodeId,
      KF_REGION: "customer",
      KF_ZONE: "customer",
      KF_SLOT: SLOT,
      KF_DATA_DIR: join(keys, "data"),
      KF_LISTEN: "127.0.0.1:0",
      KF_ADVERTISE: undefined,
      KF_TLS_CA: caFile,
      KF_TLS_CERT: files.certFile,
      KF_TLS_KEY: files.keyFile,
      KF_IDENTITY_KEY_FILE: join(keys, "identity.key"),
      KF_NODE_KEY_FILE: join(keys, "node.key"),
      KF_SLOT_PEERS_FILE: undefined,
      KF_NATS_URL: nats.url,
      KF_NATS_USER: undefined,
      KF_NATS_PASSWORD_FILE: undefined,
      KF_CLUSTER: nats.name("cluster"),
      KF_HEARTBEAT_MS: 1_000,
      KF_PREVIOUS_GRACE_MS: 60_000,
      KF_FAULT_CORRUPT_EVALUATIONS: false,
      KF_LOG_LEVEL: "silent" as const,
    };
    return { config, identityPublicKey: identity.publicKey };
  }
});
