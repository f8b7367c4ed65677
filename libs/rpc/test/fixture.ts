import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createDevCa,
  issueCertificate,
  loadTlsFiles,
  type NodeRole,
  type TlsMaterial,
} from "../src/index.js";

/** A throwaway cluster PKI in a temp dir: a CA, and certificates issued on demand. */
export interface TestPki extends AsyncDisposable {
  readonly dir: string;
  readonly caDir: string;
  /** Issues `<role>:<nodeId>` from this CA and loads it. */
  node(role: NodeRole, nodeId: string, hosts?: readonly string[]): Promise<TlsMaterial>;
}

export async function createTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), "keyfrag-rpc-"));
  const caDir = join(dir, "ca");
  const ca = await createDevCa(caDir);
  return {
    dir,
    caDir,
    async node(role, nodeId, hosts) {
      const files = await issueCertificate({
        caDir,
        dir: join(dir, "nodes"),
        name: `${role}-${nodeId}`,
        role,
        nodeId,
        ...(hosts ? { hosts } : {}),
      });
      return loadTlsFiles({ caFile: ca.certFile, ...files });
    },
    async [Symbol.asyncDispose]() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
