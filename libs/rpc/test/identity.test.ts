import { type Client, credentials, ServerCredentials } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CoordinatorHandlers,
  call,
  clientCredentials,
  createCoordinatorClient,
  loadKeyfragProto,
  type RunningServer,
  requireRole,
  serverCredentials,
  startServer,
  type TlsMaterial,
  UnauthenticatedError,
  unary,
} from "../src/index.js";
import { createTestPki, type TestPki } from "./fixture.js";

// A listener may trust a user CA besides the cluster's (the gateway's public one does, for
// certificate logins). A user CA can write any CN, so such a certificate must never pass as a
// node, whatever its CN says.
describe("node roles come from the cluster CA only", () => {
  let cluster: TestPki;
  let users: TestPki;
  let serverTls: TlsMaterial;
  let mixed: RunningServer;
  const clients: Client[] = [];

  const handlers = (): Partial<CoordinatorHandlers> => ({
    ClusterStatus: unary(
      (_req, c) => {
        const peer = requireRole(c, ["producers"]);
        return { coordinator_id: peer.nodeId };
      },
      { logger: { error: () => {} } },
    ),
  });
  const clusterStatus = (tls: TlsMaterial) => {
    const client = createCoordinatorClient(
      `localhost:${mixed.port}`,
      clientCredentials({ ...tls, ca: serverTls.ca }),
    );
    clients.push(client);
    return call(client, "ClusterStatus", {});
  };

  beforeAll(async () => {
    cluster = await createTestPki();
    users = await createTestPki();
    serverTls = await cluster.node("gateway", "gw-1");
    // This process serves cluster-only listeners with the cluster CA, as a gateway does.
    serverCredentials(serverTls);
    const userCa = (await users.node("client", "someone")).ca;
    mixed = await startServer({
      address: "127.0.0.1:0",
      credentials: ServerCredentials.createSsl(
        Buffer.concat([serverTls.ca, Buffer.from("\n"), userCa]),
        [{ cert_chain: serverTls.cert, private_key: serverTls.key }],
        true,
      ),
      services: [{ definition: loadKeyfragProto().coordinator, implementation: handlers() }],
    });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await mixed?.shutdown(0);
    await cluster?.[Symbol.asyncDispose]();
    await users?.[Symbol.asyncDispose]();
  });

  it("refuses a user-CA certificate whose CN names a node role", async () => {
    const forged = await users.node("producers", "x");
    await expect(clusterStatus(forged)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("accepts the same role from a cluster certificate on the same listener", async () => {
    const real = await cluster.node("producers", "producers-1");
    await expect(clusterStatus(real)).resolves.toMatchObject({ coordinator_id: "producers-1" });
  });

  it("refuses a caller without any certificate", async () => {
    const client = createCoordinatorClient(
      `localhost:${mixed.port}`,
      credentials.createSsl(serverTls.ca),
    );
    clients.push(client);
    await expect(call(client, "ClusterStatus", {})).rejects.toThrow();
  });
});
