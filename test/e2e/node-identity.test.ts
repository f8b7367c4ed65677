import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ChannelCredentials, credentials as grpcCredentials } from "@grpc/grpc-js";
import {
  type AuthClient,
  call,
  createAuthClient,
  createDevCa,
  createGatewayClient,
  createGatewayInternalClient,
  type GatewayInternalClient,
  issueCertificate,
  loadTlsFiles,
  type NodeRole,
} from "@keyfrag/rpc";
import { codeOf, type FullCluster, startFullCluster } from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// With KF_CLIENT_CA_FILE the gateway's public listener trusts a user CA for certificate logins.
// A user CA can write any CN, so its certificates must never act as a keyfrag node: not on
// GatewayInternal (unseal target credentials, sign with SSH-CA/JWT keys), not anywhere.
describe("node roles come from the cluster CA only", () => {
  let full: FullCluster;
  let userCaDir: string;
  const clients: Array<{ close(): void }> = [];

  /** Credentials with a certificate of the user CA whose CN claims `role:x`. */
  const userCertificate = async (role: NodeRole): Promise<ChannelCredentials> => {
    const files = await issueCertificate({
      caDir: userCaDir,
      dir: join(userCaDir, "issued"),
      name: `${role}-x`,
      role,
      nodeId: "x",
    });
    const own = await loadTlsFiles({ caFile: join(userCaDir, "ca.pem"), ...files });
    const cluster = await full.env.pki.tls("client");
    // Trusts the cluster CA, so only the server's verdict on the client certificate counts.
    return grpcCredentials.createSsl(cluster.ca, own.key, own.cert);
  };
  const internalAt = (address: string, creds: ChannelCredentials): GatewayInternalClient => {
    const client = createGatewayInternalClient(address, creds);
    clients.push(client);
    return client;
  };
  const seal = (client: GatewayInternalClient) =>
    call(client, "Seal", {
      key_name: "/keyfrag/system",
      purpose: "target",
      name: "/e2e/node-identity",
      plaintext: Buffer.from("{}"),
    });

  beforeAll(async () => {
    userCaDir = await mkdtemp(join(tmpdir(), "kf-user-ca-"));
    await createDevCa(userCaDir, { commonName: "a customer's user CA" });
    full = await startFullCluster({
      producersEnv: { KF_SWEEP_INTERVAL_MS: "0" },
      gatewayEnv: { KF_CLIENT_CA_FILE: join(userCaDir, "ca.pem") },
    });
  }, 180_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await full?.[Symbol.asyncDispose]();
    if (userCaDir) await rm(userCaDir, { recursive: true, force: true });
  });

  it("refuses GatewayInternal to a user-CA certificate with CN producers:x, on either listener", async () => {
    const forged = await userCertificate("producers");
    // The public listener (which accepts the user CA) does not serve GatewayInternal at all.
    expect(await codeOf(seal(internalAt(full.gateway.address, forged)))).not.toBe("ok");
    // The internal listener takes cluster certificates only: the handshake fails.
    expect(await codeOf(seal(internalAt(full.gatewayInternal as string, forged)))).toBe(
      "unavailable",
    );
  });

  it("serves GatewayInternal to the cluster's producers certificate on the internal listener", async () => {
    const own = await full.env.pki.tls("producers", "producers-probe");
    const producers = grpcCredentials.createSsl(own.ca, own.key, own.cert);
    const sealed = await seal(internalAt(full.gatewayInternal as string, producers));
    expect(sealed.sealed.length).toBeGreaterThan(0);
    // Not on the public listener: that one is for users.
    expect(await codeOf(seal(internalAt(full.gateway.address, producers)))).not.toBe("ok");
  });

  it("gives a user-CA certificate no node role anywhere else either", async () => {
    const forged = await userCertificate("gateway");
    // The control plane takes cluster certificates only.
    const auth: AuthClient = createAuthClient(full.control.nodes.auth.address, forged);
    clients.push(auth);
    expect(await codeOf(call(auth, "ListRevocations", {}))).toBe("unavailable");
    // On the public listener it is at most a user, and a node's CN cannot even log in.
    const gw = createGatewayClient(full.gateway.address, forged);
    clients.push(gw);
    expect(await codeOf(call(gw, "Auth", { use_client_certificate: true }))).toBe(
      "permission-denied",
    );
  });
});
