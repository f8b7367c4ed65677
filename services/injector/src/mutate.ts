/**
 * What injection does to a Pod: an in-memory volume for the files, an init container running
 * `keyfrag agent --init`, a sidecar when asked, and `keyfrag agent exec` around the command of
 * the containers that take their secrets as environment variables. Returned as a JSON Patch
 * against the Pod the API server sent (RFC 6902, computed by fast-json-patch).
 */
import { parseAgentConfig } from "@keyfrag/agent";
import fastJsonPatch, { type Operation } from "fast-json-patch";
import {
  AnnotationError,
  type InjectRequest,
  parseAnnotations,
  STATUS,
  wantsInjection,
} from "./annotations.js";

/** Where things are in an injected pod. */
export const SECRETS_DIR = "/keyfrag/secrets";
export const TOKEN_DIR = "/var/run/secrets/keyfrag.io/serviceaccount";
export const BIN_DIR = "/keyfrag/bin";
export const INIT_NAME = "keyfrag-agent-init";
export const SIDECAR_NAME = "keyfrag-agent";
const VOLUMES = {
  secrets: "keyfrag-secrets",
  token: "keyfrag-token",
  bin: "keyfrag-bin",
  accessKey: "keyfrag-access-key",
} as const;
const ACCESS_KEY_DIR = "/keyfrag/auth";

/** The injector's own settings (from its environment, set by the chart). */
export interface InjectorSettings {
  agentImage: string;
  /** The gateway agents talk to unless a pod names another. */
  gateway: string;
  /**
   * The CA of the gateway's certificate, PEM (none: the system roots). Put inline in the
   * agent's configuration: a pod cannot mount a ConfigMap or Secret of another namespace.
   */
  caPem?: string;
  /** The audience of the projected token the agent logs in with. */
  tokenAudience: string;
  /** Namespaces never injected into (the injector's own among them). */
  excludedNamespaces: string[];
  imagePullPolicy: "Always" | "IfNotPresent" | "Never";
}

export type Mutation =
  | { kind: "skip"; reason: string }
  | { kind: "patch"; patch: Operation[] }
  | { kind: "deny"; message: string };

// Loose shapes: the Pod is the API server's JSON and is passed on with every field it has.
interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
  securityContext?: { runAsUser?: number };
  [k: string]: unknown;
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string }[];
  securityContext?: { runAsUser?: number };
  [k: string]: unknown;
}
export interface Pod {
  metadata?: { annotations?: Record<string, string>; [k: string]: unknown };
  spec?: PodSpec;
  [k: string]: unknown;
}

/** Decides and computes the injection of one Pod created in `namespace`. */
export function mutatePod(pod: Pod, namespace: string, settings: InjectorSettings): Mutation {
  const annotations = pod.metadata?.annotations ?? {};
  if (!wantsInjection(annotations)) return { kind: "skip", reason: "not annotated" };
  if (settings.excludedNamespaces.includes(namespace)) {
    return { kind: "skip", reason: `namespace ${namespace} is excluded` };
  }
  const spec = pod.spec;
  if (!spec || !Array.isArray(spec.containers))
    return { kind: "deny", message: "pod has no spec.containers" };
  if (
    annotations[STATUS] === "injected" ||
    spec.initContainers?.some((c) => c.name === INIT_NAME)
  ) {
    return { kind: "skip", reason: "already injected" };
  }
  let req: InjectRequest;
  try {
    req = parseAnnotations(annotations);
    return { kind: "patch", patch: fastJsonPatch.compare(pod, injected(pod, spec, req, settings)) };
  } catch (err) {
    if (err instanceof AnnotationError) return { kind: "deny", message: err.message };
    throw err;
  }
}

function injected(pod: Pod, spec: PodSpec, req: InjectRequest, settings: InjectorSettings): Pod {
  const out = structuredClone(pod) as Pod & {
    spec: PodSpec;
    metadata: NonNullable<Pod["metadata"]>;
  };
  const used = new Set((spec.volumes ?? []).map((v) => v.name));
  for (const v of Object.values(VOLUMES)) {
    if (used.has(v)) throw new AnnotationError(`the pod already has a volume named ${v}`);
  }
  const exec = req.execContainers.length > 0;
  for (const name of req.execContainers) {
    const c = spec.containers.find((x) => x.name === name);
    if (!c) throw new AnnotationError(`keyfrag.io/exec-containers: no container named ${name}`);
    if (!c.command?.length) {
      throw new AnnotationError(
        `keyfrag.io/exec-containers: container ${name} declares no command; exec needs it (the image's entrypoint is not visible to the injector)`,
      );
    }
  }

  const tokenAudience = req.tokenAudience ?? settings.tokenAudience;
  const auth =
    req.authMethod === "kubernetes"
      ? { method: "kubernetes", accessId: req.accessId, tokenFile: `${TOKEN_DIR}/token` }
      : {
          method: "access-key",
          accessId: req.accessId,
          accessKeyFile: `${ACCESS_KEY_DIR}/access-key`,
        };
  const common = {
    gateway: req.gateway ?? settings.gateway,
    ...(settings.caPem ? { caPem: settings.caPem } : {}),
    auth,
  };
  const filesConfig = {
    ...common,
    files: req.files.map((f) => ({
      path: `${SECRETS_DIR}/${f.name}`,
      source: f.source,
      ...(f.template !== undefined ? { template: f.template } : {}),
      ...((f.mode ?? req.fileMode) ? { mode: f.mode ?? req.fileMode } : {}),
    })),
    stateFile: `${SECRETS_DIR}/.agent-state.json`,
  };
  const envConfig = {
    ...common,
    env: req.env.map((e) => {
      const hash = e.source.lastIndexOf("#");
      return hash > 0
        ? {
            name: e.name,
            source: e.source.slice(0, hash),
            template: `{{${e.source.slice(hash + 1)}}}`,
          }
        : { name: e.name, source: e.source };
    }),
  };
  // The agent's own checks, now: a pod that would crash-loop on its configuration is refused.
  const check = (config: object, what: string) => {
    try {
      parseAgentConfig(JSON.stringify(config), what);
    } catch (err) {
      throw new AnnotationError((err as Error).message);
    }
  };
  if (req.files.length > 0) check(filesConfig, "files");
  if (exec) check(envConfig, "env");

  const runAsUser =
    req.runAsUser ??
    (spec.securityContext?.runAsUser === undefined
      ? spec.containers.find((c) => c.securityContext?.runAsUser !== undefined)?.securityContext
          ?.runAsUser
      : undefined);
  const securityContext = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
    // Files are written as this user (mode 0400 by default), so it is the app's user.
    ...(runAsUser !== undefined ? { runAsUser } : {}),
  };
  const mount = (name: string, mountPath: string, readOnly: boolean) => ({
    name,
    mountPath,
    readOnly,
  });
  const authMounts = [
    req.authMethod === "kubernetes"
      ? mount(VOLUMES.token, TOKEN_DIR, true)
      : mount(VOLUMES.accessKey, ACCESS_KEY_DIR, true),
  ];
  const agentContainer = (name: string, command: string[]): Container => ({
    name,
    image: settings.agentImage,
    imagePullPolicy: settings.imagePullPolicy,
    command,
    env: [{ name: "KEYFRAG_AGENT_CONFIG", value: JSON.stringify(filesConfig) }],
    volumeMounts: [
      ...(req.files.length > 0 ? [mount(VOLUMES.secrets, SECRETS_DIR, false)] : []),
      ...authMounts,
      ...(exec && name === INIT_NAME ? [mount(VOLUMES.bin, BIN_DIR, false)] : []),
    ],
    resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { memory: "256Mi" } },
    securityContext,
  });

  // The init container always runs (it also copies the agent's runtime for exec containers).
  const initCommand =
    exec && req.files.length === 0
      ? ["sh", "-c", `cp /usr/local/bin/node ${BIN_DIR}/node && cp -a /app ${BIN_DIR}/app`]
      : exec
        ? [
            "sh",
            "-c",
            `cp /usr/local/bin/node ${BIN_DIR}/node && cp -a /app ${BIN_DIR}/app && exec keyfrag agent --init`,
          ]
        : ["/usr/bin/tini", "--", "keyfrag", "agent", "--init"];
  const init = agentContainer(INIT_NAME, initCommand);
  if (req.files.length === 0) init.env = [];
  out.spec.initContainers = [init, ...(spec.initContainers ?? [])];
  if (req.sidecar && req.files.length > 0) {
    out.spec.containers.push(
      agentContainer(SIDECAR_NAME, ["/usr/bin/tini", "--", "keyfrag", "agent"]),
    );
  }

  for (const c of out.spec.containers) {
    if (c.name === SIDECAR_NAME) continue;
    c.volumeMounts ??= [];
    const mounts = c.volumeMounts;
    if (req.files.length > 0) {
      if (mounts.some((m) => m.mountPath === SECRETS_DIR)) {
        throw new AnnotationError(`container ${c.name} already mounts something at ${SECRETS_DIR}`);
      }
      mounts.push(mount(VOLUMES.secrets, SECRETS_DIR, true));
    }
    if (req.execContainers.includes(c.name)) {
      mounts.push(mount(VOLUMES.bin, BIN_DIR, true), ...authMounts);
      c.env = [
        ...(c.env ?? []),
        { name: "KEYFRAG_AGENT_CONFIG", value: JSON.stringify(envConfig) } as { name: string },
      ];
      c.command = [
        `${BIN_DIR}/node`,
        `${BIN_DIR}/app/libs/cli/dist/main.js`,
        "agent",
        "exec",
        "--",
        ...(c.command ?? []),
      ];
    }
  }

  out.spec.volumes ??= [];
  const volumes = out.spec.volumes;
  if (req.files.length > 0) {
    volumes.push({ name: VOLUMES.secrets, emptyDir: { medium: "Memory", sizeLimit: "16Mi" } } as {
      name: string;
    });
  }
  volumes.push(
    req.authMethod === "kubernetes"
      ? ({
          name: VOLUMES.token,
          projected: {
            sources: [
              {
                serviceAccountToken: {
                  audience: tokenAudience,
                  expirationSeconds: 3600,
                  path: "token",
                },
              },
            ],
          },
        } as { name: string })
      : ({ name: VOLUMES.accessKey, secret: { secretName: req.accessKeySecret } } as {
          name: string;
        }),
  );
  if (exec) volumes.push({ name: VOLUMES.bin, emptyDir: {} } as { name: string });

  out.metadata = { ...(out.metadata ?? {}) };
  out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [STATUS]: "injected" };
  return out;
}
