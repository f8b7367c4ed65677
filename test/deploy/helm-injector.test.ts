/**
 * The Helm chart's secrets injector (deploy/helm/keyfrag/templates/injector.yaml), rendered
 * by the test renderer with the injector off and on, with and without cert-manager: the
 * objects validate against the Kubernetes schema (kubernetes-models), the webhook points at
 * the rendered Service with a CA that signed the served certificate, and the injector accepts
 * the environment the chart gives it. What only a cluster shows: services/injector/README.md.
 */
import { X509Certificate } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@keyfrag/injector";
import { DEFAULT_API_VERSIONS, renderManifests } from "@keyfrag/test-support";
import { MutatingWebhookConfiguration } from "kubernetes-models/admissionregistration.k8s.io/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { Service } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";

const CHART = join(import.meta.dirname, "..", "..", "deploy", "helm", "keyfrag");
const VALUES = join(CHART, "ci", "single-region-values.yaml");
const NS = "keyfrag-test";
const NAME = "kf-keyfrag-injector";

// biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked field by field.
type Doc = Record<string, any>;

async function render(values: Record<string, unknown>, certManager: boolean): Promise<Doc[]> {
  const rendered = await renderManifests(CHART, {
    valuesFiles: [VALUES],
    values,
    releaseName: "kf",
    namespace: NS,
    revision: 1,
    apiVersions: certManager
      ? [...DEFAULT_API_VERSIONS, "cert-manager.io/v1"]
      : DEFAULT_API_VERSIONS,
  });
  return rendered.map((r) => r.doc as Doc);
}
const find = (docs: Doc[], kind: string, name: string) =>
  docs.find((d) => d.kind === kind && d.metadata?.name === name);

describe("the Helm chart's injector", () => {
  it("renders nothing of the injector unless enabled", async () => {
    const docs = await render({}, true);
    expect(docs.filter((d) => d.kind === "MutatingWebhookConfiguration")).toEqual([]);
    expect(
      docs.filter((d) => d.metadata?.labels?.["app.kubernetes.io/component"] === "injector"),
    ).toEqual([]);
  });

  for (const certManager of [false, true]) {
    it(`renders a valid webhook, Deployment and Service (cert-manager ${certManager ? "installed" : "absent"})`, async () => {
      const docs = await render({ injector: { enabled: true } }, certManager);
      const names = docs.map((d) => `${d.kind}/${d.metadata?.namespace ?? ""}/${d.metadata?.name}`);
      expect(new Set(names).size).toBe(names.length);

      const hook = find(docs, "MutatingWebhookConfiguration", `${NS}-${NAME}`) as Doc;
      new MutatingWebhookConfiguration(hook as never).validate();
      const deployment = find(docs, "Deployment", NAME) as Doc;
      new Deployment(deployment as never).validate();
      const service = find(docs, "Service", NAME) as Doc;
      new Service(service as never).validate();

      const [webhook] = hook.webhooks;
      expect(webhook).toMatchObject({
        admissionReviewVersions: ["v1"],
        sideEffects: "None",
        failurePolicy: "Fail",
        clientConfig: { service: { name: NAME, namespace: NS, path: "/mutate", port: 443 } },
        rules: [
          { operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] },
        ],
      });
      // Its own namespace and the system ones are never sent to it; only annotated pods are.
      expect(webhook.namespaceSelector.matchExpressions[0]).toMatchObject({
        key: "kubernetes.io/metadata.name",
        operator: "NotIn",
      });
      expect(webhook.namespaceSelector.matchExpressions[0].values).toEqual(
        expect.arrayContaining([NS, "kube-system", "kube-public"]),
      );
      expect(webhook.matchConditions[0].expression).toContain("'keyfrag.io/inject'");

      // The Service reaches the container's https port; the pod mounts no token and only the
      // CA's certificate, never its key.
      const pod = deployment.spec.template.spec;
      const container = pod.containers[0];
      expect(service.spec.ports[0]).toMatchObject({ port: 443, targetPort: "https" });
      expect(container.ports[0]).toMatchObject({ name: "https", containerPort: 8443 });
      expect(service.spec.selector).toEqual(
        Object.fromEntries(
          Object.entries(deployment.spec.template.metadata.labels).filter(([k]) =>
            Object.keys(service.spec.selector).includes(k),
          ),
        ),
      );
      expect(pod.automountServiceAccountToken).toBe(false);
      const ca = pod.volumes.find((v: Doc) => v.name === "ca");
      expect(ca.secret.items).toEqual([{ key: "tls.crt", path: "ca.pem" }]);
      const tlsSecret = pod.volumes.find((v: Doc) => v.name === "tls").secret.secretName;
      expect(
        docs.some(
          (d) =>
            d.kind === "PodDisruptionBudget" &&
            d.spec.selector.matchLabels["app.kubernetes.io/component"] === "injector",
        ),
      ).toBe(true);

      if (certManager) {
        // cert-manager issues the certificate from the webhook's own self-signed CA (never
        // from the cluster CA: that would hand node identities to whoever may create
        // Certificates here) and fills caBundle.
        const cert = find(docs, "Certificate", NAME) as Doc;
        expect(cert.spec.secretName).toBe(tlsSecret);
        expect(cert.spec.dnsNames).toContain(`${NAME}.${NS}.svc`);
        expect(cert.spec.usages).toEqual(["server auth", "digital signature"]);
        const issuer = find(docs, "Issuer", cert.spec.issuerRef.name) as Doc;
        const caCert = docs.find(
          (d) => d.kind === "Certificate" && d.spec.secretName === issuer.spec.ca.secretName,
        ) as Doc;
        expect(caCert.spec.isCA).toBe(true);
        expect(find(docs, "Issuer", caCert.spec.issuerRef.name)?.spec.selfSigned).toEqual({});
        for (const d of docs.filter((x) => x.kind === "Issuer")) {
          expect(d.spec.ca?.secretName, d.metadata.name).not.toBe("kf-keyfrag-ca");
        }
        expect(hook.metadata.annotations["cert-manager.io/inject-ca-from"]).toBe(`${NS}/${NAME}`);
        expect(webhook.clientConfig.caBundle).toBeUndefined();
      } else {
        // The chart's CA signed the served certificate, for the name the API server dials.
        const secret = find(docs, "Secret", tlsSecret) as Doc;
        const b64 = (k: string) => Buffer.from(secret.data[k], "base64");
        expect(webhook.clientConfig.caBundle).toBe(secret.data["ca.crt"]);
        const caCert = new X509Certificate(b64("ca.crt"));
        const served = new X509Certificate(b64("tls.crt"));
        expect(served.verify(caCert.publicKey)).toBe(true);
        expect(served.checkHost(`${NAME}.${NS}.svc`)).toBe(`${NAME}.${NS}.svc`);
      }

      // The injector accepts the environment the chart gives it.
      const dir = await mkdtemp(join(tmpdir(), "kf-helm-injector-"));
      try {
        const caSecret = find(docs, "Secret", "kf-keyfrag-ca");
        const caPem = caSecret
          ? Buffer.from(caSecret.data["tls.crt"], "base64").toString()
          : "-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n";
        await writeFile(join(dir, "ca.pem"), caPem);
        const env: Record<string, string> = {};
        for (const e of container.env as Doc[]) {
          env[e.name] = e.valueFrom?.fieldRef ? NS : e.value;
        }
        env.KF_AGENT_CA_FILE = join(dir, "ca.pem");
        const config = loadConfig(env);
        expect(config.settings.gateway).toBe(`kf-keyfrag-gateway.${NS}.svc.cluster.local:50051`);
        expect(config.settings.excludedNamespaces).toContain(NS);
        expect(config.settings.tokenAudience).toBe("keyfrag");
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  it("takes failurePolicy and matchConditions from values", async () => {
    const docs = await render(
      { injector: { enabled: true, failurePolicy: "Ignore", matchConditions: false } },
      false,
    );
    const [webhook] = (find(docs, "MutatingWebhookConfiguration", `${NS}-${NAME}`) as Doc).webhooks;
    expect(webhook.failurePolicy).toBe("Ignore");
    expect(webhook.matchConditions).toBeUndefined();
  });
});
