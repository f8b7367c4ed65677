import { readFileSync } from "node:fs";
import { z } from "zod";

export { z };

/** A configuration value is missing or wrong; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * Parses `env` with a zod object schema whose keys are environment variable names. On failure
 * throws one {@link ConfigError} listing every bad variable with what was expected.
 */
export function parseConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    const present = typeof issue.path[0] === "string" && env[issue.path[0]] !== undefined;
    return `  ${name}: ${present ? issue.message : "is required but not set"}`;
  });
  throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
}

/** Common field types for keyfrag services. */
export const env = {
  /** An integer in [min, max], given as a decimal string. */
  int: (min: number, max: number) => z.coerce.number().int().min(min).max(max),
  /** `host:port` (IPv6 hosts in brackets). */
  address: () =>
    z.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, "expected host:port"),
  /** A non-empty identifier (node ids, regions, zones). */
  name: () =>
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "expected a name of [A-Za-z0-9._-], 1-63 chars"),
  url: (protocols: string[]) =>
    z.string().refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol.replace(/:$/, ""));
        } catch {
          return false;
        }
      },
      `expected a ${protocols.join(" or ")} URL`,
    ),
  /**
   * A path to a file holding a secret key as hex (at least `minBytes` bytes; surrounding
   * whitespace ignored); parses to the key's bytes. Keys come from files, never from env values.
   */
  keyFile: (minBytes: number) =>
    z.string().transform((path, ctx) => {
      let text: string;
      try {
        text = readFileSync(path, "utf8").trim();
      } catch {
        ctx.addIssue({ code: "custom", message: "file does not exist or is not readable" });
        return z.NEVER;
      }
      if (!/^([0-9a-fA-F]{2})+$/.test(text) || text.length < minBytes * 2) {
        ctx.addIssue({
          code: "custom",
          message: `file must hold at least ${minBytes} bytes as hex`,
        });
        return z.NEVER;
      }
      return new Uint8Array(Buffer.from(text, "hex"));
    }),
  /** A path to a file that must exist and be readable. */
  file: () =>
    z.string().refine((p) => {
      try {
        readFileSync(p);
        return true;
      } catch {
        return false;
      }
    }, "file does not exist or is not readable"),
};

/** The pino log levels a service accepts in KF_LOG_LEVEL (default info). */
const logLevel = () =>
  z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info");

/** A Redis key namespace (KF_REDIS_PREFIX), e.g. `kf:policy`. */
const redisPrefix = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,100}$/, "expected 1-100 of A-Z a-z 0-9 : _ -")
    .default(fallback);

/** An optional value: an empty variable counts as unset (deploy files may give it empty). */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/**
 * NATS credentials: the deploy files give each service a user of its own, whose subject
 * permissions the NATS server enforces (deploy/nats). Both or neither.
 */
export function natsEnv() {
  return {
    KF_NATS_USER: optional(
      z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "expected a NATS user name"),
    ),
    /** The file holding that user's password (never the password itself in the environment). */
    KF_NATS_PASSWORD_FILE: optional(env.file()),
  };
}

/**
 * The variables every control-plane service reads — its id, where it listens, its certificate,
 * Redis, NATS and its log level — to spread into the service's own schema.
 */
export function serviceEnv(options: { redisPrefix: string }) {
  return {
    KF_NODE_ID: env.name(),
    KF_LISTEN: env.address(),
    KF_TLS_CA: env.file(),
    KF_TLS_CERT: env.file(),
    KF_TLS_KEY: env.file(),
    KF_REDIS_URL: env.url(["redis", "rediss"]).default("redis://127.0.0.1:6379"),
    /** Namespace of every Redis key the service writes. */
    KF_REDIS_PREFIX: redisPrefix(options.redisPrefix),
    KF_NATS_URL: env.url(["nats"]).default("nats://127.0.0.1:4222"),
    ...natsEnv(),
    /** Subject prefix of the cluster on NATS. */
    KF_CLUSTER: env.name().default("kf"),
    KF_LOG_LEVEL: logLevel(),
  };
}
