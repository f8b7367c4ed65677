/**
 * Destinations of forwarded records. `send` resolves only once the destination accepted the
 * whole batch (as far as its protocol can say); it throws otherwise and the runner retries.
 */
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, type Socket } from "node:net";
import { hostname } from "node:os";
import type { AuditRecord } from "../chain/audit-record.js";
import type { ForwarderTarget } from "./forwarder-config.js";

export interface Sink {
  send(records: readonly AuditRecord[]): Promise<void>;
  close(): Promise<void>;
}

const TIMEOUT_MS = 10_000;

/** The sink for a target whose secrets are already decrypted. */
export function createSink(target: ForwarderTarget): Sink {
  switch (target.type) {
    case "syslog":
      return target.protocol === "tcp"
        ? tcpSyslogSink(target.address, target.appName)
        : udpSyslogSink(target.address, target.appName);
    case "http":
      return hecSink(target.url, target.token);
    case "elasticsearch":
      return elasticsearchSink(target);
    case "stdout":
      return stdoutSink();
  }
}

// Facility 13 is "log audit" (RFC 5424 table 1); severity follows the outcome.
const FACILITY_LOG_AUDIT = 13;
const SEVERITY = { allowed: 6, denied: 5, error: 3 } as const;
// 32473 is the enterprise number RFC 5612 reserves for documentation and examples.
const SD_ID = "keyfrag@32473";

const printable = (value: string, max: number) =>
  value.replace(/[^\x21-\x7e]/g, "_").slice(0, max) || "-";
const sdValue = (value: string) => value.replace(/(["\\\]])/g, "\\$1");

/** One RFC 5424 message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG`. */
export function syslogMessage(record: AuditRecord, appName: string, host = hostname()): string {
  const pri = FACILITY_LOG_AUDIT * 8 + SEVERITY[record.result];
  const sd = `[${SD_ID} seq="${record.seq}" id="${sdValue(record.id)}" service="${sdValue(record.service)}" result="${record.result}"]`;
  return [
    `<${pri}>1`,
    new Date(record.time).toISOString(),
    printable(host, 255),
    printable(appName, 48),
    String(process.pid),
    printable(record.action, 32),
    sd,
    JSON.stringify(record),
  ].join(" ");
}

function splitAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(":");
  return {
    host: address.slice(0, colon).replace(/^\[(.*)\]$/, "$1"),
    port: Number(address.slice(colon + 1)),
  };
}

/**
 * Syslog over TCP with octet-counting framing (RFC 6587 §3.4.1). TCP tells us the bytes left
 * this host, not that the collector processed them: a batch written just before the collector
 * dies can be lost, which is the protocol's limit (use http/elasticsearch for acknowledged
 * delivery).
 */
function tcpSyslogSink(address: string, appName: string): Sink {
  const { host, port } = splitAddress(address);
  let socket: Socket | undefined;

  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const s = connect({ host, port });
      const timer = setTimeout(
        () => s.destroy(new Error(`connect to ${address} timed out`)),
        TIMEOUT_MS,
      );
      s.once("connect", () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      // A closed connection is reopened by the next send.
      s.once("close", () => {
        if (socket === s) socket = undefined;
      });
      s.on("error", () => undefined);
      // Collectors do not talk back; discard anything they send.
      s.on("data", () => undefined);
    });

  return {
    async send(records) {
      if (!socket || socket.destroyed || !socket.writable) socket = await open();
      const s = socket;
      const frames = records.map((r) => {
        const msg = Buffer.from(syslogMessage(r, appName), "utf8");
        return Buffer.concat([Buffer.from(`${msg.length} `), msg]);
      });
      await new Promise<void>((resolve, reject) =>
        s.write(Buffer.concat(frames), (err) => (err ? reject(err) : resolve())),
      ).catch((err: unknown) => {
        s.destroy();
        throw err;
      });
    },
    async close() {
      const s = socket;
      socket = undefined;
      if (s) await new Promise<void>((resolve) => s.end(resolve));
    },
  };
}

/** Syslog over UDP, one message per datagram (RFC 5426): best effort by nature. */
function udpSyslogSink(address: string, appName: string): Sink {
  const { host, port } = splitAddress(address);
  let socket: UdpSocket | undefined;
  return {
    async send(records) {
      if (!socket) {
        socket = createSocket(host.includes(":") ? "udp6" : "udp4");
        // Send errors reach the send callback; an unheard 'error' event would end the process.
        socket.on("error", () => undefined);
      }
      const s = socket;
      for (const r of records) {
        const msg = Buffer.from(syslogMessage(r, appName), "utf8");
        await new Promise<void>((resolve, reject) =>
          s.send(msg, port, host, (err) => (err ? reject(err) : resolve())),
        );
      }
    },
    async close() {
      const s = socket;
      socket = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers,
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

/** What an HTTP failure says, without echoing a body that might quote our credentials back. */
function httpError(what: string, res: Response): Error {
  return new Error(`${what} answered HTTP ${res.status} ${res.statusText}`.trim());
}

/** Splunk HTTP Event Collector: one POST per batch, events concatenated; 2xx = accepted. */
function hecSink(url: string, token: string): Sink {
  const host = hostname();
  return {
    async send(records) {
      const body = records
        .map((r) =>
          JSON.stringify({
            time: r.time / 1000,
            host,
            source: "keyfrag",
            sourcetype: "keyfrag:audit",
            event: r,
          }),
        )
        .join("");
      const res = await post(url, body, {
        authorization: `Splunk ${token}`,
        "content-type": "application/json",
      });
      await res.body?.cancel();
      if (!res.ok) throw httpError("HTTP event collector", res);
    },
    async close() {},
  };
}

interface BulkResponse {
  errors?: boolean;
  items?: Record<string, { status?: number; error?: { type?: string; reason?: string } }>[];
}

/**
 * Elasticsearch bulk API. Each record is indexed with the event id as `_id`, so a batch sent
 * again (after a partial failure or a redelivery) overwrites instead of duplicating; that is why
 * a batch with any failed item is simply retried whole.
 */
function elasticsearchSink(target: Extract<ForwarderTarget, { type: "elasticsearch" }>): Sink {
  const headers: Record<string, string> = { "content-type": "application/x-ndjson" };
  if (target.username) {
    headers.authorization = `Basic ${Buffer.from(`${target.username}:${target.password}`).toString("base64")}`;
  }
  return {
    async send(records) {
      const body = records
        .map(
          (r) =>
            `${JSON.stringify({ index: { _index: target.index, _id: r.id } })}\n${JSON.stringify(r)}\n`,
        )
        .join("");
      const res = await post(`${target.url}/_bulk`, body, headers);
      if (!res.ok) {
        await res.body?.cancel();
        throw httpError("Elasticsearch", res);
      }
      const reply = (await res.json()) as BulkResponse;
      if (!Array.isArray(reply.items) || reply.items.length !== records.length) {
        throw new Error("Elasticsearch bulk answer does not list every item");
      }
      const failed = reply.items
        .map((item) => Object.values(item)[0])
        .filter((r) => !r || (r.status ?? 500) >= 300);
      if (reply.errors || failed.length > 0) {
        const first = failed[0]?.error;
        throw new Error(
          `Elasticsearch refused ${failed.length} of ${records.length} documents${first ? ` (${first.type}: ${first.reason})` : ""}`,
        );
      }
    },
    async close() {},
  };
}

/** JSON lines on this process's stdout (for a log shipper that reads container output). */
function stdoutSink(): Sink {
  return {
    async send(records) {
      const lines = records.map((r) => `${JSON.stringify(r)}\n`).join("");
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(lines, (err) => (err ? reject(err) : resolve())),
      );
    },
    async close() {},
  };
}
