#!/usr/bin/env node
/**
 * `pnpm compose:local` — the compose cluster on the images `pnpm images:local` built, under
 * Debian's podman-compose, started in depends_on order and returned when every service is
 * healthy (see podman-up.ts for why podman-compose's own `up` does not do this).
 *
 *   pnpm compose:local [-p <project>] [-f <compose file>]… [--timeout <seconds>]
 *
 * Defaults: project `deploy` (podman-compose's for files in deploy/, so its `ps`, `logs`,
 * `exec` and `down` find the containers without -p), files deploy/docker-compose.yml and
 * deploy/docker-compose.local.yml, timeout 600 s.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./launcher.js";
import { podmanComposeUp } from "./podman-up.js";

const { values } = parseArgs({
  options: {
    project: { type: "string", short: "p", default: "deploy" },
    file: { type: "string", short: "f", multiple: true },
    timeout: { type: "string", default: "600" },
  },
});
const files = values.file ?? [
  join(REPO_ROOT, "deploy", "docker-compose.yml"),
  join(REPO_ROOT, "deploy", "docker-compose.local.yml"),
];
const timeout = Number(values.timeout);
if (!Number.isFinite(timeout) || timeout <= 0) {
  console.error(`--timeout: a number of seconds, not ${values.timeout}`);
  process.exit(2);
}
try {
  const result = await podmanComposeUp({
    files,
    project: values.project,
    timeoutMs: timeout * 1000,
    log: (line) => console.log(line),
  });
  console.log(
    `every service ready ${(result.upToReadyMs / 1000).toFixed(1)} s after the first start`,
  );
  const compose = `podman-compose -p ${values.project} ${files.map((f) => `-f ${f}`).join(" ")}`;
  console.log(`the admin's credentials: ${compose} logs init`);
  console.log(`stop: ${compose} down (add -v to forget the cluster's volumes)`);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
