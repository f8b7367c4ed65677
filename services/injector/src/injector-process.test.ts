import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { parseAgentConfig } from "@keyfrag/agent";
import fastJsonPatch, { type Operation } from "fast-json-patch";
import { Pod } from "kubernetes-models/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const MAIN = resolve(import.meta.dirname, "../dist/main.js");

/** A Pod as the API server sends it to webhooks: made by a ReplicaSet, after ServiceAccount admission. */
function apiServerPod(annotations: Record<string, string>) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: "api-7f9c-",
      namespace: "payments",
      labels: { app: "api", "pod-template-hash": "7f9c" },
      annotations,
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: "api-7f9c",
          uid: "5c1f0e9a-2f34-4d2e-9a55-3b1b7f0f2a11",
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      serviceAccountName: "api",
      securityContext: { runAsNonRoot: true, fsGroup: 2000 },
      initContainers: [
        {
          name: "migrate",
          image: "registry.example/api:1.4",
          command: ["/app/migrate"],
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
          imagePullPolicy: "IfNotPresent",
          volumeMounts: [
            {
              name: "kube-api-access-x7k2p",
              readOnly: true,
              mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
            },
          ],
        },
      ],
      containers: [
        {
          name: "api",
          image: "registry.example/api:1.4",
          command: ["/app/server"],
          args: ["--port", "8080"],
          ports: [{ containerPort: 8080, protocol: "TCP" }],
          env: [{ name: "LOG_LEVEL", value: "info" }],
          securityContext: { runAsUser: 1000, allowPrivilegeEscalation: false },
          resources: { requests: { cpu: "100m", memory: "128Mi" } },
          volumeMounts: [
            { name: "config", mountPath: "/etc/api" },
            {
              name: "kube-api-access-x7k2p",
              readOnly: true,
              mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
            },
          ],
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
          imagePullPolicy: "IfNotPresent",
        },
        {
          name: "metrics",
          image: "registry.example/exporter:2",
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
          imagePullPolicy: "IfNotPresent",
        },
      ],
      volumes: [
        { name: "config", configMap: { name: "api-config", defaultMode: 420 } },
        {
          name: "kube-api-access-x7k2p",
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
              {
                configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] },
              },
              {
                downwardAPI: {
                  items: [
                    {
                      path: "namespace",
                      fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" },
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      schedulerName: "default-scheduler",
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
      priority: 0,
      tolerations: [
        {
          key: "node.kubernetes.io/not-ready",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
      ],
    },
    status: {},
  };
}

function admissionReview(object: unknown, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "admission.k8s.io/v1",
    kind: "AdmissionReview",
    request: {
      uid: "705ab4f5-6393-11e8-b7cc-42010a800002",
      kind: { group: "", version: "v1", kind: "Pod" },
      resource: { group: "", version: "v1", resource: "pods" },
      requestKind: { group: "", version: "v1", kind: "Pod" },
      requestResource: { group: "", version: "v1", resource: "pods" },
      namespace: "payments",
      operation: "CREATE",
      userInfo: {
        username: "system:serviceaccount:kube-system:replicaset-controller",
        uid: "c8b5e7f2-1d2a-4f3e-8a9b-0c1d2e3f4a5b",
        groups: [
          "system:serviceaccounts",
          "system:serviceaccounts:kube-system",
          "system:authenticated",
        ],
      },
      object,
      oldObject: null,
      dryRun: false,
      options: { kind: "CreateOptions", apiVersion: "meta.k8s.io/v1" },
      ...extra,
    },
  };
}

const INJECT = {
  "keyfrag.io/inject": "true",
  "keyfrag.io/access-id": "p-k8s123",
  "keyfrag.io/secret-db.env": "dynamic:/prod/pg-reader",
  "keyfrag.io/template-db.env": "DB_USER={{username}}\nDB_PASSWORD={{password}}\n",
  "keyfrag.io/secret-app.conf": "secret:/prod/app-config",
  "keyfrag.io/mode-app.conf": "0440",
  "keyfrag.io/sidecar": "true",
};

interface Review {
  response: {
    uid: string;
    allowed: boolean;
    patchType?: string;
    patch?: string;
    status?: { code: number; message: string };
  };
}

// The webhook as a real HTTPS process, fed AdmissionReviews in the API server's shape.
describe("injector webhook process", () => {
  let dir: string;
  let proc: ChildProcess;
  let port: number;
  let ca: Buffer;

  const post = (body: string | object, path = "/mutate", method = "POST") =>
    new Promise<{ status: number; json: unknown }>((res, rej) => {
      const data = typeof body === "string" ? body : JSON.stringify(body);
      const r = request(
        {
          host: "127.0.0.1",
          port,
          path,
          method,
          ca,
          headers: { "content-type": "application/json" },
        },
        (resp) => {
          let text = "";
          resp.on("data", (d: Buffer) => {
            text += d.toString();
          });
          resp.on("end", () =>
            res({ status: resp.statusCode ?? 0, json: JSON.parse(text) as unknown }),
          );
        },
      );
      r.on("error", rej);
      r.end(method === "GET" ? undefined : data);
    });
  const reviewOf = async (pod: unknown, extra?: Record<string, unknown>) => {
    const res = await post(admissionReview(pod, extra));
    expect(res.status).toBe(200);
    return (res.json as Review).response;
  };
  const patched = (pod: object, response: Review["response"]) => {
    const ops = JSON.parse(Buffer.from(response.patch ?? "", "base64").toString()) as Operation[];
    // validateOperation: every op must apply to the document as it is at that step.
    return fastJsonPatch.applyPatch(structuredClone(pod), ops, true, false).newDocument;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-injector-"));
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      join(dir, "tls.key"),
      "-out",
      join(dir, "tls.crt"),
      "-days",
      "1",
      "-subj",
      "/CN=keyfrag-injector",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ]);
    ca = await import("node:fs/promises").then((fs) => fs.readFile(join(dir, "tls.crt")));
    proc = spawn(process.execPath, [MAIN], {
      env: {
        KF_LISTEN: "127.0.0.1:0",
        KF_TLS_CERT: join(dir, "tls.crt"),
        KF_TLS_KEY: join(dir, "tls.key"),
        KF_AGENT_IMAGE: "keyfrag:0.1.0",
        KF_AGENT_GATEWAY: "keyfrag-gateway.keyfrag.svc:50051",
        KF_AGENT_CA_FILE: join(dir, "tls.crt"),
        KF_POD_NAMESPACE: "keyfrag",
        KF_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    port = await new Promise<number>((res, rej) => {
      proc.stdout?.once("data", (d: Buffer) =>
        res((JSON.parse(d.toString()) as { port: number }).port),
      );
      proc.once("exit", (code) => rej(new Error(`injector exited ${code}`)));
    });
  });

  afterAll(async () => {
    proc?.kill("SIGTERM");
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("injects an init container, a sidecar and an in-memory volume; the patch applies and the pod validates", async () => {
    const pod = apiServerPod(INJECT);
    const response = await reviewOf(pod);
    expect(response).toMatchObject({
      uid: "705ab4f5-6393-11e8-b7cc-42010a800002",
      allowed: true,
      patchType: "JSONPatch",
    });
    const out = patched(pod, response) as ReturnType<typeof apiServerPod> & {
      spec: Record<string, never>;
    };
    new Pod(out as never).validate();

    const spec = out.spec as unknown as {
      initContainers: {
        name: string;
        command: string[];
        env: { name: string; value: string }[];
        securityContext: object;
      }[];
      containers: {
        name: string;
        volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
      }[];
      volumes: { name: string; emptyDir?: object; projected?: { sources: object[] } }[];
    };
    expect(spec.initContainers.map((c) => c.name)).toEqual(["keyfrag-agent-init", "migrate"]);
    expect(spec.containers.map((c) => c.name)).toEqual(["api", "metrics", "keyfrag-agent"]);
    const init = spec.initContainers[0];
    expect(init?.command).toEqual(["/usr/bin/tini", "--", "keyfrag", "agent", "--init"]);
    // The agent writes as the app's user, so the default 0400 files are readable by it.
    expect(init?.securityContext).toMatchObject({
      runAsUser: 1000,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
    });
    const config = parseAgentConfig(
      init?.env.find((e) => e.name === "KEYFRAG_AGENT_CONFIG")?.value ?? "",
      "env",
    );
    expect(config.gateway).toBe("keyfrag-gateway.keyfrag.svc:50051");
    // The CA inline: a pod cannot mount the injector's namespace's Secret.
    expect(config.caPem).toBe(ca.toString());
    expect(config.auth).toEqual({
      method: "kubernetes",
      accessId: "p-k8s123",
      tokenFile: "/var/run/secrets/keyfrag.io/serviceaccount/token",
    });
    expect(config.files.map((f) => [f.path, f.source, f.mode])).toEqual([
      ["/keyfrag/secrets/app.conf", { secret: "/prod/app-config" }, 0o440],
      ["/keyfrag/secrets/db.env", { dynamic: "/prod/pg-reader" }, 0o400],
    ]);
    expect(spec.volumes.find((v) => v.name === "keyfrag-secrets")?.emptyDir).toMatchObject({
      medium: "Memory",
    });
    expect(spec.volumes.find((v) => v.name === "keyfrag-token")?.projected?.sources).toEqual([
      { serviceAccountToken: { audience: "keyfrag", expirationSeconds: 3600, path: "token" } },
    ]);
    for (const name of ["api", "metrics"]) {
      expect(spec.containers.find((c) => c.name === name)?.volumeMounts).toContainEqual({
        name: "keyfrag-secrets",
        mountPath: "/keyfrag/secrets",
        readOnly: true,
      });
    }
    expect(out.metadata.annotations["keyfrag.io/status"]).toBe("injected");
    // What the app had is untouched.
    expect(out.spec.volumes.slice(0, 2)).toEqual(pod.spec.volumes);

    // Idempotent: the same pod again (a re-invocation) is left as it is.
    const again = await reviewOf(out);
    expect(again).toEqual({ uid: "705ab4f5-6393-11e8-b7cc-42010a800002", allowed: true });
  });

  it("wraps the command of exec containers in `keyfrag agent exec`, keeping their args", async () => {
    const pod = apiServerPod({
      "keyfrag.io/inject": "true",
      "keyfrag.io/access-id": "p-k8s123",
      "keyfrag.io/exec-containers": "api",
      "keyfrag.io/env-DB_PASSWORD": "dynamic:/prod/pg-reader#password",
    });
    const out = patched(pod, await reviewOf(pod)) as {
      spec: {
        containers: {
          name: string;
          command?: string[];
          args?: string[];
          env?: { name: string; value?: string }[];
        }[];
        initContainers: { name: string; command: string[] }[];
      };
    };
    new Pod(out as never).validate();
    const api = out.spec.containers.find((c) => c.name === "api");
    expect(api?.command).toEqual([
      "/keyfrag/bin/node",
      "/keyfrag/bin/app/libs/cli/dist/main.js",
      "agent",
      "exec",
      "--",
      "/app/server",
    ]);
    expect(api?.args).toEqual(["--port", "8080"]);
    const config = parseAgentConfig(
      api?.env?.find((e) => e.name === "KEYFRAG_AGENT_CONFIG")?.value ?? "",
      "env",
    );
    expect(config.env).toEqual([
      { name: "DB_PASSWORD", source: { dynamic: "/prod/pg-reader" }, template: "{{password}}" },
    ]);
    expect(api?.env?.[0]).toEqual({ name: "LOG_LEVEL", value: "info" });
    expect(out.spec.containers.find((c) => c.name === "metrics")?.command).toBeUndefined();
    expect(out.spec.initContainers[0]?.command.join(" ")).toContain("cp -a /app /keyfrag/bin/app");
  });

  it("logs in with an access key from a Secret when the pod names that method", async () => {
    const pod = apiServerPod({
      "keyfrag.io/inject": "true",
      "keyfrag.io/access-id": "p-ak1",
      "keyfrag.io/auth-method": "access-key",
      "keyfrag.io/access-key-secret": "api-keyfrag-key",
      "keyfrag.io/secret-app.conf": "secret:/prod/app-config",
    });
    const out = patched(pod, await reviewOf(pod)) as {
      spec: {
        initContainers: {
          env: { name: string; value: string }[];
          volumeMounts: { name: string; mountPath: string }[];
        }[];
        volumes: { name: string; secret?: { secretName: string } }[];
      };
    };
    new Pod(out as never).validate();
    const init = out.spec.initContainers[0];
    const config = parseAgentConfig(init?.env[0]?.value ?? "", "env");
    expect(config.auth).toEqual({
      method: "access-key",
      accessId: "p-ak1",
      accessKeyFile: "/keyfrag/auth/access-key",
    });
    expect(init?.volumeMounts).toContainEqual({
      name: "keyfrag-access-key",
      mountPath: "/keyfrag/auth",
      readOnly: true,
    });
    expect(out.spec.volumes.find((v) => v.name === "keyfrag-access-key")?.secret?.secretName).toBe(
      "api-keyfrag-key",
    );
    expect(out.spec.volumes.some((v) => v.name === "keyfrag-token")).toBe(false);
  });

  it("refuses malformed annotations with an admission error naming them", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ "keyfrag.io/access-id": "" }, /keyfrag.io\/access-id: required/],
      [
        { "keyfrag.io/secret-db.env": "postgres:/x" },
        /keyfrag.io\/secret-db.env: expected secret:\/path/,
      ],
      [
        { "keyfrag.io/secrets-db.env": "dynamic:/x" },
        /keyfrag.io\/secrets-db.env: unknown keyfrag.io annotation/,
      ],
      [{ "keyfrag.io/mode-db.env": "0999" }, /files.*mode/],
      [{ "keyfrag.io/template-db.env": "{{#if}}" }, /template/],
      [{ "keyfrag.io/sidecar": "yes" }, /keyfrag.io\/sidecar: expected "true" or "false"/],
      [{ "keyfrag.io/template-other": "x" }, /keyfrag.io\/secret-other: required/],
      [
        { "keyfrag.io/exec-containers": "metrics", "keyfrag.io/env-X": "secret:/a" },
        /container metrics declares no command/,
      ],
      [
        { "keyfrag.io/exec-containers": "nope", "keyfrag.io/env-X": "secret:/a" },
        /no container named nope/,
      ],
    ];
    for (const [change, message] of cases) {
      const response = await reviewOf(apiServerPod({ ...INJECT, ...change }));
      expect(response.allowed, JSON.stringify(change)).toBe(false);
      expect(response.status?.code).toBe(400);
      expect(response.status?.message).toMatch(message);
    }
  });

  it("leaves pods alone that did not ask, that live in excluded namespaces, and anything but a Pod CREATE", async () => {
    const plain = await reviewOf(apiServerPod({}));
    expect(plain).toEqual({ uid: expect.any(String), allowed: true });
    const own = apiServerPod(INJECT);
    own.metadata.namespace = "keyfrag";
    expect((await reviewOf(own, { namespace: "keyfrag" })).patch).toBeUndefined();
    expect(
      (await reviewOf(apiServerPod(INJECT), { namespace: "kube-system" })).patch,
    ).toBeUndefined();
    expect((await reviewOf(apiServerPod(INJECT), { operation: "UPDATE" })).patch).toBeUndefined();
    const deployment = await reviewOf(
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { annotations: INJECT } },
      { kind: { group: "apps", version: "v1", kind: "Deployment" } },
    );
    expect(deployment).toEqual({ uid: expect.any(String), allowed: true });
  });

  it("answers bad requests with a JSON 4xx and keeps serving", async () => {
    expect(await post("{not json")).toEqual({ status: 400, json: { error: "body is not JSON" } });
    expect(
      await post({ apiVersion: "admission.k8s.io/v1beta1", kind: "AdmissionReview", request: {} }),
    ).toEqual({
      status: 400,
      json: { error: "expected an admission.k8s.io/v1 AdmissionReview" },
    });
    expect(
      await post({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", request: {} }),
    ).toMatchObject({
      status: 400,
    });
    expect((await post("", "/mutate", "GET")).status).toBe(405);
    expect((await post("x".repeat(5 * 1024 * 1024))).status).toBe(413);
    expect(await post("", "/healthz", "GET")).toEqual({ status: 200, json: { status: "ok" } });
  });
});
