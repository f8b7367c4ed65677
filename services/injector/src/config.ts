/** The injector's configuration, from its environment (set by the Helm chart). */
import { readFileSync } from "node:fs";
import { ConfigError, env, parseConfig, z } from "@keyfrag/config";
import type { InjectorSettings } from "./mutate.js";

const list = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const schema = z.object({
  /** HTTPS listener of the webhook (the API server calls it through the chart's Service). */
  KF_LISTEN: env.address().default("0.0.0.0:8443"),
  KF_TLS_CERT: z.string().min(1),
  KF_TLS_KEY: z.string().min(1),
  /** The image whose `keyfrag agent` runs in injected pods. */
  KF_AGENT_IMAGE: z.string().min(1),
  KF_AGENT_GATEWAY: env.address(),
  /** The CA of the gateway's certificate (PEM file), inlined into every agent's configuration. */
  KF_AGENT_CA_FILE: z.string().default(""),
  KF_AGENT_TOKEN_AUDIENCE: z.string().min(1).default("keyfrag"),
  KF_AGENT_IMAGE_PULL_POLICY: z.enum(["Always", "IfNotPresent", "Never"]).default("IfNotPresent"),
  /** Never injected into, whatever the webhook's selectors let through (defence in depth). */
  KF_EXCLUDED_NAMESPACES: list,
  /** The injector's own namespace: its pods are never injected. */
  KF_POD_NAMESPACE: z.string().default(""),
  KF_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export interface InjectorConfig {
  listen: string;
  certFile: string;
  keyFile: string;
  logLevel: string;
  settings: InjectorSettings;
}

/** Reads the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): InjectorConfig {
  const c = parseConfig(schema, source);
  return {
    listen: c.KF_LISTEN,
    certFile: c.KF_TLS_CERT,
    keyFile: c.KF_TLS_KEY,
    logLevel: c.KF_LOG_LEVEL,
    settings: {
      agentImage: c.KF_AGENT_IMAGE,
      gateway: c.KF_AGENT_GATEWAY,
      ...(c.KF_AGENT_CA_FILE ? { caPem: readCa(c.KF_AGENT_CA_FILE) } : {}),
      tokenAudience: c.KF_AGENT_TOKEN_AUDIENCE,
      imagePullPolicy: c.KF_AGENT_IMAGE_PULL_POLICY,
      excludedNamespaces: [
        ...new Set([
          "kube-system",
          "kube-public",
          ...c.KF_EXCLUDED_NAMESPACES,
          ...(c.KF_POD_NAMESPACE ? [c.KF_POD_NAMESPACE] : []),
        ]),
      ],
    },
  };
}

function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(
      `KF_AGENT_CA_FILE: cannot read ${file}: ${(err as NodeJS.ErrnoException).code}`,
    );
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ConfigError(`KF_AGENT_CA_FILE: ${file} holds no PEM certificate`);
  }
  return pem;
}
