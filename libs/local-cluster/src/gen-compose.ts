#!/usr/bin/env node
/**
 * `pnpm gen:compose` — writes deploy/docker-compose.yml and deploy/nats/nats.conf from the
 * cluster's topology (libs/local-cluster), the one description `pnpm start` also runs, and
 * the override deploy/docker-compose.local.yml with deploy/nats/nats-2.9.conf for the cluster
 * on images built here with podman (`pnpm images:local`).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { NATS_29_CONF, natsConf, renderComposeLocalYaml, renderComposeYaml } from "./compose.js";
import { REPO_ROOT } from "./launcher.js";

const files = [
  { path: join(REPO_ROOT, "deploy", "docker-compose.yml"), text: renderComposeYaml() },
  { path: join(REPO_ROOT, "deploy", "nats", "nats.conf"), text: natsConf() },
  // The offline run on images built with podman (pnpm images:local).
  { path: join(REPO_ROOT, "deploy", "docker-compose.local.yml"), text: renderComposeLocalYaml() },
  { path: join(REPO_ROOT, "deploy", "nats", NATS_29_CONF), text: natsConf({ nats29: true }) },
];
for (const file of files) {
  await mkdir(dirname(file.path), { recursive: true });
  await writeFile(file.path, file.text);
  console.log(`wrote ${relative(process.cwd(), file.path)}`);
}
