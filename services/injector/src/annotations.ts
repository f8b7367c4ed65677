/**
 * The `keyfrag.io/*` annotations a pod asks for injection with, parsed and checked. Every
 * mistake is a refusal naming the annotation: a pod that asked for secrets and would start
 * without them is worse than a pod that does not start.
 */

export const PREFIX = "keyfrag.io/";
export const INJECT = `${PREFIX}inject`;
export const STATUS = `${PREFIX}status`;

/** A refusal: the API server shows `message` to whoever created the pod. */
export class AnnotationError extends Error {}

export interface InjectRequest {
  accessId: string;
  authMethod: "kubernetes" | "access-key";
  /** access-key: the Kubernetes Secret (key `access-key`) mounted for the agent. */
  accessKeySecret?: string;
  gateway?: string;
  /** Files under the secrets folder: name → source, template, mode. */
  files: { name: string; source: string; template?: string; mode?: string }[];
  fileMode?: string;
  sidecar: boolean;
  /** Containers whose command is wrapped in `keyfrag agent exec`. */
  execContainers: string[];
  env: { name: string; source: string }[];
  runAsUser?: number;
  tokenAudience?: string;
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SOURCE = /^(secret|dynamic):\/\S+$/;
const BOOL = new Map([
  ["true", true],
  ["false", false],
]);

/** Whether the pod asks for injection at all (`keyfrag.io/inject: "true"`). */
export function wantsInjection(annotations: Record<string, string>): boolean {
  return annotations[INJECT] === "true";
}

export function parseAnnotations(annotations: Record<string, string>): InjectRequest {
  const files = new Map<
    string,
    { name: string; source: string; template?: string; mode?: string }
  >();
  const file = (name: string, key: string) => {
    if (!FILE_NAME.test(name)) {
      throw new AnnotationError(`${key}: file name must match ${FILE_NAME.source}`);
    }
    let f = files.get(name);
    if (!f) {
      f = { name, source: "" };
      files.set(name, f);
    }
    return f;
  };
  const req: InjectRequest = {
    accessId: "",
    authMethod: "kubernetes",
    files: [],
    sidecar: false,
    execContainers: [],
    env: [],
  };
  const bool = (key: string, value: string) => {
    const b = BOOL.get(value);
    if (b === undefined) throw new AnnotationError(`${key}: expected "true" or "false"`);
    return b;
  };
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(PREFIX)) continue;
    const k = key.slice(PREFIX.length);
    if (k === "inject" || k === "status") continue;
    if (k === "access-id") req.accessId = value;
    else if (k === "auth-method") {
      if (value !== "kubernetes" && value !== "access-key") {
        throw new AnnotationError(
          `${key}: "kubernetes" or "access-key" (certificate logins: run the agent yourself)`,
        );
      }
      req.authMethod = value;
    } else if (k === "access-key-secret") req.accessKeySecret = value;
    else if (k === "gateway") {
      if (!/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(value)) {
        throw new AnnotationError(`${key}: expected host:port`);
      }
      req.gateway = value;
    } else if (k === "sidecar") req.sidecar = bool(key, value);
    else if (k === "file-mode") req.fileMode = value;
    else if (k === "token-audience") req.tokenAudience = value;
    else if (k === "agent-run-as-user") {
      if (!/^\d{1,10}$/.test(value)) throw new AnnotationError(`${key}: expected a numeric uid`);
      req.runAsUser = Number(value);
    } else if (k === "exec-containers") {
      req.execContainers = value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (k.startsWith("secret-")) {
      const f = file(k.slice("secret-".length), key);
      if (!SOURCE.test(value)) {
        throw new AnnotationError(`${key}: expected secret:/path or dynamic:/path`);
      }
      f.source = value;
    } else if (k.startsWith("template-")) file(k.slice("template-".length), key).template = value;
    else if (k.startsWith("mode-")) file(k.slice("mode-".length), key).mode = value;
    else if (k.startsWith("env-")) {
      const name = k.slice("env-".length);
      if (!ENV_NAME.test(name)) {
        throw new AnnotationError(`${key}: not an environment variable name`);
      }
      const [source] = value.split("#", 1);
      if (!SOURCE.test(source ?? "")) {
        throw new AnnotationError(`${key}: expected secret:/path or dynamic:/path, then #field`);
      }
      req.env.push({ name, source: value });
    } else {
      throw new AnnotationError(`${key}: unknown keyfrag.io annotation`);
    }
  }
  if (!req.accessId) throw new AnnotationError(`${PREFIX}access-id: required`);
  if (req.authMethod === "access-key" && !req.accessKeySecret) {
    throw new AnnotationError(`${PREFIX}access-key-secret: required with auth-method access-key`);
  }
  for (const f of files.values()) {
    if (!f.source) {
      throw new AnnotationError(
        `${PREFIX}secret-${f.name}: required by the other annotations of ${f.name}`,
      );
    }
  }
  req.files = [...files.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (req.files.length === 0 && req.env.length === 0) {
    throw new AnnotationError(
      `no ${PREFIX}secret-<file> or ${PREFIX}env-<NAME> annotation: nothing to inject`,
    );
  }
  if (req.env.length > 0 && req.execContainers.length === 0) {
    throw new AnnotationError(`${PREFIX}env-*: name the containers in ${PREFIX}exec-containers`);
  }
  if (req.execContainers.length > 0 && req.env.length === 0) {
    throw new AnnotationError(`${PREFIX}exec-containers: no ${PREFIX}env-<NAME> annotation`);
  }
  req.env.sort((a, b) => (a.name < b.name ? -1 : 1));
  return req;
}
