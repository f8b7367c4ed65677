/**
 * The Helm chart (deploy/helm/keyfrag), rendered without a cluster by the test renderer for
 * every ci/*-values.yaml, with and without cert-manager: the objects are well-formed, every
 * object a pod refers to is rendered (or named in values as external), fragment managers land
 * in distinct zones as configured, NetworkPolicies fence them, and each service's container
 * has exactly the environment variable names `pnpm start` gives that service.
 * What only `helm install` on a real cluster shows is listed in the chart's README.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { localTopology, type ServiceName } from "@keyfrag/local-cluster";
import { DEFAULT_API_VERSIONS, renderManifests } from "@keyfrag/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

const CHART = join(import.meta.dirname, "..", "..", "deploy", "helm", "keyfrag");
const CI_FILES = readdirSync(join(CHART, "ci"))
  .filter((f) => f.endsWith("-values.yaml"))
  .sort();
const RELEASE = "kf";
const NAMESPACE = "keyfrag-test";
const REVISION = 7;
/** The cluster's API versions: Helm's defaults, plus cert-manager's where it is "installed". */
const CERT_MANAGER_APIS = [...DEFAULT_API_VERSIONS, "cert-manager.io/v1"];

type Labels = Record<string, string>;
interface Selector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
}
interface Container {
  name: string;
  args?: string[];
  env?: EnvVar[];
  envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: Labels; limits?: Labels };
  livenessProbe?: { exec?: { command?: string[] } };
  readinessProbe?: { exec?: { command?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Volume {
  name: string;
  secret?: { secretName: string; items?: { key: string; path: string }[] };
  configMap?: { name: string };
  persistentVolumeClaim?: { claimName: string };
  projected?: { sources: { secret?: { name: string }; configMap?: { name: string } }[] };
}
interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface PodSpec {
  serviceAccountName?: string;
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
    };
  };
}
interface NetworkPolicyPeer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string };
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    serviceName?: string;
    selector?: Selector;
    podSelector?: Selector;
    secretName?: string;
    isCA?: boolean;
    privateKey?: { algorithm?: string; encoding?: string };
    ports?: { name?: string; port: number }[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: { port: number | string }[] }[];
    template?: { metadata?: { labels?: Labels }; spec: PodSpec };
    volumeClaimTemplates?: { metadata: { name: string } }[];
  };
}
/** A pod template of a Deployment, StatefulSet or Job. */
interface Workload {
  object: Manifest;
  labels: Labels;
  pod: PodSpec;
}

interface Placement {
  region: string;
  zone: string;
}
interface CiValues {
  fragmentManagers: { slots: number; placements: Placement[] };
  gateway?: { customerFragment?: { enabled?: boolean } };
}

interface Variant {
  name: string;
  valuesFile: string;
  /** Values set over the file. */
  set: Record<string, unknown>;
  values: CiValues;
  certManager: boolean;
  customerFragment: boolean;
  /** Secrets the values name as existing (Redis/NATS URLs, CA): not rendered, by design. */
  externalSecrets: string[];
}

/** Values the variants set on top of a ci file (as `--set-json` would). */
const CUSTOMER_OFF = { gateway: { customerFragment: { enabled: false } } };
const EXISTING_SECRETS = {
  redis: { url: "", existingSecret: "kf-redis-url" },
  nats: { url: "", existingSecret: "kf-nats-url" },
  tls: { existingCaSecret: "kf-cluster-ca" },
  auditKey: { existingSecret: "kf-audit-key" },
};

/**
 * For each ci file: cert-manager absent (the chart generates the CA) and installed, no customer
 * fragment, and existing Secrets for Redis, NATS, the CA and the audit key.
 */
const VARIANTS: Variant[] = CI_FILES.flatMap((file) => {
  const path = join(CHART, "ci", file);
  const values = parseYaml(readFileSync(path, "utf8")) as CiValues;
  const shape = file.replace(/-values\.yaml$/, "");
  const customer = values.gateway?.customerFragment?.enabled ?? true;
  const base = { values, valuesFile: path, customerFragment: customer, certManager: false };
  return [
    { ...base, name: `${shape}, cert-manager absent`, set: {}, externalSecrets: [] },
    {
      ...base,
      name: `${shape}, cert-manager installed`,
      set: {},
      certManager: true,
      externalSecrets: [],
    },
    {
      ...base,
      name: `${shape}, no customer fragment`,
      set: CUSTOMER_OFF,
      certManager: true,
      customerFragment: false,
      externalSecrets: [],
    },
    {
      ...base,
      name: `${shape}, existing Secrets`,
      set: EXISTING_SECRETS,
      externalSecrets: ["kf-redis-url", "kf-nats-url", "kf-cluster-ca", "kf-audit-key"],
    },
  ];
});

async function render(v: Variant): Promise<Manifest[]> {
  const rendered = await renderManifests(CHART, {
    valuesFiles: [v.valuesFile],
    values: v.set,
    releaseName: RELEASE,
    namespace: NAMESPACE,
    revision: REVISION,
    apiVersions: v.certManager ? CERT_MANAGER_APIS : DEFAULT_API_VERSIONS,
  });
  return rendered.map((r) => r.doc as unknown as Manifest);
}

function workloads(docs: Manifest[]): Workload[] {
  return docs
    .filter((d) => ["Deployment", "StatefulSet", "Job"].includes(d.kind))
    .map((object) => {
      const template = object.spec?.template;
      if (!template) throw new Error(`${object.kind} ${object.metadata.name} has no pod template`);
      return { object, labels: template.metadata?.labels ?? {}, pod: template.spec };
    });
}

/** The keyfrag service a workload runs: its main container's first argument. */
function serviceOf(w: Workload): string | undefined {
  return w.pod.containers[0]?.args?.[0];
}

function matches(selector: Selector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const value = labels[e.key];
    const inValues = value !== undefined && (e.values ?? []).includes(value);
    if (e.operator === "In" && !inValues) return false;
    if (e.operator === "NotIn" && inValues) return false;
    if (e.operator === "Exists" && value === undefined) return false;
    if (e.operator === "DoesNotExist" && value !== undefined) return false;
  }
  return true;
}

/** What the PKI Job is to make: the plan the chart renders into its ConfigMap. */
function pkiPlan(docs: Manifest[]): {
  peersConfigMap: string;
  secrets: { secret: string; name: string; role: string; slot?: number }[];
} {
  const map = docs.find(
    (d) => d.kind === "ConfigMap" && d.metadata.name === `${RELEASE}-keyfrag-pki-plan`,
  );
  return JSON.parse(map?.data?.["plan.json"] ?? "{}");
}

const envOf = (c: Container | undefined) => new Map((c?.env ?? []).map((e) => [e.name, e]));
const named = (docs: Manifest[], kind: string) =>
  new Set(docs.filter((d) => d.kind === kind).map((d) => d.metadata.name));

/** The env variable names `pnpm start` gives each service (the first process of it). */
function localEnvNames(): Map<ServiceName, string[]> {
  const specs = localTopology({
    home: "/keyfrag",
    redisUrl: "redis://127.0.0.1:6379",
    natsUrl: "nats://127.0.0.1:4222",
    cluster: "keyfrag",
    gatewayPort: 50051,
    host: "127.0.0.1",
  });
  const names = new Map<ServiceName, string[]>();
  for (const spec of specs) {
    if (!names.has(spec.service)) names.set(spec.service, Object.keys(spec.env).sort());
  }
  return names;
}

describe("the Helm chart", () => {
  it("has ci values for a single-region and a multi-region shape", () => {
    expect(CI_FILES).toEqual(["multi-region-values.yaml", "single-region-values.yaml"]);
  });

  it("refuses to render without Redis and NATS, naming the value to set", async () => {
    await expect(
      renderManifests(CHART, {
        releaseName: RELEASE,
        namespace: NAMESPACE,
        revision: 1,
        apiVersions: CERT_MANAGER_APIS,
      }),
    ).rejects.toThrow(/redis\.url|nats\.url/);
  });

  describe.each(VARIANTS)("rendered: $name", (v) => {
    let docs: Manifest[];
    let pods: Workload[];

    beforeAll(async () => {
      docs = await render(v);
      pods = workloads(docs);
    });

    it("renders objects that each have apiVersion, kind and a unique metadata.name", () => {
      expect(docs.length).toBeGreaterThan(20);
      const seen = new Set<string>();
      for (const d of docs) {
        expect(typeof d.apiVersion, JSON.stringify(d).slice(0, 200)).toBe("string");
        expect(typeof d.kind).toBe("string");
        expect(d.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
        expect(d.metadata.name.length).toBeLessThanOrEqual(63);
        const key = `${d.kind}/${d.metadata.name}`;
        expect(seen.has(key), `${key} rendered twice`).toBe(false);
        seen.add(key);
      }
    });

    it("renders every Secret, ConfigMap, PVC, Service and ServiceAccount a pod refers to", () => {
      const secrets = named(docs, "Secret");
      // cert-manager writes the CA Secret its Certificate names.
      for (const d of docs.filter((x) => x.kind === "Certificate")) {
        if (d.spec?.secretName) secrets.add(d.spec.secretName);
      }
      for (const s of v.externalSecrets) secrets.add(s);
      const configMaps = named(docs, "ConfigMap");
      // The PKI Job writes each node's Secret and the slot-peers ConfigMap its plan names.
      const plan = pkiPlan(docs);
      for (const entry of plan.secrets) secrets.add(entry.secret);
      configMaps.add(plan.peersConfigMap);
      const services = named(docs, "Service");
      const accounts = named(docs, "ServiceAccount");
      const claims = named(docs, "PersistentVolumeClaim");
      // A StatefulSet's claims: <template>-<statefulset>-<ordinal>.
      for (const d of docs.filter((x) => x.kind === "StatefulSet")) {
        for (const t of d.spec?.volumeClaimTemplates ?? []) {
          for (let i = 0; i < (d.spec?.replicas ?? 1); i++) {
            claims.add(`${t.metadata.name}-${d.metadata.name}-${i}`);
          }
        }
      }
      for (const { object, pod } of pods) {
        const where = `${object.kind} ${object.metadata.name}`;
        expect(accounts, where).toContain(pod.serviceAccountName);
        if (object.kind === "StatefulSet")
          expect(services, where).toContain(object.spec?.serviceName);
        for (const vol of pod.volumes ?? []) {
          if (vol.secret) expect(secrets, where).toContain(vol.secret.secretName);
          if (vol.configMap) expect(configMaps, where).toContain(vol.configMap.name);
          if (vol.persistentVolumeClaim)
            expect(claims, where).toContain(vol.persistentVolumeClaim.claimName);
          for (const source of vol.projected?.sources ?? []) {
            if (source.secret) expect(secrets, where).toContain(source.secret.name);
            if (source.configMap) expect(configMaps, where).toContain(source.configMap.name);
          }
        }
        for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
          const mounts = new Set((pod.volumes ?? []).map((x) => x.name));
          const templates = new Set(
            (object.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata.name),
          );
          for (const m of c.volumeMounts ?? []) {
            expect(mounts.has(m.name) || templates.has(m.name), `${where} mount ${m.name}`).toBe(
              true,
            );
          }
          for (const e of c.env ?? []) {
            const s = e.valueFrom?.secretKeyRef;
            if (s) expect(secrets, `${where} ${e.name}`).toContain(s.name);
            const m = e.valueFrom?.configMapKeyRef;
            if (m) expect(configMaps, `${where} ${e.name}`).toContain(m.name);
          }
          for (const f of c.envFrom ?? []) {
            if (f.secretRef) expect(secrets, where).toContain(f.secretRef.name);
            if (f.configMapRef) expect(configMaps, where).toContain(f.configMapRef.name);
          }
        }
      }
    });

    it("points every address a service is given at a rendered Service and port", () => {
      const services = new Map(
        docs.filter((d) => d.kind === "Service").map((d) => [d.metadata.name, d]),
      );
      const suffix = `.${NAMESPACE}.svc.cluster.local`;
      let checked = 0;
      for (const { object, pod } of pods) {
        for (const e of pod.containers[0]?.env ?? []) {
          if (!/(_ADDRESS|_ADDRESSES|ADVERTISE)$/.test(e.name)) continue;
          for (const address of (e.value ?? "").split(",")) {
            const where = `${object.metadata.name} ${e.name}=${address}`;
            const [host = "", port = ""] = address.split(":");
            expect(host.endsWith(suffix), where).toBe(true);
            // <service>.<ns>.svc… or <pod>.<governing service>.<ns>.svc…
            const service = host.slice(0, -suffix.length).split(".").at(-1) ?? "";
            const ports = services.get(service)?.spec?.ports?.map((p) => p.port) ?? [];
            expect(ports, where).toContain(Number(port));
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(10);
    });

    it("places each slot's fragment managers in distinct zones, as configured", () => {
      const { slots, placements } = v.values.fragmentManagers;
      const fms = pods.filter((w) => serviceOf(w) === "fragment-manager");
      expect(fms).toHaveLength(slots * placements.length);
      const regionsSeen = new Set<string>();
      for (let slot = 1; slot <= slots; slot++) {
        const replicas = fms.filter((w) => w.labels["keyfrag.io/slot"] === String(slot));
        const places = replicas.map((w) => {
          const terms =
            w.pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
              ?.nodeSelectorTerms ?? [];
          expect(terms, w.object.metadata.name).toHaveLength(1);
          const exprs = terms[0]?.matchExpressions ?? [];
          const pinned = (key: string) => {
            const e = exprs.find((x) => x.key === key);
            expect(e?.operator).toBe("In");
            expect(e?.values).toHaveLength(1);
            return e?.values?.[0] ?? "";
          };
          const place = {
            region: pinned("topology.kubernetes.io/region"),
            zone: pinned("topology.kubernetes.io/zone"),
          };
          // The node it is pinned to is the place it reports.
          const env = envOf(w.pod.containers[0]);
          expect(env.get("KF_REGION")?.value).toBe(place.region);
          expect(env.get("KF_ZONE")?.value).toBe(place.zone);
          expect(env.get("KF_SLOT")?.value).toBe(String(slot));
          regionsSeen.add(place.region);
          return place;
        });
        // Every configured placement, primary first, and never two replicas in one zone.
        expect(places).toEqual(placements.map((p) => ({ region: p.region, zone: p.zone })));
        expect(new Set(places.map((p) => `${p.region}/${p.zone}`)).size).toBe(places.length);
      }
      const configuredRegions = new Set(placements.map((p) => p.region));
      expect(regionsSeen).toEqual(configuredRegions);
      if (v.name.startsWith("multi-region")) expect(regionsSeen.size).toBeGreaterThanOrEqual(2);
      // Each with a volume of its own.
      for (const w of fms) expect(w.object.spec?.volumeClaimTemplates).toHaveLength(1);
    });

    it("lets only the gateway, coordinators and same-slot fragment managers reach a fragment manager", () => {
      const policies = docs.filter((d) => d.kind === "NetworkPolicy");
      const fms = pods.filter((w) => serviceOf(w) === "fragment-manager");
      for (const fm of fms) {
        const slot = fm.labels["keyfrag.io/slot"];
        const selecting = policies.filter((p) => matches(p.spec?.podSelector, fm.labels));
        expect(selecting.length, `${fm.object.metadata.name} is selected`).toBeGreaterThan(0);
        const allowed = new Set<string>();
        for (const p of selecting) {
          for (const rule of p.spec?.ingress ?? []) {
            // A rule without peers, or with an IP block or namespace selector, admits others.
            expect(rule.from?.length, p.metadata.name).toBeGreaterThan(0);
            for (const peer of rule.from ?? []) {
              expect(peer.ipBlock).toBeUndefined();
              expect(peer.namespaceSelector).toBeUndefined();
              for (const w of pods) {
                if (!matches(peer.podSelector, w.labels)) continue;
                const service = serviceOf(w) ?? "";
                const who =
                  service === "fragment-manager"
                    ? `fm-slot-${w.labels["keyfrag.io/slot"]}`
                    : service;
                allowed.add(who);
              }
            }
          }
        }
        expect([...allowed].sort()).toEqual(["coordinator", `fm-slot-${slot}`, "gateway"]);
      }
    });

    it("lets only this release's gateways reach the customer fragment's port: never the coordinators", () => {
      const policy = docs.find(
        (d) => d.kind === "NetworkPolicy" && d.metadata.name === `${RELEASE}-keyfrag-gateway`,
      );
      const rules = (policy?.spec?.ingress ?? []).filter((r) =>
        (r.ports ?? []).some((p) => p.port === "customer"),
      );
      expect(rules.length).toBe(v.customerFragment ? 1 : 0);
      for (const rule of rules) {
        const admitted = new Set<string>();
        for (const peer of rule.from ?? []) {
          expect(peer.ipBlock).toBeUndefined();
          for (const w of pods)
            if (matches(peer.podSelector, w.labels)) admitted.add(serviceOf(w) ?? "");
        }
        expect([...admitted]).toEqual(["gateway"]);
      }
    });

    it("probes every service with the image's mTLS healthcheck and sets resources everywhere", () => {
      for (const { object, pod } of pods) {
        for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
          const where = `${object.metadata.name}/${c.name}`;
          expect(Object.keys(c.resources?.requests ?? {}).sort(), where).toEqual(["cpu", "memory"]);
          expect(Object.keys(c.resources?.limits ?? {}).sort(), where).toEqual(["cpu", "memory"]);
        }
        if (object.kind === "Job") continue;
        const main = pod.containers[0];
        for (const probe of [main?.livenessProbe, main?.readinessProbe]) {
          expect(probe?.exec?.command, object.metadata.name).toEqual([
            "node",
            "/app/libs/container/dist/main.js",
            "healthcheck",
          ]);
        }
      }
    });

    it("mounts the CA key into the PKI Job alone; every other pod mounts only its own Secret", () => {
      const ca = v.externalSecrets.includes("kf-cluster-ca")
        ? "kf-cluster-ca"
        : `${RELEASE}-keyfrag-ca`;
      const plan = pkiPlan(docs);
      const nodeSecrets = new Set(plan.secrets.map((e) => e.secret));
      for (const { object, pod, labels } of pods) {
        const where = object.metadata.name;
        // A volume of the CA Secret that is not limited to its certificate holds the key.
        const keyVolumes = (pod.volumes ?? [])
          .filter((x) => x.secret?.secretName === ca)
          .filter((x) => !x.secret?.items || x.secret.items.some((i) => i.key !== "tls.crt"));
        const isPki = object.metadata.name === `${RELEASE}-keyfrag-pki-${REVISION}`;
        expect(keyVolumes.length, where).toBe(isPki ? 1 : 0);
        expect(pod.initContainers ?? [], where).toEqual([]);
        if (object.kind === "Job") continue;
        // The node Secrets it mounts: its own (a gateway replica's siblings', the same
        // customer's gateways, when they hold the customer fragment).
        const mounted = (pod.volumes ?? []).flatMap((x) => [
          ...(x.secret ? [x.secret.secretName] : []),
          ...(x.projected?.sources ?? []).flatMap((src) => (src.secret ? [src.secret.name] : [])),
        ]);
        const own = mounted.filter((n) => nodeSecrets.has(n));
        const node = labels["keyfrag.io/node"];
        const component = labels["app.kubernetes.io/component"];
        if (node) expect(own, where).toEqual([`${RELEASE}-keyfrag-${node}-tls`]);
        else if (component === "gateway" && v.customerFragment)
          expect(
            own.every((n) => /-gateway-\d+-tls$/.test(n)),
            where,
          ).toBe(true);
        else expect(own, where).toEqual([`${RELEASE}-keyfrag-${component}-tls`]);
      }
      // No Secret the Job makes holds another slot's or node's keys: one entry per node.
      expect(nodeSecrets.size).toBe(plan.secrets.length);
      const fms = plan.secrets.filter((e) => e.slot !== undefined);
      expect(fms).toHaveLength(
        v.values.fragmentManagers.slots * v.values.fragmentManagers.placements.length,
      );
    });

    it("pins each slot's replicas: fragment managers and customer gateways read their slot's peers", () => {
      const peersDir = "/etc/keyfrag/peers";
      for (const w of pods) {
        const env = envOf(w.pod.containers[0]);
        const slot = w.labels["keyfrag.io/slot"];
        if (serviceOf(w) === "fragment-manager") {
          expect(env.get("KF_SLOT_PEERS_FILE")?.value).toBe(`${peersDir}/slot-${slot}.peers`);
        }
        const peers = env.get("KF_SLOT_PEERS_FILE") ?? env.get("KF_CUSTOMER_SLOT_PEERS_FILE");
        if (!peers) continue;
        const volume = (w.pod.volumes ?? []).find((x) => x.name === "peers");
        expect(volume?.configMap?.name, w.object.metadata.name).toBe(pkiPlan(docs).peersConfigMap);
      }
    });

    it("runs a bootstrap Job named after the release revision", () => {
      const jobs = docs.filter((d) => d.kind === "Job");
      expect(jobs.map((j) => j.metadata.name).sort()).toEqual([
        `${RELEASE}-keyfrag-bootstrap-${REVISION}`,
        `${RELEASE}-keyfrag-pki-${REVISION}`,
      ]);
      const args = (name: string) =>
        jobs.find((j) => j.metadata.name.startsWith(`${RELEASE}-keyfrag-${name}-`))?.spec?.template
          ?.spec.containers[0]?.args?.[0];
      expect(args("bootstrap")).toBe("wait-bootstrap");
      expect(args("pki")).toBe("issue-secrets");
    });

    it("guards every replicated workload and every slot with a PodDisruptionBudget", () => {
      const budgets = docs.filter((d) => d.kind === "PodDisruptionBudget");
      for (const w of pods) {
        if (w.object.kind === "Job") continue;
        const replicated =
          (w.object.spec?.replicas ?? 1) > 1 || serviceOf(w) === "fragment-manager";
        if (!replicated) continue;
        expect(
          budgets.some((b) => matches(b.spec?.selector, w.labels)),
          w.object.metadata.name,
        ).toBe(true);
      }
      const stateless = pods.filter((w) => w.object.kind === "Deployment");
      expect(stateless.length).toBeGreaterThanOrEqual(4);
    });

    it("gives each service's container the environment variable names pnpm start gives it", () => {
      const local = localEnvNames();
      const byService = new Map<string, Workload[]>();
      for (const w of pods) {
        if (w.object.kind === "Job") continue;
        const service = serviceOf(w) ?? "";
        byService.set(service, [...(byService.get(service) ?? []), w]);
      }
      // The same services as the local cluster, no more.
      expect([...byService.keys()].sort()).toEqual([...local.keys()].sort());
      for (const [service, ws] of byService) {
        let expected = local.get(service as ServiceName) ?? [];
        // Without a customer fragment the gateway has none of its KF_CUSTOMER_* variables.
        if (service === "gateway" && !v.customerFragment)
          expected = expected.filter((n) => !n.startsWith("KF_CUSTOMER_"));
        for (const w of ws) {
          const names = (w.pod.containers[0]?.env ?? []).map((e) => e.name);
          expect(new Set(names).size, w.object.metadata.name).toBe(names.length);
          expect(names.sort(), `${w.object.metadata.name} (${service})`).toEqual(expected);
        }
      }
      const gateway = byService.get("gateway")?.[0];
      expect(gateway?.object.kind).toBe(v.customerFragment ? "StatefulSet" : "Deployment");
    });

    it("takes the cluster CA from cert-manager when installed, else generates an ECDSA P-256 CA", () => {
      const certificates = docs.filter((d) => d.kind === "Certificate");
      const caSecret = docs.find(
        (d) => d.kind === "Secret" && d.metadata.name === `${RELEASE}-keyfrag-ca`,
      );
      if (v.externalSecrets.includes("kf-cluster-ca")) {
        expect(certificates).toHaveLength(0);
        expect(caSecret).toBeUndefined();
        return;
      }
      if (v.certManager) {
        expect(caSecret).toBeUndefined();
        expect(certificates).toHaveLength(1);
        expect(certificates[0]?.spec).toMatchObject({
          isCA: true,
          secretName: `${RELEASE}-keyfrag-ca`,
          privateKey: { algorithm: "ECDSA", encoding: "PKCS8" },
        });
        return;
      }
      expect(certificates).toHaveLength(0);
      const data = caSecret?.data ?? {};
      const pem = (k: string) => Buffer.from(data[k] ?? "", "base64").toString("utf8");
      const cert = new X509Certificate(pem("tls.crt"));
      expect(cert.ca).toBe(true);
      const key = createPrivateKey(pem("tls.key"));
      expect(key.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
      expect(cert.checkPrivateKey(key)).toBe(true);
    });

    it("generates the audit key as 32 random bytes in hex, unless an existing Secret is named", () => {
      const secret = docs.find(
        (d) => d.kind === "Secret" && d.metadata.name === `${RELEASE}-keyfrag-audit-key`,
      );
      if (v.externalSecrets.includes("kf-audit-key")) {
        expect(secret).toBeUndefined();
        return;
      }
      const key = Buffer.from(secret?.data?.["audit.key"] ?? "", "base64").toString("utf8");
      expect(key).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});

// A gateway alone in another cluster, using a backend installed elsewhere: everything it does
// is an outgoing connection, and the release renders nothing of the backend.
describe("the Helm chart with remoteBackend (a gateway in another cluster)", () => {
  const CA = "-----BEGIN CERTIFICATE-----\nMIIBbackend\n-----END CERTIFICATE-----\n";
  const REMOTE = {
    remoteBackend: {
      enabled: true,
      authAddress: "auth.backend.example:50061",
      policyAddress: "policy.backend.example:50062",
      secretsAddress: "secrets.backend.example:50064",
      auditAddress: "audit.backend.example:50063",
      coordinatorAddresses: ["coord-0.backend.example:50070", "coord-1.backend.example:50070"],
      caCertificate: CA,
      natsPasswordSecret: "kf-gateway-nats",
    },
    redis: { url: "redis://redis.customer.example:6379" },
    nats: { url: "nats://nats.backend.example:4222" },
    auditKey: { existingSecret: "kf-audit-key" },
  };
  const renderRemote = async (values: Record<string, unknown>) =>
    (
      await renderManifests(CHART, {
        values,
        releaseName: RELEASE,
        namespace: NAMESPACE,
        revision: REVISION,
        apiVersions: CERT_MANAGER_APIS,
      })
    ).map((r) => r.doc as unknown as Manifest);
  let docs: Manifest[];
  let gateway: Workload;

  beforeAll(async () => {
    docs = await renderRemote(REMOTE);
    const all = workloads(docs);
    expect(all.map((w) => serviceOf(w))).toEqual(["gateway"]);
    gateway = all[0] as Workload;
  });

  it("renders the gateway alone: no backend service, no PKI Job, no CA (key or Certificate)", () => {
    const kinds = new Set(docs.map((d) => d.kind));
    expect(kinds.has("Job")).toBe(false);
    expect(kinds.has("Certificate")).toBe(false);
    expect(kinds.has("Issuer")).toBe(false);
    expect(docs.filter((d) => d.kind === "Secret").map((d) => d.metadata.name)).toEqual([]);
    expect(named(docs, "Service")).toEqual(
      new Set([`${RELEASE}-keyfrag-gateway`, `${RELEASE}-keyfrag-gateway-nodes`]),
    );
  });

  it("points the gateway at the backend's addresses, every coordinator, and the backend's CA", () => {
    const env = envOf(gateway.pod.containers[0]);
    expect(env.get("KF_AUTH_ADDRESS")?.value).toBe("auth.backend.example:50061");
    expect(env.get("KF_POLICY_ADDRESS")?.value).toBe("policy.backend.example:50062");
    expect(env.get("KF_SECRETS_ADDRESS")?.value).toBe("secrets.backend.example:50064");
    expect(env.get("KF_AUDIT_ADDRESS")?.value).toBe("audit.backend.example:50063");
    expect(env.get("KF_COORDINATOR_ADDRESSES")?.value).toBe(
      "coord-0.backend.example:50070,coord-1.backend.example:50070",
    );
    const ca = docs.find(
      (d) => d.kind === "ConfigMap" && d.metadata.name === `${RELEASE}-keyfrag-backend-ca`,
    );
    expect(ca?.data?.["ca.pem"]).toBe(CA);
    // Each replica's ca.pem is the backend's, not one from its Secret.
    const tls = gateway.pod.volumes?.find((v) => v.name === "tls");
    const sources = (tls?.projected?.sources ?? []) as {
      secret?: { name: string; items?: { key: string }[] };
      configMap?: { name: string };
    }[];
    for (const source of sources.filter((x) => x.secret)) {
      expect(source.secret?.items?.map((i) => i.key)).not.toContain("ca.pem");
    }
    expect(
      sources.filter((x) => x.configMap?.name === `${RELEASE}-keyfrag-backend-ca`).length,
    ).toBe(2);
  });

  it("opens no port of the gateway to the backend: no GatewayInternal, the customer port for sibling gateways only", () => {
    const env = envOf(gateway.pod.containers[0]);
    expect(env.has("KF_PRODUCERS_ADDRESS")).toBe(false);
    expect(env.has("KF_INTERNAL_LISTEN")).toBe(false);
    expect(named(docs, "Service").has(`${RELEASE}-keyfrag-gateway-internal`)).toBe(false);
    const policies = docs.filter((d) => d.kind === "NetworkPolicy");
    expect(policies.map((p) => p.metadata.name)).toEqual([`${RELEASE}-keyfrag-gateway`]);
    const customerRules = (policies[0]?.spec?.ingress ?? []).filter((r) =>
      (r.ports ?? []).some((p) => p.port === "customer"),
    );
    expect(customerRules.length).toBe(1);
    for (const peer of customerRules[0]?.from ?? []) {
      expect(matches(peer.podSelector, gateway.labels)).toBe(true);
      expect(peer.ipBlock).toBeUndefined();
    }
  });

  it("mounts the gateway's NATS password alone, from a Secret of one key: never the backend's users Secret", async () => {
    // Every Secret the gateway pod reads, with the keys it takes from it.
    const secretsRead = (w: Workload) =>
      (w.pod.volumes ?? []).flatMap((v) => [
        ...(v.secret
          ? [{ name: v.secret.secretName, keys: v.secret.items?.map((i) => i.key) }]
          : []),
        ...(v.projected?.sources ?? []).flatMap((x) => (x.secret ? [{ name: x.secret.name }] : [])),
      ]);
    const nats = gateway.pod.volumes?.find((v) => v.name === "nats");
    expect(nats?.secret?.secretName).toBe("kf-gateway-nats");
    expect(nats?.secret?.items?.map((i) => i.key)).toEqual(["gateway"]);
    const names = secretsRead(gateway).map((x) => x.name);
    expect(names).not.toContain(`${RELEASE}-keyfrag-nats-auth`);
    expect(names.filter((n) => /nats/.test(n))).toEqual(["kf-gateway-nats"]);
    // Naming the backend's users Secret is refused, with or without the gateway's own.
    const v = structuredClone(REMOTE) as Record<string, unknown> & typeof REMOTE;
    (v.nats as Record<string, unknown>).auth = { existingSecret: "kf-nats-users" };
    await expect(renderRemote(v)).rejects.toThrow(
      /remoteBackend takes remoteBackend\.natsPasswordSecret .* not nats\.auth\.existingSecret/,
    );
  });

  it("refuses to render without the backend's addresses, CA, audit key or the gateway's NATS password, naming the value", async () => {
    const without = (change: (v: typeof REMOTE) => void) => {
      const v = structuredClone(REMOTE);
      change(v);
      return renderRemote(v);
    };
    await expect(
      without((v) => {
        v.remoteBackend.coordinatorAddresses = [];
      }),
    ).rejects.toThrow(/remoteBackend\.coordinatorAddresses is required/);
    await expect(
      without((v) => {
        v.remoteBackend.caCertificate = "";
      }),
    ).rejects.toThrow(/remoteBackend\.caCertificate is required/);
    await expect(
      without((v) => {
        v.auditKey.existingSecret = "";
      }),
    ).rejects.toThrow(/remoteBackend needs auditKey\.existingSecret/);
    await expect(
      without((v) => {
        v.remoteBackend.natsPasswordSecret = "";
      }),
    ).rejects.toThrow(/remoteBackend needs remoteBackend\.natsPasswordSecret/);
  });
});

describe("the Helm chart of a backend that remote gateways use (networkPolicy.remoteGatewaysFrom)", () => {
  const REMOTE_PEER = { ipBlock: { cidr: "203.0.113.0/24" } };
  let docs: Manifest[];

  beforeAll(async () => {
    docs = (
      await renderManifests(CHART, {
        valuesFiles: [join(CHART, "ci", "single-region-values.yaml")],
        values: { networkPolicy: { remoteGatewaysFrom: [REMOTE_PEER] } },
        releaseName: RELEASE,
        namespace: NAMESPACE,
        revision: REVISION,
        apiVersions: DEFAULT_API_VERSIONS,
      })
    ).map((r) => r.doc as unknown as Manifest);
  });

  /** The services whose pods some NetworkPolicy lets the remote peer reach, and on which ports. */
  const reachedByRemote = () => {
    const policies = docs.filter((d) => d.kind === "NetworkPolicy");
    const reached = new Map<string, Set<string>>();
    for (const w of workloads(docs).filter((x) => x.object.kind !== "Job")) {
      const service = serviceOf(w) ?? "";
      for (const p of policies.filter((x) => matches(x.spec?.podSelector, w.labels))) {
        for (const rule of p.spec?.ingress ?? []) {
          const listed = (rule.from ?? []).some(
            (peer) => peer.ipBlock?.cidr === REMOTE_PEER.ipBlock.cidr,
          );
          if (!listed) continue;
          const ports = reached.get(service) ?? new Set<string>();
          for (const port of rule.ports ?? []) ports.add(String(port.port));
          reached.set(service, ports);
        }
      }
    }
    return reached;
  };

  it("admits remote gateways to what a gateway calls (coordinator, auth, policy, audit, secrets, fragment managers), never to producers", () => {
    const reached = reachedByRemote();
    expect([...reached.keys()].sort()).toEqual(
      ["audit", "auth", "coordinator", "fragment-manager", "policy", "secrets"].sort(),
    );
    for (const [service, ports] of reached) expect([...ports], service).toEqual(["grpc"]);
    // No NetworkPolicy that selects producers lists the remote peer.
    const producers = workloads(docs).filter((w) => serviceOf(w) === "producers");
    expect(producers.length).toBeGreaterThan(0);
    for (const p of docs.filter((d) => d.kind === "NetworkPolicy")) {
      if (!producers.some((w) => matches(p.spec?.podSelector, w.labels))) continue;
      for (const rule of p.spec?.ingress ?? []) {
        expect(rule.from ?? [], p.metadata.name).not.toContainEqual(REMOTE_PEER);
      }
    }
  });

  it("still lets this release's pods reach producers' gRPC port", () => {
    const producers = workloads(docs).find((w) => serviceOf(w) === "producers");
    const gateway = workloads(docs).find((w) => serviceOf(w) === "gateway");
    const admitted = docs
      .filter(
        (d) =>
          d.kind === "NetworkPolicy" && producers && matches(d.spec?.podSelector, producers.labels),
      )
      .flatMap((p) => p.spec?.ingress ?? [])
      .filter((r) => (r.ports ?? []).some((x) => x.port === "grpc"))
      .flatMap((r) => r.from ?? []);
    expect(admitted.some((peer) => gateway && matches(peer.podSelector, gateway.labels))).toBe(
      true,
    );
  });
});
