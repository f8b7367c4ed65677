/** @keyfrag/injector: the mutating admission webhook (a process; tests use its pieces). */
export { AnnotationError, parseAnnotations } from "./annotations.js";
export { loadConfig } from "./config.js";
export { type InjectorSettings, type Mutation, mutatePod, type Pod } from "./mutate.js";
export { createWebhookServer } from "./webhook-server.js";
