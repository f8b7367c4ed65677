/**
 * `pki --home DIR --topology compose [--distribute OUT]`: the docker-compose cluster's one-shot
 * state step (the dev CA, every process's certificate for its compose host name, identity, node
 * and audit keys), made by the same `ensureLocalState` as `pnpm start`, so it is idempotent: a
 * restart makes only what is missing and fragments on the volumes stay readable. With
 * `--distribute`, each process's own files are then copied to `OUT/<process>` (a volume only
 * that process mounts): the full state, with the CA key, stays with this step alone.
 *
 * `pki-ca --out-dir DIR`: only a CA, for operators who bring the cluster CA to Kubernetes as
 * a Secret of their own and let `issue-cert` init containers certify each pod.
 */
import { existsSync } from "node:fs";
import { chmod, chown, copyFile, lchown, mkdir, readdir, stat } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import {
  composeHostsOf,
  composeTopology,
  ensureLocalState,
  localPaths,
  type ProcessSpec,
  processState,
} from "@keyfrag/local-cluster";
import { createDevCa } from "@keyfrag/rpc";
import { parseOptions, required, UsageError } from "./args.js";

/** The image's non-root runtime user (deploy/Dockerfile). */
export const RUNTIME_UID = 10001;
export const RUNTIME_GID = 10001;

/** The topologies `pki` knows, by `--topology` name. */
export const TOPOLOGIES: Record<
  string,
  { specs: () => ProcessSpec[]; hostsOf: (name: string) => string[] }
> = {
  compose: { specs: composeTopology, hostsOf: composeHostsOf },
};

export interface ClusterStateOptions {
  home: string;
  specs: readonly ProcessSpec[];
  /** The host names a process's certificate is for (loopback is added for probes). */
  hostsOf: (name: string) => string[];
  /** Who must own the files when this runs as root (default: the runtime user). */
  owner?: { uid: number; gid: number };
}

/**
 * Makes whatever of the cluster's state folder is missing; returns what it made. The files
 * end up owned by the runtime user: written by it when the image runs as that user (the
 * default), handed over to it when an operator ran this step as root.
 */
export async function ensureClusterState(o: ClusterStateOptions): Promise<string[]> {
  const hostsOf = (name: string) => [...new Set([...o.hostsOf(name), "localhost", "127.0.0.1"])];
  const made = await ensureLocalState(o.home, o.specs, hostsOf);
  if (process.getuid?.() === 0) {
    const owner = o.owner ?? { uid: RUNTIME_UID, gid: RUNTIME_GID };
    await chownTree(o.home, owner.uid, owner.gid);
  }
  return made;
}

/**
 * Copies to `<outDir>/<process>/` exactly what each process reads of the state folder, at the
 * same paths relative to it, so a container that mounts only its own copy where the state
 * folder was finds every file its environment names, and nothing of another process's (nor
 * the CA key). Rewritten on every run, so a renewed certificate or a changed slot-peers file
 * reaches the process on its next start. Returns the processes served.
 */
export async function distributeClusterState(o: {
  home: string;
  specs: readonly ProcessSpec[];
  outDir: string;
  owner?: { uid: number; gid: number };
}): Promise<string[]> {
  const served: string[] = [];
  for (const spec of o.specs) {
    const target = join(o.outDir, spec.name);
    const { files, dirs } = processState(o.home, spec);
    for (const dir of dirs) await mkdir(join(target, relative(o.home, dir)), { recursive: true });
    for (const file of files) {
      const to = join(target, relative(o.home, file));
      await mkdir(dirname(to), { recursive: true, mode: 0o700 });
      await copyFile(file, to);
      await chmod(to, (await stat(file)).mode & 0o777);
    }
    if (process.getuid?.() === 0) {
      const owner = o.owner ?? { uid: RUNTIME_UID, gid: RUNTIME_GID };
      await chownTree(target, owner.uid, owner.gid);
    }
    served.push(spec.name);
  }
  return served;
}

async function chownTree(root: string, uid: number, gid: number): Promise<void> {
  await chown(root, uid, gid);
  for (const entry of await readdir(root, { recursive: true })) {
    await lchown(join(root, entry), uid, gid);
  }
}

/** `pki …`: makes the topology's state and says what it made. */
export async function pkiCommand(
  argv: readonly string[],
  stdout: NodeJS.WritableStream,
): Promise<number> {
  const v = parseOptions(argv, {
    home: { type: "string" },
    topology: { type: "string" },
    owner: { type: "string" },
    distribute: { type: "string" },
  });
  const home = required(v.home, "home");
  const name = required(v.topology, "topology");
  const topology = TOPOLOGIES[name];
  if (!topology) {
    throw new UsageError(`--topology ${name} is not one of ${Object.keys(TOPOLOGIES).join(", ")}`);
  }
  let owner: ClusterStateOptions["owner"];
  if (v.owner !== undefined) {
    const match = /^(\d+):(\d+)$/.exec(v.owner);
    if (!match) throw new UsageError("--owner must be UID:GID");
    owner = { uid: Number(match[1]), gid: Number(match[2]) };
  }
  const specs = topology.specs();
  // Certificates made anywhere else would be made where no process of the topology looks.
  const ca = localPaths(home).ca;
  const elsewhere = specs.find((s) => s.env.KF_TLS_CA !== undefined && s.env.KF_TLS_CA !== ca);
  if (elsewhere) {
    throw new UsageError(
      `the ${name} topology's processes read their CA at ${elsewhere.env.KF_TLS_CA}, not ${ca}: give the --home they use`,
    );
  }
  const made = await ensureClusterState({
    home,
    specs,
    hostsOf: topology.hostsOf,
    ...(owner ? { owner } : {}),
  });
  stdout.write(
    made.length > 0
      ? `made ${made.length} new files under ${home}: ${made.join(", ")}\n`
      : `the state under ${home} is complete; nothing to make\n`,
  );
  if (v.distribute !== undefined) {
    const served = await distributeClusterState({
      home,
      specs,
      outDir: v.distribute,
      ...(owner ? { owner } : {}),
    });
    stdout.write(
      `copied each process's own files to ${v.distribute}/<process>: ${served.join(", ")}\n`,
    );
    // The NATS server's users (one per service, with its subjects): for the nats container.
    const users = localPaths(home).natsUsers;
    if (existsSync(users)) {
      await mkdir(join(v.distribute, "nats"), { recursive: true });
      await copyFile(users, join(v.distribute, "nats", "users.conf"));
      // Whatever user the NATS image runs as reads it; only pki and nats mount this volume.
      await chmod(join(v.distribute, "nats", "users.conf"), 0o644);
      stdout.write(`copied the NATS users to ${v.distribute}/nats/users.conf\n`);
    }
  }
  return 0;
}

/** `pki-ca --out-dir DIR`: a new cluster CA; refuses to replace one unless `--force`. */
export async function pkiCaCommand(
  argv: readonly string[],
  stdout: NodeJS.WritableStream,
): Promise<number> {
  const v = parseOptions(argv, { "out-dir": { type: "string" }, force: { type: "boolean" } });
  const dir = required(v["out-dir"], "out-dir");
  const caFile = join(dir, "ca.pem");
  // Replacing a CA silently would cut every node certified by the old one off the cluster.
  if (existsSync(caFile) && !v.force) {
    throw new Error(`${caFile} exists; give --force to replace that CA`);
  }
  const files = await createDevCa(dir, { commonName: "keyfrag cluster CA" });
  stdout.write(
    `made a cluster CA: ${files.certFile} and ${files.keyFile} (keep the key secret)\n` +
      "Bring it to Kubernetes as a Secret, e.g.\n" +
      `  kubectl create secret generic keyfrag-ca --from-file=ca.pem=${files.certFile} --from-file=ca-key.pem=${files.keyFile}\n`,
  );
  return 0;
}
