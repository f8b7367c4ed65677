import { X509Certificate } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMPOSE_HOME, composeTopology, localPaths } from "@keyfrag/local-cluster";
import { verifySlotCertificate } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "./args.js";
import {
  distributeClusterState,
  ensureClusterState,
  pkiCaCommand,
  pkiCommand,
  RUNTIME_GID,
  RUNTIME_UID,
  TOPOLOGIES,
} from "./pki.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-pki-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sink = () => {
  let text = "";
  const stream = {
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return { stream, text: () => text };
};

describe("the compose cluster's state", () => {
  it("certifies every process for its compose host and loopback, once", async () => {
    const home = join(dir, "compose");
    const compose = TOPOLOGIES.compose;
    if (!compose) throw new Error("no compose topology");
    const specs = compose.specs();
    const made = await ensureClusterState({ home, specs, hostsOf: compose.hostsOf });
    expect(made).toContain("dev CA");
    expect(made).toContain("audit key");
    const paths = localPaths(home);
    const ca = await readFile(paths.ca, "utf8");

    const gateway = specs.find((s) => s.service === "gateway");
    if (!gateway?.customer) throw new Error("the compose gateway holds a customer fragment");
    const cert = new X509Certificate(await readFile(paths.cert(gateway.name)));
    expect(cert.subjectAltName?.split(", ")).toEqual(
      expect.arrayContaining([`DNS:${gateway.name}`, "DNS:localhost", "IP Address:127.0.0.1"]),
    );
    for (const spec of specs.filter((s) => s.slot !== undefined)) {
      const identity = verifySlotCertificate(await readFile(paths.cert(spec.name), "utf8"), ca);
      expect(identity.slot).toBe(spec.slot);
      expect(existsSync(paths.identityKey(spec.name))).toBe(true);
    }
    const customer = verifySlotCertificate(
      await readFile(paths.cert(gateway.customer.name), "utf8"),
      ca,
    );
    expect(customer.slot).toBe(gateway.customer.slot);

    // Run as root (as an operator might), the files are handed to the image's runtime user.
    if (process.getuid?.() === 0) {
      for (const file of [paths.ca, paths.key(gateway.name), paths.identityKey("fm-1a")]) {
        expect(await stat(file)).toMatchObject({ uid: RUNTIME_UID, gid: RUNTIME_GID });
      }
    }

    // A restart of the one-shot step keeps everything (fragments stay readable).
    const identityKey = await readFile(paths.identityKey("fm-1a"), "utf8");
    expect(await ensureClusterState({ home, specs, hostsOf: compose.hostsOf })).toEqual([]);
    expect(await readFile(paths.identityKey("fm-1a"), "utf8")).toBe(identityKey);
  });

  it("copies each process only its own files: the CA key and other nodes' keys stay behind", async () => {
    const home = join(dir, "distributed");
    const out = join(dir, "secrets");
    const compose = TOPOLOGIES.compose;
    if (!compose) throw new Error("no compose topology");
    // The compose processes' environment, pointed at this test's folder.
    const specs = compose.specs().map((s) => ({
      ...s,
      env: Object.fromEntries(
        Object.entries(s.env).map(([k, v]) => [k, v.replace(COMPOSE_HOME, home)]),
      ),
    }));
    await ensureClusterState({ home, specs, hostsOf: compose.hostsOf });
    expect(await distributeClusterState({ home, specs, outDir: out })).toEqual(
      specs.map((s) => s.name),
    );
    const paths = localPaths(home);
    for (const spec of specs) {
      const copied = (await readdir(join(out, spec.name), { recursive: true })).map((f) =>
        join(home, f),
      );
      expect(copied, spec.name).not.toContain(join(paths.pki, "ca-key.pem"));
      const keys = copied.filter((f) => /(-key\.pem|\.key)$/.test(f) && f !== paths.auditKey);
      // Its TLS key; a fragment node's identity and node keys (a gateway's customer fragment's).
      const fragmentNode = spec.slot !== undefined ? spec.name : spec.customer?.name;
      const expected = [paths.key(spec.name)];
      if (spec.customer) expected.push(paths.key(spec.customer.name));
      if (fragmentNode) expected.push(paths.identityKey(fragmentNode), paths.nodeKey(fragmentNode));
      expect(keys.sort(), spec.name).toEqual(expected.sort());
      // Every file its environment names is there, with the same content.
      for (const [name, value] of Object.entries(spec.env)) {
        if (!/_(FILE|CA|CERT|KEY)$/.test(name) || name === "KF_BOOTSTRAP_CREDENTIALS_FILE")
          continue;
        const copy = join(out, spec.name, value.slice(home.length + 1));
        expect(await readFile(copy, "utf8"), `${spec.name} ${name}`).toBe(
          await readFile(value, "utf8"),
        );
      }
    }
    // A fragment manager's slot peers: the identity keys of its slot's three replicas.
    const peers = await readFile(join(out, "fm-2b", "keys", "slot-2.peers"), "utf8");
    expect(peers.split("\n").filter((l) => /^[0-9a-f]{64} fm-2[abc]$/.test(l))).toHaveLength(3);
  });

  it("refuses a --home where the topology's processes do not look", async () => {
    const out = sink();
    const run = pkiCommand(["--home", join(dir, "elsewhere"), "--topology", "compose"], out.stream);
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(`${COMPOSE_HOME}/pki/ca.pem`);
    expect(existsSync(join(dir, "elsewhere"))).toBe(false);
    // The compose processes read their state where the command is pointed by docker-compose.
    expect(composeTopology().every((s) => s.env.KF_TLS_CA === localPaths(COMPOSE_HOME).ca)).toBe(
      true,
    );
    await expect(pkiCommand(["--home", "/x", "--topology", "k8s"], out.stream)).rejects.toThrow(
      /not one of compose/,
    );
  });
});

describe("pki-ca", () => {
  it("makes a CA once and will not replace it unless forced", async () => {
    const out = sink();
    const caDir = join(dir, "ca");
    expect(await pkiCaCommand(["--out-dir", caDir], out.stream)).toBe(0);
    expect(out.text()).toContain("kubectl create secret generic");
    const first = await readFile(join(caDir, "ca.pem"), "utf8");
    await expect(pkiCaCommand(["--out-dir", caDir], out.stream)).rejects.toThrow(/--force/);
    expect(await readFile(join(caDir, "ca.pem"), "utf8")).toBe(first);
    expect(await pkiCaCommand(["--out-dir", caDir, "--force"], out.stream)).toBe(0);
    expect(await readFile(join(caDir, "ca.pem"), "utf8")).not.toBe(first);
  });
});
