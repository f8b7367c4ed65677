#!/usr/bin/env node
/**
 * Compiles native/sodium-group.c (with native/msm.h) into dist/keyfrag_sodium.node: a Node-API addon linked with the
 * system libsodium (Debian: libsodium-dev to build, libsodium23 to run). Run by the repository's
 * `pnpm build` before `tsc --build`; no node-gyp and nothing downloaded: the C compiler (`CC`,
 * default `cc`), Node's own headers (the `include/node` folder beside the node binary, as Node's
 * official builds, Debian/NodeSource packages and the node images install it) and libsodium.
 *
 * Skips the compile when the addon is newer than its source and this script. Without a compiler,
 * headers or libsodium it prints why and exits 0, so a workstation lacking them still builds
 * and @keyfrag/crypto falls back to libsodium in WebAssembly; with CI=true (CI and the image
 * build) or KF_NATIVE_REQUIRED=1 it exits 1 instead, so a missing addon cannot go unnoticed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const here = import.meta.dirname;
const source = join(here, "native", "sodium-group.c");
const out = join(here, "dist", "keyfrag_sodium.node");
const strict = process.env.CI === "true" || process.env.KF_NATIVE_REQUIRED === "1";

function give_up(why) {
  const message = `@keyfrag/native-sodium: addon not built (${why})`;
  if (strict) {
    console.error(`${message}; required with CI=true or KF_NATIVE_REQUIRED=1`);
    process.exit(1);
  }
  console.warn(`${message}; @keyfrag/crypto will use libsodium in WebAssembly for ristretto255`);
  process.exit(0);
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const inputs = [
  import.meta.filename,
  ...readdirSync(join(here, "native")).map((f) => join(here, "native", f)),
];
if (mtime(out) > Math.max(...inputs.map(mtime))) process.exit(0);

const candidates = [
  process.env.KF_NODE_INCLUDE,
  resolve(dirname(process.execPath), "..", "include", "node"),
  "/usr/include/node",
  "/usr/local/include/node",
].filter((d) => d !== undefined && d !== "");
const include = candidates.find((d) => existsSync(join(d, "node_api.h")));
if (!include) give_up(`no node_api.h in ${candidates.join(", ")}`);

mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
const cc = process.env.CC || "cc";
const args = [
  "-O2",
  "-fPIC",
  "-shared",
  "-fvisibility=hidden",
  "-Wall",
  "-Wextra",
  "-Werror",
  "-DNAPI_VERSION=8",
  "-DNODE_GYP_MODULE_NAME=keyfrag_sodium",
  `-I${include}`,
  source,
  "-o",
  tmp,
  "-lsodium",
];
const run = spawnSync(cc, args, { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
if (run.error || run.status !== 0) {
  rmSync(tmp, { force: true });
  const detail = run.error
    ? run.error.message
    : run.stderr.trim().split("\n").slice(-3).join(" | ");
  give_up(`${cc} failed: ${detail} (Debian: apt-get install gcc libsodium-dev)`);
}
// Load it once here, so a build that links but cannot load (missing libsodium at run time) is
// reported now rather than silently falling back later.
const probe = spawnSync(
  process.execPath,
  ["-e", `process.dlopen({ exports: {} }, ${JSON.stringify(tmp)})`],
  {
    stdio: ["ignore", "inherit", "pipe"],
    encoding: "utf8",
  },
);
if (probe.status !== 0) {
  rmSync(tmp, { force: true });
  give_up(`built but does not load: ${probe.stderr.trim().split("\n")[0]}`);
}
renameSync(tmp, out);
console.log(`@keyfrag/native-sodium: built ${out}`);
