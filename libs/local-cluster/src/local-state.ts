/**
 * The local cluster's state folder: a dev CA, each process's certificate (a fragment manager's
 * certifies its slot and X25519 identity key), identity and node keys, and the audit key. Made
 * once; later starts reuse it, so fragments on disk stay readable.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { generateIdentityKeyPair, identityPublicKey } from "@keyfrag/crypto";
import { createDevCa, issueCertificate, slotIdentityUris } from "@keyfrag/rpc";
import { natsUsersConf } from "./nats-auth.js";
import { localPaths, type ProcessSpec, type ServiceName } from "./topology.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

async function writeSecret(path: string, value: string): Promise<void> {
  await writeFile(path, value, { mode: 0o600, flag: "wx" });
}

/**
 * Creates whatever of the state folder is missing; returns the names of what it made.
 * `hostsOf` names the hosts a process's certificate is for (default: localhost, 127.0.0.1), as
 * others dial it — its service name in docker-compose, for instance.
 */
export async function ensureLocalState(
  home: string,
  specs: readonly ProcessSpec[],
  hostsOf?: (name: string) => string[],
) {
  const paths = localPaths(home);
  const made: string[] = [];
  await mkdir(paths.pki, { recursive: true, mode: 0o700 });
  await mkdir(paths.logs, { recursive: true });
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  if (!existsSync(paths.ca)) {
    await createDevCa(paths.pki);
    made.push("dev CA");
  }
  if (!existsSync(paths.auditKey)) {
    await writeSecret(paths.auditKey, hex(randomBytes(32)));
    made.push("audit key");
  }
  // A gateway's customer fragment is a fragment node like the others, with a certificate of its own.
  const certified = specs.flatMap((spec) => [
    { name: spec.name, role: spec.role, slot: spec.slot },
    ...(spec.customer
      ? [{ name: spec.customer.name, role: "fragment-manager" as const, slot: spec.customer.slot }]
      : []),
  ]);
  for (const spec of certified) {
    if (existsSync(paths.cert(spec.name))) continue;
    let uris: string[] | undefined;
    if (spec.slot !== undefined) {
      // A new certificate certifies a new identity key; the two are made together.
      const identity = generateIdentityKeyPair();
      await writeFile(paths.identityKey(spec.name), hex(identity.privateKey), { mode: 0o600 });
      if (!existsSync(paths.nodeKey(spec.name))) {
        await writeSecret(paths.nodeKey(spec.name), hex(randomBytes(32)));
      }
      await mkdir(paths.data(spec.name), { recursive: true, mode: 0o700 });
      uris = slotIdentityUris(spec.slot, identity.publicKey);
    }
    await issueCertificate({
      caDir: paths.pki,
      dir: paths.pki,
      name: spec.name,
      role: spec.role,
      ...(uris ? { uris } : {}),
      ...(hostsOf ? { hosts: hostsOf(spec.name) } : {}),
    });
    made.push(`certificate ${spec.name}`);
  }
  made.push(...(await ensureNatsUsers(home, specs)));
  // Each slot's replicas pin one another's identity keys (KF_SLOT_PEERS_FILE): the CA certifies
  // a slot and a key, but only a key listed here is ever sent that slot's fragments. Rewritten
  // from the identity keys on every run, so a replaced replica's new key replaces its old one.
  const slots = new Map<number, string[]>();
  for (const spec of certified) {
    if (spec.slot === undefined) continue;
    slots.set(spec.slot, [...(slots.get(spec.slot) ?? []), spec.name]);
  }
  for (const [slot, names] of slots) {
    const lines = [
      `# identity keys of the replicas of slot ${slot}: its fragments go only to these`,
    ];
    for (const name of names) {
      const privateKey = Buffer.from(
        (await readFile(paths.identityKey(name), "utf8")).trim(),
        "hex",
      );
      lines.push(`${hex(identityPublicKey(privateKey))} ${name}`);
      privateKey.fill(0);
    }
    const text = `${lines.join("\n")}\n`;
    const file = paths.slotPeers(slot);
    const before = existsSync(file) ? await readFile(file, "utf8") : undefined;
    if (before === text) continue;
    await writeFile(file, text, { mode: 0o644 });
    made.push(`slot ${slot} peers`);
  }
  return made;
}

/**
 * One NATS user per service, each with a password file of its own, and the NATS server's list of
 * them with their permissions (`nats/users.conf`); returns what it made. Part of
 * `ensureLocalState`, and run on its own before `pnpm start` starts a private nats-server, which
 * loads that list.
 */
export async function ensureNatsUsers(
  home: string,
  specs: readonly ProcessSpec[],
): Promise<string[]> {
  const paths = localPaths(home);
  const made: string[] = [];
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  const passwords: Partial<Record<ServiceName, string>> = {};
  for (const service of new Set(specs.map((s) => s.service))) {
    const file = paths.natsPassword(service);
    if (!existsSync(file)) {
      await writeSecret(file, hex(randomBytes(24)));
      made.push(`NATS password of ${service}`);
    }
    passwords[service] = (await readFile(file, "utf8")).trim();
  }
  const cluster = specs.find((s) => s.env.KF_CLUSTER)?.env.KF_CLUSTER;
  if (cluster) {
    await mkdir(dirname(paths.natsUsers), { recursive: true, mode: 0o700 });
    const users = natsUsersConf(cluster, passwords);
    const before = existsSync(paths.natsUsers) ? await readFile(paths.natsUsers, "utf8") : "";
    if (before !== users) {
      await writeFile(paths.natsUsers, users, { mode: 0o600 });
      made.push("NATS users");
    }
  }
  return made;
}

/**
 * What of the state folder process `spec` reads: every file its environment names under
 * `home` (certificate, TLS key, identity and node keys, slot peers, audit key…), and the
 * folders its own volumes are mounted on (a fragment node's data). The CA key is never among
 * them: no process reads it. The bootstrap credentials are written by auth into its own copy.
 */
export function processState(home: string, spec: ProcessSpec): { files: string[]; dirs: string[] } {
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const [name, value] of Object.entries(spec.env)) {
    if (!value.startsWith(`${home}/`) || name === "KF_BOOTSTRAP_CREDENTIALS_FILE") continue;
    if (name.endsWith("_DIR")) dirs.add(dirname(value));
    else files.add(value);
  }
  return { files: [...files].sort(), dirs: [...dirs].sort() };
}
