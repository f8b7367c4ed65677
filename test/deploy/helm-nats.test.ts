/**
 * The Helm chart's NATS users: one per service, with the same subject permissions as the
 * compose cluster's NATS server (libs/local-cluster/src/nats-auth.ts), each service's pod
 * mounting only its own password.
 */
import { join } from "node:path";
import { natsPermissions, natsUsersConf, type ServiceName } from "@keyfrag/local-cluster";
import { DEFAULT_API_VERSIONS, renderManifests } from "@keyfrag/test-support";
import { beforeAll, describe, expect, it } from "vitest";

const CHART = join(import.meta.dirname, "..", "..", "deploy", "helm", "keyfrag");

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec: {
        containers: { env?: { name: string; value?: string }[] }[];
        volumes?: { name: string; secret?: { secretName: string; items?: { key: string }[] } }[];
      };
    };
  };
}

describe("the Helm chart's NATS users", () => {
  let docs: Manifest[];
  beforeAll(async () => {
    const rendered = await renderManifests(CHART, {
      valuesFiles: [join(CHART, "ci", "single-region-values.yaml")],
      values: {},
      releaseName: "kf",
      namespace: "keyfrag-test",
      revision: 1,
      apiVersions: DEFAULT_API_VERSIONS,
    });
    docs = rendered.map((r) => r.doc as unknown as Manifest);
  });

  it("gives the NATS server the same users and permissions as the compose cluster's", () => {
    const secret = docs.find(
      (d) => d.kind === "Secret" && d.metadata.name === "kf-keyfrag-nats-auth",
    );
    const data = secret?.data ?? {};
    const decoded = (k: string) => Buffer.from(data[k] ?? "", "base64").toString("utf8");
    const cluster = docs
      .flatMap((d) => d.spec?.template?.spec.containers[0]?.env ?? [])
      .find((e) => e.name === "KF_CLUSTER")?.value as string;
    const services = Object.keys(natsPermissions(cluster)) as ServiceName[];
    const passwords = Object.fromEntries(services.map((s) => [s, decoded(s)]));
    for (const p of Object.values(passwords)) expect(p).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(Object.values(passwords)).size).toBe(services.length);
    expect(decoded("users.conf")).toBe(natsUsersConf(cluster, passwords));
  });

  it("mounts in each service's pod only that service's password", () => {
    const pods = docs.filter((d) => ["Deployment", "StatefulSet"].includes(d.kind));
    expect(pods.length).toBeGreaterThan(5);
    for (const pod of pods) {
      const component = pod.spec?.template?.metadata?.labels?.["app.kubernetes.io/component"];
      const nats = pod.spec?.template?.spec.volumes?.find((v) => v.name === "nats");
      expect(
        nats?.secret?.items?.map((i) => i.key),
        pod.metadata.name,
      ).toEqual([component]);
    }
  });
});
