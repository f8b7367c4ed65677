/** The injector process: configuration → HTTPS webhook server → shutdown on SIGTERM. */
import type { AddressInfo } from "node:net";
import { ConfigError } from "@keyfrag/config";
import { pino } from "pino";
import { loadConfig } from "./config.js";
import { createWebhookServer } from "./webhook-server.js";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
const logger = pino({ level: config.logLevel, base: { service: "injector" } });
const server = createWebhookServer({
  certFile: config.certFile,
  keyFile: config.keyFile,
  settings: config.settings,
  logger,
});
const i = config.listen.lastIndexOf(":");
const host = config.listen.slice(0, i).replace(/^\[|\]$/g, "");
await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(Number(config.listen.slice(i + 1)), host, () => resolve());
});
const port = (server.address() as AddressInfo).port;
process.stdout.write(`${JSON.stringify({ ready: "injector", port })}\n`);

const stop = (signal: string) => {
  logger.info({ signal }, "stopping");
  // In-flight reviews finish; the API server retries others on another replica.
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
