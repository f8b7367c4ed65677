/**
 * `issue-secrets`: the Helm chart's PKI Job, the only pod that mounts the cluster CA's key.
 * For every node of the release (a plan the chart renders), it keeps or makes the node's
 * identity and node keys and issues its certificate into a Secret of that node's own, which
 * only that node's pod mounts; then it writes each slot's pinned replica keys (the identity
 * public keys, nothing secret) to a ConfigMap. Run on every install and upgrade: certificates
 * are re-issued (fresh validity), keys — and so the fragments they protect — stay.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type NodeRole, parseNodeRole } from "@keyfrag/rpc";
import { parseOptions, required, UsageError } from "./args.js";
import { issueNodeCertificate } from "./issue-cert.js";

/** One node Secret of the plan. */
export interface SecretPlanEntry {
  /** The Secret's name. */
  secret: string;
  /** Node id: the certificate's CN is `role:name`. */
  name: string;
  role: NodeRole;
  /** DNS names the node is dialled at (loopback is added). */
  hosts: string[];
  /** A fragment manager: the slot its certificate certifies with its identity key. */
  slot?: number;
  /** A gateway's customer fragment, a fragment node of its own in the same Secret. */
  customer?: { name: string; slot: number; hosts: string[] };
}

/** What the chart asks the Job to make. */
export interface SecretPlan {
  /** Labels on every Secret and ConfigMap made. */
  labels: Record<string, string>;
  /** The ConfigMap of `slot-<n>.peers` files. */
  peersConfigMap: string;
  secrets: SecretPlanEntry[];
}

/** The few Kubernetes API calls the Job makes. */
export interface KubeApi {
  /** The Secret's data, or undefined when there is none (any other failure throws). */
  getSecret(name: string): Promise<Record<string, Uint8Array> | undefined>;
  /** Creates or replaces a Secret. */
  putSecret(
    name: string,
    data: Record<string, Uint8Array>,
    labels: Record<string, string>,
  ): Promise<void>;
  /** Creates or replaces a ConfigMap. */
  putConfigMap(
    name: string,
    data: Record<string, string>,
    labels: Record<string, string>,
  ): Promise<void>;
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Checks a plan read from the chart's ConfigMap; a mistake names the entry. */
export function parseSecretPlan(text: string): SecretPlan {
  const raw = JSON.parse(text) as Partial<SecretPlan>;
  if (!raw || typeof raw.peersConfigMap !== "string" || !NAME.test(raw.peersConfigMap))
    throw new Error("the plan names no valid peersConfigMap");
  if (!Array.isArray(raw.secrets) || raw.secrets.length === 0)
    throw new Error("the plan lists no secrets");
  for (const [i, e] of raw.secrets.entries()) {
    const where = `plan entry ${i}`;
    if (typeof e.secret !== "string" || !NAME.test(e.secret) || e.secret.length > 253)
      throw new Error(`${where}: secret is not a valid name`);
    if (typeof e.name !== "string" || e.name === "") throw new Error(`${where}: name is missing`);
    if (!parseNodeRole(String(e.role)))
      throw new Error(`${where}: role ${e.role} is not a node role`);
    if (!Array.isArray(e.hosts)) throw new Error(`${where}: hosts must be a list`);
    for (const slot of [e.slot, e.customer?.slot]) {
      if (slot !== undefined && !(Number.isInteger(slot) && slot >= 1 && slot <= 255))
        throw new Error(`${where}: slot must be a number from 1 to 255`);
    }
    if (e.slot !== undefined && e.role !== "fragment-manager")
      throw new Error(`${where}: only a fragment-manager certifies a slot`);
  }
  return { labels: raw.labels ?? {}, peersConfigMap: raw.peersConfigMap, secrets: raw.secrets };
}

/**
 * Makes every Secret of the plan and the slot-peers ConfigMap; returns the slots' peers files.
 * A node's existing identity and node keys are kept; a failure to read a Secret stops the run
 * (a key is never replaced because its Secret could not be read).
 */
export async function issueSecrets(
  plan: SecretPlan,
  ca: { certFile: string; keyFile: string },
  api: KubeApi,
): Promise<Record<string, string>> {
  const peers = new Map<number, string[]>();
  const work = await mkdtemp(join(tmpdir(), "kf-issue-secrets-"));
  try {
    for (const [i, entry] of plan.secrets.entries()) {
      const existing = (await api.getSecret(entry.secret)) ?? {};
      const dir = join(work, String(i));
      const data: Record<string, Uint8Array> = {};
      const node = async (
        prefix: "" | "customer-",
        name: string,
        role: NodeRole,
        hosts: string[],
        slot: number | undefined,
      ) => {
        const out = join(dir, prefix || "node");
        const keyNames = { identity: `${prefix}identity.key`, node: `${prefix}node.key` };
        let fragment: { slot: number; identityKeyFile: string; nodeKeyFile: string } | undefined;
        if (slot !== undefined) {
          fragment = {
            slot,
            identityKeyFile: join(out, "keys", "identity.key"),
            nodeKeyFile: join(out, "keys", "node.key"),
          };
          await writeKept(fragment.identityKeyFile, existing[keyNames.identity]);
          await writeKept(fragment.nodeKeyFile, existing[keyNames.node]);
        }
        const issued = await issueNodeCertificate({
          caCert: ca.certFile,
          caKey: ca.keyFile,
          outDir: out,
          role,
          name,
          hosts,
          ...(fragment ? { fragment } : {}),
        });
        const tls = prefix === "" ? "tls" : "customer";
        data[`${tls}.pem`] = await readFile(issued.certFile);
        data[`${tls}-key.pem`] = await readFile(issued.keyFile);
        if (fragment && slot !== undefined && issued.identityPublicKey) {
          data[keyNames.identity] = await readFile(fragment.identityKeyFile);
          data[keyNames.node] = await readFile(fragment.nodeKeyFile);
          peers.set(slot, [...(peers.get(slot) ?? []), `${issued.identityPublicKey} ${name}`]);
        }
      };
      data["ca.pem"] = await readFile(ca.certFile);
      await node("", entry.name, entry.role, entry.hosts, entry.slot);
      if (entry.customer) {
        const c = entry.customer;
        await node("customer-", c.name, "fragment-manager", c.hosts, c.slot);
      }
      await api.putSecret(entry.secret, data, plan.labels);
      for (const v of Object.values(data)) v.fill(0);
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const files: Record<string, string> = {};
  for (const [slot, lines] of [...peers].sort((a, b) => a[0] - b[0])) {
    files[`slot-${slot}.peers`] =
      `# identity keys of the replicas of slot ${slot}: its fragments go only to these\n${lines.join("\n")}\n`;
  }
  await api.putConfigMap(plan.peersConfigMap, files, plan.labels);
  return files;
}

async function writeKept(path: string, value: Uint8Array | undefined): Promise<void> {
  if (value === undefined) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, value, { mode: 0o600 });
}

/** The in-cluster API of the Job's own namespace, with its service account's token. */
export async function inClusterKubeApi(namespace: string): Promise<KubeApi> {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT ?? "443";
  if (!host) throw new Error("KUBERNETES_SERVICE_HOST is not set: run this in a Kubernetes pod");
  const account = "/var/run/secrets/kubernetes.io/serviceaccount";
  const token = (await readFile(join(account, "token"), "utf8")).trim();
  const ca = await readFile(join(account, "ca.crt"));
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}`;

  const call = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(
        {
          host,
          port,
          path,
          method,
          ca,
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(payload
              ? { "content-type": "application/json", "content-length": payload.length }
              : {}),
          },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            let json: Record<string, unknown> = {};
            try {
              json = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
            } catch {
              // not JSON: the status says enough
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on("error", reject);
      req.end(payload);
    });
  const failed = (what: string, r: { status: number; json: Record<string, unknown> }) =>
    new Error(`${what}: HTTP ${r.status} ${String(r.json.message ?? "").slice(0, 200)}`);

  /** PUT (replace), or POST (create) when there is none yet. */
  const put = async (kind: "secrets" | "configmaps", name: string, object: unknown) => {
    const replaced = await call("PUT", `${base}/${kind}/${encodeURIComponent(name)}`, object);
    if (replaced.status === 200 || replaced.status === 201) return;
    if (replaced.status !== 404) throw failed(`replacing ${kind}/${name}`, replaced);
    const created = await call("POST", `${base}/${kind}`, object);
    if (created.status !== 201 && created.status !== 200)
      throw failed(`creating ${kind}/${name}`, created);
  };

  return {
    async getSecret(name) {
      const r = await call("GET", `${base}/secrets/${encodeURIComponent(name)}`);
      if (r.status === 404) return undefined;
      if (r.status !== 200) throw failed(`reading secrets/${name}`, r);
      const data = (r.json.data ?? {}) as Record<string, string>;
      return Object.fromEntries(
        Object.entries(data).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, "base64"))]),
      );
    },
    async putSecret(name, data, labels) {
      await put("secrets", name, {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name, labels },
        type: "Opaque",
        data: Object.fromEntries(
          Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
        ),
      });
    },
    async putConfigMap(name, data, labels) {
      await put("configmaps", name, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name, labels },
        data,
      });
    },
  };
}

/** `issue-secrets …`: reads the plan, makes the Secrets, says what it made (names only). */
export async function issueSecretsCommand(
  argv: readonly string[],
  stdout: NodeJS.WritableStream,
): Promise<number> {
  const v = parseOptions(argv, {
    plan: { type: "string" },
    "ca-cert": { type: "string" },
    "ca-key": { type: "string" },
    namespace: { type: "string" },
  });
  let plan: SecretPlan;
  try {
    plan = parseSecretPlan(await readFile(required(v.plan, "plan"), "utf8"));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new Error(`the plan ${v.plan}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const api = await inClusterKubeApi(required(v.namespace, "namespace"));
  const peers = await issueSecrets(
    plan,
    { certFile: required(v["ca-cert"], "ca-cert"), keyFile: required(v["ca-key"], "ca-key") },
    api,
  );
  stdout.write(
    `issued ${plan.secrets.map((s) => s.secret).join(", ")}; pinned the replicas of ${Object.keys(peers).length} slot(s) in ${plan.peersConfigMap}\n`,
  );
  return 0;
}
