import { randomBytes } from "node:crypto";
import { readdir, readFile, readlink } from "node:fs/promises";
import { Client, type ClientDuplexStream } from "@grpc/grpc-js";
import { generateIdentityKeyPair } from "@keyfrag/crypto";
import {
  type CallOptions,
  call,
  clientCredentials,
  createCustomerLinkClient,
  type GatewayClient,
  type LinkUp,
  slotIdentityUris,
  type TlsMaterial,
} from "@keyfrag/rpc";
import { adminLogin, type FullCluster, startFullCluster, waitFor } from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CUSTOMER_SLOT = 100;
const AES = "/linked/aes";
const ED = "/linked/ed";

interface TcpSocket {
  localPort: number;
  remotePort: number;
  /** /proc's hex state: 0A listening, 01 established, 02 connecting. */
  state: string;
}

/** The TCP sockets process `pid` holds: /proc/<pid>/fd's socket inodes looked up in its net/tcp{,6}. */
async function tcpSocketsOf(pid: number): Promise<TcpSocket[]> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode) inodes.add(inode);
  }
  const port = (endpoint: string | undefined) => Number.parseInt(endpoint?.split(":")[1] ?? "", 16);
  const sockets: TcpSocket[] = [];
  for (const table of ["tcp", "tcp6"]) {
    const text = await readFile(`/proc/${pid}/net/${table}`, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || !inodes.has(f[9] as string)) continue;
      sockets.push({ localPort: port(f[1]), remotePort: port(f[2]), state: f[3] as string });
    }
  }
  return sockets;
}

const portOf = (address: string) => Number(address.slice(address.lastIndexOf(":") + 1));

/** How a stream to the coordinator ended: its status. */
function statusOf(stream: Pick<ClientDuplexStream<never, unknown>, "on">) {
  return new Promise<{ code: number; details: string }>((resolve) => {
    stream.on("status", (s: { code: number; details: string }) => resolve(s));
    stream.on("error", () => undefined);
    stream.on("data", () => undefined);
  });
}

// The gateway's customer fragment takes part in DKG, refresh and rotation over links it opens
// to the coordinators: the coordinator never connects to the gateway. The gateway runs with no
// KF_CUSTOMER_LISTEN: it uses its customer fragment in process, and listens on its client-facing
// ports (gRPC and REST) only.
describe("customer link (outbound only)", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;

  beforeAll(async () => {
    full = await startFullCluster({
      customerSlot: CUSTOMER_SLOT,
      customerPort: false,
      coordinators: 2,
      gatewayEnv: { KF_CACHE_TTL_MS: "0" },
    });
    gw = full.client();
    admin = await adminLogin(full, gw, 60_000);
  }, 180_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
  });

  const pidOf = (p: { child?: { pid?: number } | undefined }) => {
    const pid = p.child?.pid;
    if (pid === undefined) throw new Error("process not running");
    return pid;
  };

  /**
   * The gateway listens on its client-facing ports alone (no customer port), and no
   * coordinator holds a socket to any port the gateway listens on.
   */
  const expectNoConnectionToTheGateway = async () => {
    const gatewaySockets = await tcpSocketsOf(pidOf(full.gateway.process));
    const gatewayPorts = new Set(
      gatewaySockets.filter((s) => s.state === "0A").map((s) => s.localPort),
    );
    expect(full.customer?.address).toBeUndefined();
    expect([...gatewayPorts].sort()).toEqual(
      [portOf(full.gateway.address), portOf(full.gatewayRest)].sort(),
    );
    for (const c of full.fragments.coordinators) {
      if (!c.process.running) continue;
      const sockets = await tcpSocketsOf(pidOf(c.process));
      const outbound = sockets.filter((s) => s.state !== "0A" && gatewayPorts.has(s.remotePort));
      expect(outbound, `${c.id} holds a connection to a gateway port`).toEqual([]);
      // The link is there, inbound: a socket on the coordinator's own port to one of the
      // gateway's (a coordinator just restarted may wait for the gateway's next attempt).
      await waitFor(
        async () => {
          const gatewayEphemeral = new Set(
            (await tcpSocketsOf(pidOf(full.gateway.process)))
              .filter((s) => s.remotePort === portOf(c.address))
              .map((s) => s.localPort),
          );
          return (await tcpSocketsOf(pidOf(c.process))).some(
            (s) => s.localPort === portOf(c.address) && gatewayEphemeral.has(s.remotePort),
          );
        },
        15_000,
        `the gateway's connection to ${c.id}`,
      );
    }
  };

  const refresh = (name: string) => call(gw, "RefreshKey", { name, version: 0 }, admin);

  it("creates, uses, refreshes and rotates customer-slot keys while no coordinator connects to the gateway", async () => {
    const aes = await call(
      gw,
      "CreateDfcKey",
      { name: AES, algorithm: "AES256GCM", customer_slot: true },
      admin,
    );
    expect(aes.dfc_key).toMatchObject({ customer_slot: true, slots: 4, threshold: 4 });
    await call(gw, "CreateDfcKey", { name: ED, algorithm: "ED25519", customer_slot: true }, admin);

    const plaintext = Buffer.from("linked customer data");
    const enc = await call(gw, "Encrypt", { key_name: AES, plaintext }, admin);
    const decrypt = async () =>
      Buffer.from(
        (await call(gw, "Decrypt", { key_name: AES, ciphertext: enc.ciphertext }, admin)).plaintext,
      );
    expect(await decrypt()).toEqual(plaintext);
    const data = randomBytes(32);
    const signed = await call(gw, "Sign", { key_name: ED, data }, admin);
    const verify = (signature: Uint8Array, version = 0) =>
      call(gw, "Verify", { key_name: ED, data, signature, version }, admin);
    expect((await verify(signed.signature)).valid).toBe(true);

    expect((await refresh(AES)).epoch).toBe(1);
    expect((await refresh(ED)).epoch).toBe(1);
    expect(await decrypt()).toEqual(plaintext);
    const signedAfter = await call(gw, "Sign", { key_name: ED, data }, admin);
    expect((await verify(signedAfter.signature)).valid).toBe(true);

    await call(gw, "RotateKey", { name: AES }, admin);
    await call(gw, "RotateKey", { name: ED }, admin);
    expect(await decrypt()).toEqual(plaintext);
    const enc2 = await call(gw, "Encrypt", { key_name: AES, plaintext }, admin);
    expect(
      Buffer.from(
        (await call(gw, "Decrypt", { key_name: AES, ciphertext: enc2.ciphertext }, admin))
          .plaintext,
      ),
    ).toEqual(plaintext);
    const signedV2 = await call(gw, "Sign", { key_name: ED, data }, admin);
    expect((await verify(signedV2.signature, 2)).valid).toBe(true);

    await expectNoConnectionToTheGateway();
  }, 120_000);

  describe("bad input on the link", () => {
    let leader: { address: string; index: number };
    const tlsOf = (role: "gateway" | "fragment-manager", name: string, uris?: string[]) =>
      full.fragments.tls(role, name, uris);
    const attach = (tls: TlsMaterial) => {
      const client = createCustomerLinkClient(leader.address, clientCredentials(tls));
      const stream = client.Attach();
      return { client, stream, status: statusOf(stream) };
    };
    const customerProbe = async () =>
      tlsOf(
        "fragment-manager",
        "probe-customer",
        slotIdentityUris(CUSTOMER_SLOT, generateIdentityKeyPair().publicKey),
      );

    beforeAll(async () => {
      const index = await full.fragments.leaderIndex();
      leader = {
        index,
        address: (full.fragments.coordinators[index] as { address: string }).address,
      };
    });

    it("refuses a certificate that is not a customer fragment's, naming why", async () => {
      const asGateway = attach(await tlsOf("gateway", "link-probe"));
      expect(await asGateway.status).toMatchObject({
        code: 7,
        details: expect.stringContaining("only a certified fragment manager may call"),
      });
      asGateway.client.close();
      const clusterSlot = attach(
        await tlsOf(
          "fragment-manager",
          "slot-1-probe",
          slotIdentityUris(1, generateIdentityKeyPair().publicKey),
        ),
      );
      expect(await clusterSlot.status).toMatchObject({
        code: 7,
        details: expect.stringContaining("slot 1 is not a customer slot of this coordinator"),
      });
      clusterSlot.client.close();
    });

    it("ends a link that answers a call never made, or sends an empty frame, with INVALID_ARGUMENT", async () => {
      const tls = await customerProbe();
      // A customer node written for this test: it writes frames the protocol forbids.
      const unknownId = attach(tls);
      unknownId.stream.on("metadata", () =>
        unknownId.stream.write({
          reply: { id: 99, code: 0, response: Buffer.alloc(0) },
        } satisfies LinkUp),
      );
      expect(await unknownId.status).toMatchObject({
        code: 3,
        details: expect.stringContaining("a reply to call id 99, which was never sent"),
      });
      unknownId.client.close();
      const empty = attach(tls);
      empty.stream.on("metadata", () => empty.stream.write({} satisfies LinkUp));
      expect(await empty.status).toMatchObject({
        code: 3,
        details: expect.stringContaining("a frame without a reply"),
      });
      empty.client.close();
    });

    it("ends a link whose frame does not decode with INVALID_ARGUMENT", async () => {
      const tls = await customerProbe();
      const client = new Client(leader.address, clientCredentials(tls));
      // Raw bytes, not a LinkUp: a field tag of wire type 7 (which does not exist).
      const stream = client.makeBidiStreamRequest<Buffer, Buffer>(
        "/keyfrag.v1.CustomerLink/Attach",
        (b) => b,
        (b) => b,
      );
      const status = statusOf(stream);
      stream.on("metadata", () => stream.write(Buffer.from([0x0f, 0xff, 0xff, 0xff])));
      expect(await status).toMatchObject({
        code: 3,
        details: expect.stringContaining("a frame that does not decode"),
      });
      client.close();
    });

    it("keeps the coordinator running, and the gateway's own link working", async () => {
      const status = await call(full.fragments.coordinator(leader.index), "ClusterStatus", {});
      expect(status.coordinator_id).toBe(full.fragments.coordinators[leader.index]?.id);
      expect(full.fragments.coordinators[leader.index]?.process.running).toBe(true);
      const before = (await call(gw, "RefreshKey", { name: AES, version: 0 }, admin)).epoch;
      expect(before).toBeGreaterThan(0);
    }, 30_000);
  });

  it("after the leader is killed and restarted, the links come back and refreshes still work", async () => {
    const first = await full.fragments.leaderIndex();
    const a = full.fragments.coordinators[
      first
    ] as FullCluster["fragments"]["coordinators"][number];
    const b = full.fragments.coordinators[1 - first] as typeof a;
    await a.stop("SIGKILL");
    // The other coordinator leads; the gateway's link to it was up all along.
    await waitFor(
      async () => (await refresh(AES)).epoch > 0,
      30_000,
      "a refresh under the second coordinator",
    );
    await a.start();
    // Now the restarted one must lead: the gateway's link to it is a new one.
    await b.stop("SIGKILL");
    await waitFor(
      async () => (await full.fragments.leaderIndex()) === first,
      30_000,
      "the restarted coordinator to lead",
    );
    let epoch = 0;
    await waitFor(
      async () => {
        epoch = (await refresh(AES)).epoch;
        return true;
      },
      30_000,
      "a refresh under the restarted coordinator",
    );
    expect(epoch).toBeGreaterThan(1);
    await b.start();
    await expectNoConnectionToTheGateway();
  }, 150_000);
});
