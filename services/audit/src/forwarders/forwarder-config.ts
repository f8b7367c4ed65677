/**
 * Forwarder configuration: validation of what SetForwarder receives, and the shape kept in Redis
 * (secrets sealed) and shown by ListForwarders (secrets left out).
 */
import type { Forwarder, Forwarder__Output } from "@keyfrag/rpc";
import { InvalidArgumentError } from "@keyfrag/rpc";

export type ForwarderTarget =
  | { type: "syslog"; address: string; protocol: "tcp" | "udp"; appName: string }
  | { type: "http"; url: string; token: string }
  | { type: "elasticsearch"; url: string; index: string; username: string; password: string }
  | { type: "stdout" };

/** A forwarder as configured; in Redis, `token`/`password` hold sealed values. */
export interface ForwarderConfig {
  name: string;
  start: "new" | "all";
  target: ForwarderTarget;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const APP_NAME = /^[\x21-\x7e]{1,48}$/;
const ES_INDEX = /^[a-z0-9][a-z0-9._+-]{0,254}$/;

/** Checks a forwarder name; InvalidArgumentError otherwise. */
export function checkForwarderName(name: string | undefined, field = "forwarder.name"): string {
  if (!name) throw new InvalidArgumentError(`${field} is required`);
  if (!NAME.test(name)) {
    throw new InvalidArgumentError(`${field} must be 1-64 of A-Z a-z 0-9 _ -`);
  }
  return name;
}

/**
 * Validates a SetForwarder request. Secrets may be empty here: the caller keeps the stored one
 * (write-only fields cannot be echoed back, so an update that leaves them out keeps them).
 */
export function parseForwarder(input: Forwarder__Output | null | undefined): ForwarderConfig {
  if (!input) throw new InvalidArgumentError("forwarder is required");
  const name = checkForwarderName(input.name);
  const start = input.start || "new";
  if (start !== "new" && start !== "all") {
    throw new InvalidArgumentError('forwarder.start must be "new" or "all"');
  }
  return { name, start, target: parseTarget(input) };
}

function parseTarget(input: Forwarder__Output): ForwarderTarget {
  switch (input.target) {
    case "syslog": {
      const s = input.syslog;
      const protocol = s?.protocol || "tcp";
      if (protocol !== "tcp" && protocol !== "udp") {
        throw new InvalidArgumentError('forwarder.syslog.protocol must be "tcp" or "udp"');
      }
      const appName = s?.app_name || "keyfrag";
      if (!APP_NAME.test(appName)) {
        throw new InvalidArgumentError(
          "forwarder.syslog.app_name must be 1-48 printable ASCII characters without spaces",
        );
      }
      return { type: "syslog", address: checkAddress(s?.address ?? ""), protocol, appName };
    }
    case "http":
      return {
        type: "http",
        url: checkUrl(input.http?.url ?? "", "forwarder.http.url"),
        token: input.http?.token ?? "",
      };
    case "elasticsearch": {
      const e = input.elasticsearch;
      const index = e?.index ?? "";
      if (!ES_INDEX.test(index)) {
        throw new InvalidArgumentError(
          "forwarder.elasticsearch.index must be a lowercase Elasticsearch index name",
        );
      }
      if (e?.password && !e.username) {
        throw new InvalidArgumentError(
          "forwarder.elasticsearch.username is required with a password",
        );
      }
      return {
        type: "elasticsearch",
        url: checkUrl(e?.url ?? "", "forwarder.elasticsearch.url").replace(/\/+$/, ""),
        index,
        username: e?.username ?? "",
        password: e?.password ?? "",
      };
    }
    case "stdout":
      return { type: "stdout" };
    default:
      throw new InvalidArgumentError(
        "forwarder target is required: one of syslog, http, elasticsearch, stdout",
      );
  }
}

function checkUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`${field} must be an http or https URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(`${field} must be an http or https URL`);
  }
  // Credentials in the URL would be stored and shown in clear: they belong in the secret fields.
  if (url.username || url.password) {
    throw new InvalidArgumentError(`${field} must not carry credentials`);
  }
  return url.toString();
}

function checkAddress(value: string): string {
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (!m || port < 1 || port > 65_535) {
    throw new InvalidArgumentError("forwarder.syslog.address must be host:port");
  }
  return value;
}

/** The forwarder as ListForwarders/SetForwarder answer: secrets never leave. */
export function forwarderToProto(
  config: ForwarderConfig,
  status: { delivered: number; pending: number; lastError: string },
): Forwarder {
  const t = config.target;
  const base: Forwarder = {
    name: config.name,
    start: config.start,
    delivered: status.delivered,
    pending: status.pending,
    last_error: status.lastError,
  };
  switch (t.type) {
    case "syslog":
      return { ...base, syslog: { address: t.address, protocol: t.protocol, app_name: t.appName } };
    case "http":
      return { ...base, http: { url: t.url, token: "" } };
    case "elasticsearch":
      return {
        ...base,
        elasticsearch: { url: t.url, index: t.index, username: t.username, password: "" },
      };
    case "stdout":
      return { ...base, stdout: {} };
  }
}
