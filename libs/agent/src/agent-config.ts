/**
 * The agent's configuration: a YAML (or JSON) document from `--config`, or from the
 * `KEYFRAG_AGENT_CONFIG` variable (what the injector sets), with a few flags over it.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { compileTemplate } from "./templates.js";

/** The projected service-account token kubelet mounts in every pod that asks for one. */
export const DEFAULT_SA_TOKEN_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/token";

const name = z.string().min(1).max(1024);
const context = z.record(z.string(), z.string()).optional();

/**
 * Where a value comes from. The short form `secret:/a/b` or `dynamic:/a/b` stands for
 * `{ secret: "/a/b" }` and `{ dynamic: "/a/b" }`.
 */
export const SourceSchema = z.union([
  z.strictObject({ secret: name, version: z.number().int().positive().optional() }),
  z.strictObject({ dynamic: name, ttlSeconds: z.number().int().positive().optional() }),
  z.strictObject({ encrypt: name, plaintext: z.string(), context }),
  z.strictObject({ decrypt: name, ciphertext: z.string().min(1), context }),
  z.strictObject({
    ssh: name,
    publicKeyFile: z.string().min(1),
    principals: z.array(z.string().min(1)).min(1),
    ttlSeconds: z.number().int().positive().optional(),
  }),
]);
export type Source = z.infer<typeof SourceSchema>;

const SHORT_SOURCE = /^(secret|dynamic):(.+)$/;
const SourceInput = z.union([
  z.string().transform((text, ctx) => {
    const m = SHORT_SOURCE.exec(text);
    if (!m) {
      ctx.addIssue({ code: "custom", message: "expected secret:/name or dynamic:/name" });
      return z.NEVER;
    }
    return m[1] === "secret" ? { secret: m[2] as string } : { dynamic: m[2] as string };
  }),
  SourceSchema,
]);

/** Octal text ("0400", "400") or a number (0o400); default 0400: the owner reads, nobody else. */
const Mode = z
  .union([z.string().regex(/^0?[0-7]{3}$/, "a mode such as 0400"), z.number().int()])
  .transform((m) => (typeof m === "string" ? Number.parseInt(m, 8) : m))
  .pipe(z.number().int().min(0).max(0o777));

/** `uid` or `uid:gid` (numbers: the agent never resolves names, which differ per image). */
const Owner = z
  .union([z.string().regex(/^\d+(:\d+)?$/, "uid or uid:gid, as numbers"), z.number().int()])
  .transform((o) => {
    const [uid, gid] = String(o).split(":").map(Number) as [number, number | undefined];
    return { uid, gid: gid ?? -1 };
  });

const FileSchema = z.strictObject({
  path: z.string().min(1),
  source: SourceInput,
  /** A Handlebars template; the source's fields are its context (default: see defaultTemplate). */
  template: z.string().optional(),
  templateFile: z.string().optional(),
  mode: Mode.default(0o400),
  owner: Owner.optional(),
});

const EnvSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name"),
  source: SourceInput,
  template: z.string().optional(),
});

const AuthSchema = z.discriminatedUnion("method", [
  z.strictObject({
    method: z.literal("kubernetes"),
    accessId: z.string().min(1),
    /** Read again at every login: kubelet rotates projected tokens. */
    tokenFile: z.string().default(DEFAULT_SA_TOKEN_FILE),
  }),
  z.strictObject({
    method: z.literal("access-key"),
    accessId: z.string().min(1),
    /** The key in a file (a Kubernetes Secret volume, a systemd credential), never on argv. */
    accessKeyFile: z.string().min(1),
  }),
  z.strictObject({
    method: z.literal("certificate"),
    accessId: z.string().optional(),
    certFile: z.string().min(1),
    keyFile: z.string().min(1),
  }),
]);
export type AuthConfig = z.infer<typeof AuthSchema>;

const SIGNALS = ["SIGHUP", "SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGQUIT"] as const;

export const AgentConfigSchema = z.strictObject({
  gateway: z.string().min(1).optional(),
  caFile: z.string().optional(),
  /** The CA as PEM text instead of a file (the injector's way: pods of any namespace). */
  caPem: z.string().optional(),
  auth: AuthSchema,
  files: z.array(FileSchema).default([]),
  env: z.array(EnvSchema).default([]),
  /** After a file changes (not at the first render): run a command and/or signal a process. */
  reload: z
    .strictObject({
      command: z.array(z.string()).min(1).optional(),
      signal: z.enum(SIGNALS).optional(),
      /** The process to signal (sidecar mode); in exec mode the child is signalled. */
      pidFile: z.string().optional(),
    })
    .optional(),
  /** How often static secrets are read again (polling; the gateway has no watch). */
  staticRefreshSeconds: z.number().positive().default(60),
  /** On SIGTERM, leases still held are revoked within this time, then the agent exits. */
  revokeTimeoutSeconds: z.number().positive().default(10),
  revokeOnExit: z.boolean().default(true),
  /** `host:port` of the /healthz endpoint (off by default). */
  healthz: z.string().optional(),
  /** Lease ids (not values) handed from an `--init` run to the sidecar, which renews them. */
  stateFile: z.string().optional(),
  /** exec mode: restart the child when one of its environment values changes. */
  restartOnChange: z.boolean().default(true),
});
export type AgentConfig = z.infer<typeof AgentConfigSchema>;
export type FileConfig = AgentConfig["files"][number];
export type EnvConfig = AgentConfig["env"][number];

/** A configuration error: the agent prints it and exits 2. */
export class AgentConfigError extends Error {}

/** Parses a configuration document (YAML or JSON text); `origin` names it in errors. */
export function parseAgentConfig(
  text: string,
  origin: string,
  patch: (doc: Record<string, unknown>) => Record<string, unknown> = (d) => d,
): AgentConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new AgentConfigError(`${origin}: not YAML/JSON: ${(err as Error).message}`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new AgentConfigError(`${origin}: expected a mapping`);
  }
  const res = AgentConfigSchema.safeParse(patch(doc as Record<string, unknown>));
  if (!res.success) {
    const issue = res.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(top)";
    throw new AgentConfigError(`${origin}: ${where}: ${issue?.message ?? "invalid"}`);
  }
  const config = res.data;
  if (config.files.length === 0 && config.env.length === 0) {
    throw new AgentConfigError(`${origin}: nothing to do: no files and no env`);
  }
  const paths = new Set<string>();
  for (const f of config.files) {
    if (paths.has(f.path)) throw new AgentConfigError(`${origin}: file ${f.path} listed twice`);
    paths.add(f.path);
    if (f.template !== undefined && f.templateFile !== undefined) {
      throw new AgentConfigError(`${origin}: file ${f.path}: template or templateFile, not both`);
    }
  }
  // Inline templates are parsed now, so a syntax error stops the start (or the injector's
  // admission) instead of the first render.
  for (const [what, template] of [
    ...config.files.map((f) => [`file ${f.path}`, f.template] as const),
    ...config.env.map((e) => [`env ${e.name}`, e.template] as const),
  ]) {
    if (template === undefined) continue;
    try {
      compileTemplate(template, what);
    } catch (err) {
      throw new AgentConfigError(`${origin}: ${(err as Error).message}`);
    }
  }
  return config;
}

/** A stable key of a source, so that two outputs of one dynamic secret share one lease. */
export function sourceKey(source: Source): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
  return JSON.stringify(canonical(source));
}
