export {
  type CustomProducerWebhook,
  startCustomProducerWebhook,
} from "./custom-producer-webhook.js";
export { type DependencySource, dependencySource } from "./dependency-source.js";
export { freePort, reservePort } from "./free-port.js";
export {
  DEFAULT_API_VERSIONS,
  HelmRenderError,
  type RenderChartOptions,
  type RenderedManifest,
  renderChart,
  renderManifests,
  renderString,
} from "./helm/chart.js";
export { PrivateNats } from "./private-nats.js";
export { type PrivatePostgres, startPrivatePostgres } from "./private-postgres.js";
export { type PrivateRedis, startPrivateRedis } from "./private-redis.js";
export { redisValues } from "./redis-values.js";
export { startSshd, type TestSshd } from "./sshd.js";
export { type TestMysql, testMysql } from "./test-mysql.js";
export { type TestNats, testNats } from "./test-nats.js";
export { type TestPostgres, testPostgres } from "./test-postgres.js";
export { type TestRedis, testRedis } from "./test-redis.js";
