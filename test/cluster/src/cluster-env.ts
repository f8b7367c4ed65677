import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localPaths } from "@keyfrag/local-cluster";
import { type TestNats, type TestRedis, testNats, testRedis } from "@keyfrag/test-support";
import { createTestPki, type TestPki } from "./pki.js";

/**
 * What every process of one test cluster shares: a folder, a dev CA, Redis and NATS (with
 * names no other run uses), the NATS subject prefix and the cluster's audit key.
 */
export interface ClusterEnv extends AsyncDisposable {
  /** The cluster's state folder, laid out as `pnpm start`'s `.keyfrag/` (`paths`). */
  readonly dir: string;
  /** Where certificates, keys, data and logs are under `dir` (`localPaths`). */
  readonly paths: ReturnType<typeof localPaths>;
  readonly pki: TestPki;
  readonly redis: TestRedis;
  readonly nats: TestNats;
  /** NATS subject prefix (KF_CLUSTER). */
  readonly clusterName: string;
  readonly auditKey: Uint8Array;
  /** The audit key as services read it (KF_AUDIT_KEY_FILE). */
  readonly auditKeyFile: string;
}

export interface ClusterEnvOptions {
  /** A NATS server of the test's own (e.g. one it stops) instead of the shared one. */
  natsUrl?: string;
}

/** Creates a shared environment; dispose deletes its Redis keys, streams and folder. */
export async function createClusterEnv(
  prefix = "keyfrag-cluster-",
  options: ClusterEnvOptions = {},
): Promise<ClusterEnv> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const paths = localPaths(dir);
  const redis = await testRedis();
  const nats = await testNats(options.natsUrl ? { url: options.natsUrl } : {});
  const pki = await createTestPki(dir, { caDir: paths.pki, certDir: paths.pki });
  const auditKey = randomBytes(32);
  const auditKeyFile = paths.auditKey;
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  await writeFile(auditKeyFile, auditKey.toString("hex"), { mode: 0o600 });
  return {
    dir,
    paths,
    pki,
    redis,
    nats,
    clusterName: nats.name("kf"),
    auditKey,
    auditKeyFile,
    async [Symbol.asyncDispose]() {
      try {
        await redis[Symbol.asyncDispose]();
        // A test's own NATS server (stopped and restarted by the test, and thrown away with its
        // store afterwards) may not answer the stream cleanup; the shared one must.
        try {
          await nats[Symbol.asyncDispose]();
        } catch (err) {
          if (!options.natsUrl) throw err;
        }
      } finally {
        if (!process.env.KEYFRAG_KEEP_CLUSTER) await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
