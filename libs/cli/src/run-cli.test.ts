import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { InvalidArgumentError, PermissionDeniedError, UnavailableError } from "@keyfrag/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { type ScriptedGateway, startScriptedGateway } from "../../sdk/test/scripted-gateway.js";
import { runCli } from "./index.js";

const exec = promisify(execFile);

let gw: ScriptedGateway;
let home: string;

beforeAll(async () => {
  gw = await startScriptedGateway();
  home = await mkdtemp(join(tmpdir(), "kf-cli-"));
});
afterAll(async () => {
  await gw?.[Symbol.asyncDispose]();
  if (home) await rm(home, { recursive: true, force: true });
});
beforeEach(() => gw.reset());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(
  args: string[],
  options: {
    stdin?: string;
    tty?: boolean;
    profile?: string;
    env?: Record<string, string>;
  } = {},
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["--profile", options.profile ?? "default", ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    stdin: (async function* () {
      if (options.stdin !== undefined) yield Buffer.from(options.stdin);
    })(),
    env: { KEYFRAG_HOME: home, ...options.env },
  });
  return { code, stdout, stderr };
}

async function login(profile = "default"): Promise<Run> {
  const run = await cli(
    [
      "--gateway",
      gw.address,
      "--ca-file",
      gw.caFile,
      "auth",
      "--access-id",
      "p-123",
      "--access-key",
      "good-key",
    ],
    { profile },
  );
  expect(run).toMatchObject({ code: 0, stderr: "" });
  return run;
}

const profileFile = (name = "default") => join(home, "profiles", `${name}.json`);
function lastCall() {
  const last = gw.calls.at(-1);
  if (!last) throw new Error("no call reached the gateway");
  return last;
}

describe("keyfrag cli", () => {
  it("auth stores the token in a 0600 profile that later commands use", async () => {
    const run = await login();
    expect(run.stdout).toMatch(/^logged in as p-123 \(m\); token stored in profile default/);
    const file = await stat(profileFile());
    expect(file.mode & 0o777).toBe(0o600);
    expect((await stat(join(home, "profiles"))).mode & 0o777).toBe(0o700);
    const profile = JSON.parse(await readFile(profileFile(), "utf8"));
    expect(profile).toMatchObject({ gateway: gw.address, caFile: resolve(gw.caFile) });
    expect(profile.tokenExpiresAtMs).toBeGreaterThan(Date.now());

    const perms = await cli(["describe-permissions"]);
    expect(perms.code).toBe(0);
    expect(lastCall().authorization).toBe(`Bearer ${profile.token}`);
    expect(perms.stdout).toMatch(
      /role reader\n\s+TYPE\s+PATH\s+CAPABILITIES\n\s+item\s+\/a\/\*\s+read,list/,
    );
  });

  it("create-secret sends the flags and prints the item (text and json)", async () => {
    await login();
    const text = await cli([
      "create-secret",
      "--name",
      "/a/b",
      "--value",
      "s3cret",
      "--description",
      "db",
      "--tag",
      "env=prod",
      "--tag",
      "team=x",
      "--max-versions",
      "5",
    ]);
    expect(text.code).toBe(0);
    const request = lastCall().request as { value: Buffer; tags: string[]; max_versions: number };
    expect(request.value.toString()).toBe("s3cret");
    expect(request.tags).toEqual(["env=prod", "team=x"]);
    expect(request.max_versions).toBe(5);
    expect(text.stdout).toMatch(/^name: \/a\/b\ntype: static-secret\ndescription: db\n/);

    const json = await cli(
      ["create-secret", "--name", "/a/c", "--value", "-", "--output", "json"],
      {
        stdin: "from stdin",
      },
    );
    expect(json.code).toBe(0);
    expect((lastCall().request as { value: Buffer }).value.toString()).toBe("from stdin");
    expect(JSON.parse(json.stdout)).toMatchObject({ name: "/a/c", type: "static-secret" });
  });

  it("get-secret-value prints a bare value, a table, or JSON with encodings", async () => {
    await login();
    await cli(["create-secret", "--name", "/a/b", "--value", "hello"]);
    expect((await cli(["get-secret-value", "--name", "/a/b"])).stdout).toBe("hello\n");

    const both = await cli(["get-secret-value", "--name", "/a/b", "--name", "/a/z"]);
    expect(both.stdout).toMatch(
      /NAME\s+VERSION\s+VALUE\n\/a\/b\s+1\s+hello\n\/a\/z\s+1\s+value of \/a\/z/,
    );

    await writeFile(join(home, "bin"), Buffer.from([0, 1, 2, 255]));
    await cli(["create-secret", "--name", "/a/bin", "--value-file", join(home, "bin")]);
    const json = await cli([
      "--output",
      "json",
      "get-secret-value",
      "--name",
      "/a/b",
      "--name",
      "/a/bin",
      "--version",
      "1",
    ]);
    expect(lastCall().request).toMatchObject({ names: ["/a/b", "/a/bin"], version: 1 });
    expect(JSON.parse(json.stdout)).toEqual({
      values: [
        { name: "/a/b", version: 1, value: "hello", encoding: "utf8" },
        { name: "/a/bin", version: 1, value: "AAEC/w==", encoding: "base64" },
      ],
    });
  });

  it("list-items follows every page", async () => {
    await login();
    const run = await cli(["list-items", "--path", "/a", "--page-size", "2"]);
    expect(run.code).toBe(0);
    expect(
      gw.calls.filter((c) => c.method === "ListItems").map((c) => c.request.page_token),
    ).toEqual(["", "p2"]);
    expect(run.stdout.split("\n")[0]).toMatch(/^NAME\s+TYPE\s+VERSION\s+UPDATED$/);
    expect(run.stdout).toContain("/a/three");
    const json = await cli(["list-items", "--output", "json"]);
    expect(JSON.parse(json.stdout).items).toHaveLength(3);
  });

  it("encrypt, decrypt, sign and verify move bytes as base64", async () => {
    await login();
    const enc = await cli([
      "encrypt",
      "--key-name",
      "k",
      "--plaintext",
      "hi",
      "--context",
      "app=web",
    ]);
    expect(enc.stdout).toBe(`${Buffer.from("ct:hi").toString("base64")}\n`);
    expect(lastCall().request).toMatchObject({ context: { app: "web" } });
    const dec = await cli(["decrypt", "--key-name", "k", "--ciphertext", enc.stdout.trim()]);
    expect(dec.stdout).toBe("hi\n");

    const sig = await cli(["sign", "--key-name", "k", "--data", "doc"]);
    expect(Buffer.from(sig.stdout.trim(), "base64")).toEqual(Buffer.alloc(64, 7));
    const ok = await cli([
      "verify",
      "--key-name",
      "k",
      "--data",
      "doc",
      "--signature",
      sig.stdout.trim(),
    ]);
    expect(ok).toMatchObject({ code: 0, stdout: "valid\n" });
    const bad = await cli(["verify", "--key-name", "k", "--data", "doc", "--signature", "AAAA"]);
    expect(bad).toMatchObject({ code: 1, stdout: "invalid\n" });
    const notBase64 = await cli(["decrypt", "--key-name", "k", "--ciphertext", "not base64!"]);
    expect(notBase64).toMatchObject({ code: 2, stderr: "error: --ciphertext must be base64\n" });
  });

  it("role and auth-method commands build the right requests", async () => {
    await login();
    const rule = await cli([
      "set-role-rule",
      "--role-name",
      "reader",
      "--path",
      "/a/*",
      "--capability",
      "read",
      "--capability",
      "list",
    ]);
    expect(rule.code).toBe(0);
    expect(lastCall().request).toMatchObject({
      role_name: "reader",
      rule: { rule_type: "item", path: "/a/*", capabilities: ["read", "list"] },
    });
    expect(rule.stdout).toMatch(/^role reader\n/);
    const removed = await cli(["delete-role-rule", "--role-name", "reader", "--path", "/a/*"]);
    expect(removed.code).toBe(0);
    expect(lastCall()).toMatchObject({
      method: "DeleteRoleRule",
      request: { role_name: "reader", rule_type: "item", path: "/a/*" },
    });

    await cli([
      "assoc-role-auth-method",
      "--role-name",
      "reader",
      "--access-id",
      "p-1",
      "--sub-claim",
      "groups=dev",
      "--sub-claim",
      "groups=ops",
    ]);
    expect(lastCall().request).toMatchObject({
      sub_claims: { groups: { values: ["dev", "ops"] } },
    });

    const key = await cli([
      "create-auth-method-access-key",
      "--name",
      "ci",
      "--bound-cidr",
      "10.0.0.0/8",
    ]);
    expect(key.stdout).toContain("access key: shown-once");
    expect(lastCall().request).toMatchObject({ access_key: { bound_cidrs: ["10.0.0.0/8"] } });

    // The command's own --ca-file is the method's CA, not the CA the CLI trusts.
    await writeFile(join(home, "clients-ca.pem"), "PEM");
    const cert = await cli([
      "create-auth-method-cert",
      "--name",
      "c",
      "--ca-file",
      join(home, "clients-ca.pem"),
    ]);
    expect(cert.code).toBe(0);
    expect(lastCall().request).toMatchObject({ certificate: { ca_certificates: "PEM" } });

    const methods = await cli(["list-auth-methods"]);
    expect(methods.stdout).toMatch(/ci\s+p-123\s+access_key/);
  });

  it("get-audit-events turns --since into a time and prints a table", async () => {
    await login();
    const before = Date.now();
    const run = await cli([
      "get-audit-events",
      "--since",
      "1h",
      "--result",
      "allowed",
      "--limit",
      "10",
    ]);
    expect(run.code).toBe(0);
    const request = lastCall().request as { since_ms: string; result: string; page_size: number };
    expect(Number(request.since_ms)).toBeGreaterThanOrEqual(before - 3_600_000 - 1_000);
    expect(Number(request.since_ms)).toBeLessThanOrEqual(Date.now() - 3_600_000);
    expect(request).toMatchObject({ result: "allowed", page_size: 10 });
    expect(run.stdout).toMatch(
      /2026-11-22T10:00:00.000Z\s+p-123\s+get-secret-value\s+\/a\/one\s+allowed/,
    );
    const bad = await cli(["get-audit-events", "--since", "yesterday"]);
    expect(bad.code).toBe(2);
  });

  it("cluster-status prints the nodes", async () => {
    await login();
    const run = await cli(["cluster-status"]);
    expect(run.stdout).toMatch(/^coordinator c1 \(leader, fencing token 3\)/);
    expect(run.stdout).toMatch(/fm-1\s+1\s+r1\s+z1\s+yes/);
  });

  it("cluster-status shows the services behind the gateway and their health", async () => {
    await login();
    gw.on("ClusterStatus", () => ({
      coordinator_id: "c1",
      leader: true,
      fencing_token: 3,
      nodes: [],
      keys: [],
      services: [
        { name: "auth", address: "127.0.0.1:50061", healthy: true, detail: "" },
        { name: "audit", address: "127.0.0.1:50063", healthy: false, detail: "NOT_SERVING" },
      ],
    }));
    const run = await cli(["cluster-status"]);
    expect(run.stdout).toMatch(/SERVICE\s+ADDRESS\s+HEALTHY\nauth\s+127\.0\.0\.1:50061\s+yes\n/);
    expect(run.stdout).toMatch(/audit\s+127\.0\.0\.1:50063\s+NO \(NOT_SERVING\)\n/);
  });

  it("create-dfc-key --customer-frg-id names the customer fragment and shows it", async () => {
    await login();
    gw.on("CreateDfcKey", async (req) => {
      const r = req as { name: string; customer_frg_id: string };
      return {
        name: r.name,
        type: "dfc-key",
        dfc_key: {
          algorithm: "AES256GCM",
          slots: 4,
          threshold: 4,
          customer_slot: true,
          customer_frg_id: r.customer_frg_id,
          current_version: 1,
        },
      };
    });
    const run = await cli([
      "create-dfc-key",
      "--name",
      "/k/a",
      "--alg",
      "AES256GCM",
      "--customer-frg-id",
      "acme",
    ]);
    expect(run.code).toBe(0);
    expect(lastCall().request).toMatchObject({ customer_slot: true, customer_frg_id: "acme" });
    expect(run.stdout).toMatch(/slots: 4 of 4 \(customer slot acme\)/);
    await cli(["create-dfc-key", "--name", "/k/b", "--alg", "AES256GCM", "--customer-slot"]);
    expect(lastCall().request).toMatchObject({ customer_slot: true, customer_frg_id: "" });
  });

  it("long operations show progress only on a terminal", async () => {
    await login();
    const piped = await cli(["refresh-key", "--name", "k"]);
    expect(piped).toMatchObject({ code: 0, stderr: "", stdout: "refreshed k: epoch 4 (12 ms)\n" });
    gw.on("RefreshKey", async () => {
      await new Promise((r) => setTimeout(r, 250));
      return { epoch: 5, duration_ms: 250 };
    });
    const tty = await cli(["refresh-key", "--name", "k"], { tty: true });
    expect(tty.stderr).toContain("refreshing k");
    expect(tty.stdout).toBe("refreshed k: epoch 5 (250 ms)\n");
  });

  it("an expired token tells the user to log in again", async () => {
    await login("old");
    const profile = JSON.parse(await readFile(profileFile("old"), "utf8"));
    await writeFile(
      profileFile("old"),
      JSON.stringify({ ...profile, tokenExpiresAtMs: Date.now() - 1 }),
    );
    const local = await cli(["describe-item", "--name", "/a/b"], { profile: "old" });
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(
      /^error: the token of profile old expired at .*: run `keyfrag auth --profile old` again\n$/,
    );
    expect(gw.calls.filter((c) => c.method === "DescribeItem")).toHaveLength(0);
    // A profile never logged in is told how to log that profile in.
    const never = await cli(["describe-item", "--name", "/a/b"], { profile: "never" });
    expect(never.stderr).toBe(
      "error: not logged in (profile never): run `keyfrag auth --profile never` first, or set KEYFRAG_TOKEN\n",
    );

    // The gateway may know better (revocation, clock skew): same advice.
    await login();
    gw.expireTokens();
    const remote = await cli(["describe-item", "--name", "/a/b"]);
    expect(remote).toMatchObject({ code: 1 });
    expect(remote.stderr).toBe(
      "error: the token of profile default expired: run `keyfrag auth` again (UNAUTHENTICATED)\n",
    );
  });

  it("gateway errors are one line with the code name and exit code 1", async () => {
    await login();
    gw.failNext("DescribeItem", 10, () => new UnavailableError("gateway draining"));
    const down = await cli(["describe-item", "--name", "/a/b"]);
    expect(down).toMatchObject({
      code: 1,
      stdout: "",
      stderr: "error: gateway draining (UNAVAILABLE)\n",
    });
    expect(gw.calls.filter((c) => c.method === "DescribeItem")).toHaveLength(4);

    gw.failNext("DeleteItem", 1, () => new PermissionDeniedError("no delete on /a/b"));
    const denied = await cli(["delete-item", "--name", "/a/b"]);
    expect(denied).toMatchObject({
      code: 1,
      stderr: "error: no delete on /a/b (PERMISSION_DENIED)\n",
    });

    const unreachable = await cli(["--gateway", "127.0.0.1:1", "cluster-status"]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /^error: no gateway answers at 127\.0\.0\.1:1: .*\n {2}\(.*\(UNAVAILABLE\)\)\n$/,
    );
  });

  it("bad flags are usage errors (exit code 2)", async () => {
    await login();
    const unknown = await cli(["list-items", "--colour", "red"]);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toMatch(/^error: unknown option '--colour'/);
    const missing = await cli(["create-secret", "--value", "x"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--name <path>' not specified");
    const notNumber = await cli([
      "create-secret",
      "--name",
      "/x",
      "--value",
      "x",
      "--max-versions",
      "ten",
    ]);
    expect(notNumber).toMatchObject({
      code: 2,
      stderr: 'error: --max-versions must be a non-negative integer, not "ten"\n',
    });
    const noValue = await cli(["create-secret", "--name", "/x"]);
    expect(noValue).toMatchObject({
      code: 2,
      stderr: "error: --value or --value-file is required\n",
    });
    const badAlg = await cli(["create-dfc-key", "--name", "k", "--alg", "RSA"]);
    expect(badAlg.code).toBe(2);
    const badOutput = await cli(["--output", "xml", "cluster-status"]);
    expect(badOutput.code).toBe(2);
    const twoCreds = await cli(["auth", "--access-id", "p", "--access-key", "k", "--jwt", "j"]);
    expect(twoCreds.code).toBe(2);
    expect(gw.calls.filter((c) => c.method !== "Auth")).toHaveLength(0);
  });

  it("--version prints the CLI's version", async () => {
    const run = await cli(["--version"]);
    expect(run).toMatchObject({ code: 0, stdout: "keyfrag 0.1.0\n" });
  });

  it("auth takes the access key from a file or stdin, and says how long the login lasts", async () => {
    const auth = ["--gateway", gw.address, "--ca-file", gw.caFile, "auth", "--access-id", "p-123"];
    const keyFile = join(home, "key.txt");
    await writeFile(keyFile, "good-key\n", { mode: 0o600 });
    const fromFile = await cli([...auth, "--access-key-file", keyFile], { profile: "kf" });
    expect(fromFile).toMatchObject({ code: 0, stderr: "" });
    expect(fromFile.stdout).toMatch(/token stored in profile kf, valid for 1 minute \(until /);
    expect(lastCall().request).toMatchObject({ access_id: "p-123", access_key: "good-key" });

    // The credentials file `pnpm start` writes names the access id too.
    const credentials = join(home, "admin-credentials.json");
    await writeFile(credentials, JSON.stringify({ access_id: "p-9", access_key: "good-key" }));
    const fromJson = await cli(
      ["--gateway", gw.address, "--ca-file", gw.caFile, "auth", "--access-key-file", credentials],
      { profile: "kf" },
    );
    expect(fromJson.code).toBe(0);
    expect(lastCall().request).toMatchObject({ access_id: "p-9", access_key: "good-key" });

    const fromStdin = await cli([...auth, "--access-key", "-"], {
      profile: "kf",
      stdin: "good-key\n",
    });
    expect(fromStdin.code).toBe(0);
    expect(lastCall().request).toMatchObject({ access_id: "p-123", access_key: "good-key" });

    const missing = await cli([...auth, "--access-key-file", join(home, "nope")], {
      profile: "kf",
    });
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toMatch(/^error: cannot read --access-key-file .*nope: ENOENT\n$/);
  });

  it("KEYFRAG_TOKEN is sent instead of a profile's token (CI)", async () => {
    const { token } = gw.issueToken();
    const run = await cli(
      ["--gateway", gw.address, "--ca-file", gw.caFile, "describe-permissions"],
      {
        profile: "never-logged-in",
        env: { KEYFRAG_TOKEN: token },
      },
    );
    expect(run.code).toBe(0);
    expect(lastCall().authorization).toBe(`Bearer ${token}`);

    gw.expireTokens();
    const expired = await cli(
      ["--gateway", gw.address, "--ca-file", gw.caFile, "describe-permissions"],
      { profile: "never-logged-in", env: { KEYFRAG_TOKEN: token } },
    );
    expect(expired.stderr).toMatch(/^error: the token in KEYFRAG_TOKEN expired/);
  });

  it("--help names the environment variables the CLI reads", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    for (const name of ["KEYFRAG_TOKEN", "KEYFRAG_GATEWAY", "KEYFRAG_CA_FILE", "KEYFRAG_HOME"]) {
      expect(run.stdout).toContain(name);
    }
  });

  it("TLS and connection failures say what to do", async () => {
    const { token } = gw.issueToken();
    // A profile without the CA: the gateway's certificate is not trusted.
    const emptyHome = await mkdtemp(join(tmpdir(), "kf-cli-empty-"));
    const untrusted = await cli(["--gateway", gw.address, "describe-permissions"], {
      profile: "no-ca",
      env: { KEYFRAG_TOKEN: token, KEYFRAG_HOME: emptyHome },
    });
    await rm(emptyHome, { recursive: true, force: true });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(
      /^error: the gateway at 127\.0\.0\.1:\d+ has a TLS certificate this CLI does not trust: give its CA with --ca-file/,
    );
    const down = await cli(["--gateway", "127.0.0.1:1", "--ca-file", gw.caFile, "cluster-status"], {
      env: { KEYFRAG_TOKEN: token },
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^error: no gateway answers at 127\.0\.0\.1:1: is it running/);
  });

  it("a new profile reaches the default profile's gateway with its CA", async () => {
    await login();
    await rm(profileFile("second"), { force: true });
    const second = await cli(["auth", "--access-id", "p-123", "--access-key", "good-key"], {
      profile: "second",
    });
    expect(second).toMatchObject({ code: 0, stderr: "" });
    expect(second.stdout).toMatch(/token stored in profile second/);
    const saved = JSON.parse(await readFile(profileFile("second"), "utf8"));
    expect(saved).toMatchObject({ gateway: gw.address, caFile: resolve(gw.caFile) });
    expect(saved.token).not.toBe(JSON.parse(await readFile(profileFile(), "utf8")).token);

    // The CA follows its gateway only: another address starts without it.
    const { token } = gw.issueToken();
    const other = await cli(
      ["--gateway", gw.address.replace("127.0.0.1", "localhost"), "describe-permissions"],
      { profile: "third", env: { KEYFRAG_TOKEN: token } },
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/has a TLS certificate this CLI does not trust/);
    // A CA given by the environment wins over the inherited one.
    const envCa = await cli(["describe-permissions"], {
      profile: "fourth",
      env: { KEYFRAG_TOKEN: token, KEYFRAG_CA_FILE: join(home, "missing-ca.pem") },
    });
    expect(envCa.code).toBe(1);
    expect(envCa.stderr).toMatch(/missing-ca\.pem/);
  });

  it("an unknown flag is named as unknown, with the closest one", async () => {
    await login();
    const run = await cli(["create-secret", "--nme", "/x", "--value", "v"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: unknown option '--nme'\n\(Did you mean --name\?\)/);
    expect(gw.calls.filter((c) => c.method !== "Auth")).toHaveLength(0);
  });

  it("an unknown command suggests the command a Vault or Akeyless user means", async () => {
    const getSecret = await cli(["get-secret", "--name", "/a"]);
    expect(getSecret.code).toBe(2);
    expect(getSecret.stderr).toMatch(
      /^error: unknown command 'get-secret'\n\(Did you mean get-secret-value/,
    );
    const listSecrets = await cli(["--output", "json", "list-secrets"]);
    expect(listSecrets.stderr).toMatch(/\(Did you mean list-items/);
  });

  it("flags are named alike: get-public-key --name, --token-ttl as a duration, a folder with its slash", async () => {
    await login();
    gw.on("GetPublicKey", () => ({
      public_key: Buffer.alloc(32),
      public_key_pem: "PEM\n",
      version: 1,
    }));
    const byName = await cli(["get-public-key", "--name", "/keys/signer"]);
    expect(byName).toMatchObject({ code: 0, stdout: "PEM\n" });
    expect(lastCall().request).toMatchObject({ key_name: "/keys/signer" });
    // The older spelling still works.
    expect((await cli(["get-public-key", "--key-name", "/keys/signer"])).code).toBe(0);

    await cli(["create-auth-method-access-key", "--name", "ci", "--token-ttl", "8h"]);
    expect(lastCall().request).toMatchObject({ token_ttl_seconds: 28_800 });
    const zero = await cli(["create-auth-method-access-key", "--name", "ci", "--token-ttl", "0"]);
    expect(zero).toMatchObject({
      code: 2,
      stderr: "error: --token-ttl must be more than 0 (leave it out for the default)\n",
    });

    await cli(["list-items", "--path", "/demo/"]);
    expect(lastCall().request).toMatchObject({ path: "/demo" });
    await cli(["list-items", "--path", "/"]);
    expect(lastCall().request).toMatchObject({ path: "/" });
  });

  it("server messages name the command's flags, and seconds as durations", async () => {
    await login();
    gw.failNext(
      "CreateAuthMethod",
      1,
      () => new InvalidArgumentError("token_ttl_seconds must be at most 86400"),
    );
    const ttl = await cli(["create-auth-method-access-key", "--name", "x", "--token-ttl", "2d"]);
    expect(ttl.stderr).toBe("error: --token-ttl must be at most 1d (INVALID_ARGUMENT)\n");
    gw.failNext(
      "SetRoleRule",
      1,
      () => new InvalidArgumentError("rule.capabilities must not be empty; rule.path is bad"),
    );
    const rule = await cli([
      "set-role-rule",
      "--role-name",
      "r",
      "--path",
      "/a/*",
      "--capability",
      "read",
    ]);
    expect(rule.stderr).toBe(
      "error: --capability must not be empty; --path is bad (INVALID_ARGUMENT)\n",
    );
    // A field the command has no flag for stays as it is.
    gw.failNext("ListItems", 1, () => new InvalidArgumentError("page_token is malformed"));
    const page = await cli(["list-items"]);
    expect(page.stderr).toBe("error: page_token is malformed (INVALID_ARGUMENT)\n");
    // The caller's own names, quoted or as paths, are never rewritten.
    gw.failNext(
      "CreateSecret",
      1,
      () => new InvalidArgumentError('item "/a/key_name" exists; key /k/key_name is deleted'),
    );
    const named = await cli(["create-secret", "--name", "/a/key_name", "--value", "v"]);
    expect(named.stderr).toBe(
      'error: item "/a/key_name" exists; key /k/key_name is deleted (INVALID_ARGUMENT)\n',
    );
  });

  it("--output yaml prints what --output json does, as YAML", async () => {
    await login();
    const one = { name: "/a/one", type: "static-secret", current_version: 2, created_at_ms: 1 };
    gw.on("ListItems", () => ({ items: [one], next_page_token: "" }));
    const json = await cli(["list-items", "--output", "json"]);
    const yaml = await cli(["list-items", "--output", "yaml"]);
    expect(yaml.code).toBe(0);
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
    expect(yaml.stdout).toMatch(/^folders:\n {2}- \/a\/\nitems:\n {2}- /);
    // Times as RFC 3339, in YAML as in JSON.
    expect(JSON.parse(json.stdout).items[0].created_at).toBe("1970-01-01T00:00:00.001Z");
    expect(JSON.parse(json.stdout).items[0]).not.toHaveProperty("created_at_ms");
    expect(yaml.stdout).toContain("    name: /a/one\n");
  });

  it("purge-item asks the gateway to remove a deleted item for good", async () => {
    await login();
    gw.on("PurgeItem", (req: { name: string }) => ({
      name: req.name,
      type: "static-secret",
      deleted: true,
      current_version: 2,
    }));
    const run = await cli(["purge-item", "--name", "/a/gone"]);
    expect(run.code).toBe(0);
    expect(lastCall()).toMatchObject({ method: "PurgeItem", request: { name: "/a/gone" } });
    expect(run.stdout).toMatch(/^name: \/a\/gone\n/);
  });

  it("destroy-secret-version names the version and shows the versions with the destroyed one", async () => {
    await login();
    gw.on("DestroySecretVersion", (req: { name: string; version: number }) => ({
      name: req.name,
      type: "static-secret",
      current_version: 2,
      versions: [
        {
          version: 1,
          created_at_ms: "1800000000000",
          key_version: 1,
          destroyed_at_ms: "1800000060000",
        },
        { version: 2, created_at_ms: "1800000030000", key_version: 1, destroyed_at_ms: "0" },
      ],
    }));
    const run = await cli(["destroy-secret-version", "--name", "/a/b", "--version", "1"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(lastCall()).toMatchObject({
      method: "DestroySecretVersion",
      request: { name: "/a/b", version: 1 },
    });
    expect(run.stdout).toMatch(/^destroyed version 1 of \/a\/b\n/);
    const rows = run.stdout.split("\n").filter((l) => /^ {2}\d/.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^ {2}2\s+\S+\s+1$/);
    expect(rows[1]).toMatch(/^ {2}1\s+\S+\s+1\s+\S+$/);
    const missing = await cli(["destroy-secret-version", "--name", "/a/b"]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain("--version");
  });

  it("list-items names the folders directly under --path", async () => {
    await login();
    const row = (name: string) => ({ name, type: "static-secret", current_version: 1 });
    gw.on("ListItems", () => ({
      items: [
        row("/demo/db/password"),
        row("/demo/db/deep/x"),
        row("/demo/top"),
        row("/demo/api/key"),
      ],
      next_page_token: "",
    }));
    const run = await cli(["list-items", "--path", "/demo/"]);
    expect(run.stdout.split("\n")[0]).toBe("folders: /demo/api/  /demo/db/");
    const json = await cli(["list-items", "--path", "/demo", "--output", "json"]);
    expect(JSON.parse(json.stdout).folders).toEqual(["/demo/api/", "/demo/db/"]);
  });

  it("a long name does not stretch every row of a table", async () => {
    await login();
    const long = `/a/${"x".repeat(90)}`;
    const row = (name: string) => ({ name, type: "static-secret", current_version: 1 });
    gw.on("ListItems", () => ({
      items: [row("/a/one"), row(long), row("/a/two")],
      next_page_token: "",
    }));
    const run = await cli(["list-items"]);
    const lines = run.stdout.trimEnd().split("\n").slice(1); // after "folders: /a/"
    // Short names keep a narrow column; only the long name's own row is pushed along.
    expect(lines[1]).toMatch(/^\/a\/one {2,10}static-secret/);
    expect(lines[3]).toMatch(/^\/a\/two {2,10}static-secret/);
    expect(lines[2]).toMatch(new RegExp(`^${long} {2}static-secret`));
  });

  it("describe-item lists a secret's kept versions, newest first", async () => {
    await login();
    const at = (n: number) => Date.UTC(2026, 0, n);
    gw.on("DescribeItem", () => ({
      name: "/a/b",
      type: "static-secret",
      current_version: 3,
      max_versions: 10,
      versions: [
        { version: 2, created_at_ms: at(2), key_name: "/sys", key_version: 1 },
        { version: 3, created_at_ms: at(3), key_name: "/sys", key_version: 2 },
      ].sort((a, b) => a.version - b.version),
    }));
    const run = await cli(["describe-item", "--name", "/a/b"]);
    expect(run.stdout).toContain(
      `versions:\n  VERSION  CREATED                   KEY VERSION\n  3        ${new Date(at(3)).toISOString()}  2\n  2        ${new Date(at(2)).toISOString()}  1\n`,
    );
  });

  it("get-secret-value --ignore-cache asks the gateway to read past its cache", async () => {
    await login();
    await cli(["create-secret", "--name", "/a/b", "--value", "v"]);
    expect((await cli(["get-secret-value", "--name", "/a/b", "--ignore-cache"])).stdout).toBe(
      "v\n",
    );
    expect(lastCall().request).toMatchObject({ names: ["/a/b"], ignore_cache: true });
    await cli(["get-secret-value", "--name", "/a/b"]);
    expect(lastCall().request).toMatchObject({ ignore_cache: false });
  });

  it("verify-audit-chain says ok or where the chain breaks (exit code 1)", async () => {
    await login();
    gw.on("VerifyAuditChain", () => ({ ok: true, records: 42, broken_seq: 0, problem: "" }));
    const ok = await cli(["verify-audit-chain"]);
    expect(ok).toMatchObject({ code: 0, stdout: "ok: 42 records, chained\n" });
    gw.on("VerifyAuditChain", () => ({
      ok: false,
      records: 42,
      broken_seq: 17,
      problem: "hash mismatch",
    }));
    const broken = await cli(["verify-audit-chain"]);
    expect(broken).toMatchObject({ code: 1, stdout: "BROKEN at record 17: hash mismatch\n" });
  });

  it("export-audit-events writes the streamed JSON lines as they come, to stdout or a new 0600 file", async () => {
    await login();
    const line = (seq: number) =>
      `${JSON.stringify({ seq, action: "gateway.get-secret-value", time: 1000 * seq })}\n`;
    gw.on("ExportAuditEvents", () => [{ lines: line(3) + line(2) }, { lines: line(1) }]);
    const run = await cli(["export-audit-events", "--action", "get-secret-value", "--since", "1h"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(line(3) + line(2) + line(1));
    expect(lastCall()).toMatchObject({
      method: "ExportAuditEvents",
      request: { action: "get-secret-value" },
    });
    expect(Number(lastCall().request.since_ms)).toBeGreaterThan(Date.now() - 3_700_000);

    const file = join(home, "audit.jsonl");
    const toFile = await cli(["export-audit-events", "--out", file]);
    expect(toFile).toMatchObject({ code: 0, stderr: `wrote 3 records to ${file}\n` });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, "utf8")).toBe(line(3) + line(2) + line(1));
    const again = await cli(["export-audit-events", "--out", file]);
    expect(again).toMatchObject({ code: 1, stderr: `error: cannot write --out ${file}: EEXIST\n` });

    // A stream that fails leaves no incomplete file behind.
    const broken = join(home, "broken.jsonl");
    gw.failNext(
      "ExportAuditEvents",
      1,
      () => new PermissionDeniedError("read on audit /events denied"),
    );
    const denied = await cli(["export-audit-events", "--out", broken]);
    expect(denied).toMatchObject({
      code: 1,
      stderr: "error: read on audit /events denied (PERMISSION_DENIED)\n",
    });
    expect(existsSync(broken)).toBe(false);
  });

  it("the built executable prints its help", async () => {
    const bin = resolve(import.meta.dirname, "../dist/main.js");
    if (!existsSync(bin)) {
      await exec("npx", ["tsc", "--build", resolve(import.meta.dirname, "..")], {
        cwd: resolve(import.meta.dirname, "../../.."),
      });
    }
    const { stdout } = await exec(process.execPath, [bin, "--help"]);
    expect(stdout).toMatch(/^Usage: keyfrag \[options\] \[command\]/);
    expect(stdout).toContain("get-secret-value");
  });
});
