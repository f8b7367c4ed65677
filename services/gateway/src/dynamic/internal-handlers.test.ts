import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Metadata } from "@grpc/grpc-js";
import { createDevCa, issueCertificate, trustClusterCa } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentCaller } from "../keys/fair-limiter.js";
import { internalHandlers } from "./internal-handlers.js";

let dir = "";
let producersCert: X509Certificate;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-internal-"));
  const ca = await createDevCa(dir);
  trustClusterCa(await readFile(ca.certFile));
  const node = await issueCertificate({ caDir: dir, dir, name: "producers-1", role: "producers" });
  producersCert = new X509Certificate(await readFile(node.certFile));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("GatewayInternal and the key-operation limiter", () => {
  it("runs the producers service's key operations in a bucket of their own, not the gateway's", async () => {
    const handlers = internalHandlers({
      keys: {
        // The operation reports the limiter caller it runs as.
        encrypt: async () => ({ ciphertext: Buffer.from(currentCaller()) }),
      } as never,
      producerKeys: { allowed: async () => true },
      logger: { error() {}, warn() {}, info() {}, debug() {} } as never,
    });
    const call = {
      request: {
        key_name: "/producers/seal",
        plaintext: Buffer.from("x"),
        purpose: "target",
        name: "/t",
      },
      metadata: new Metadata(),
      getPath: () => "/keyfrag.v1.GatewayInternal/Seal",
      getPeer: () => "127.0.0.1:5000",
      getAuthContext: () => ({
        sslPeerCertificate: { raw: producersCert.raw, subject: { CN: "producers:producers-1" } },
      }),
    };
    const sealed = await new Promise<Buffer>((resolve, reject) =>
      handlers.Seal(call as never, (err, res) =>
        err || !res?.sealed ? reject(err) : resolve(Buffer.from(res.sealed)),
      ),
    );
    expect(sealed.toString()).not.toBe("");
  });
});
