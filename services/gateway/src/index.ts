/** @keyfrag/gateway: the public API (the process is dist/main.js). */
export { type GatewayConfig, loadConfig } from "./config.js";
export { planFor } from "./pipeline/authorization.js";
