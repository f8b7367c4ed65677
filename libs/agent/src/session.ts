/** The agent's login: one gateway client, a token renewed at two thirds of its life. */
import { readFile } from "node:fs/promises";
import {
  createKeyfragClient,
  type KeyfragClient,
  type KeyfragCredentials,
  UnauthenticatedError,
} from "@keyfrag/sdk";
import type { AuthConfig } from "./agent-config.js";

export interface Session extends Disposable {
  readonly client: KeyfragClient;
  /** Runs `fn` with a valid token: logs in first when due, and once more on UNAUTHENTICATED. */
  call<T>(fn: (client: KeyfragClient) => Promise<T>): Promise<T>;
}

export interface SessionOptions {
  gateway: string;
  caFile: string | undefined;
  caPem?: string | undefined;
  auth: AuthConfig;
  /** Deadline of each call (default 10 s). */
  deadlineMs?: number;
}

/** Reads the credential from its file at each login (kubelet rotates projected tokens). */
async function readCredentials(auth: AuthConfig): Promise<KeyfragCredentials> {
  const read = async (file: string, what: string) => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (err) {
      throw new Error(`cannot read the ${what} ${file}: ${(err as NodeJS.ErrnoException).code}`);
    }
    const value = text.trim();
    if (!value) throw new Error(`the ${what} ${file} is empty`);
    return value;
  };
  switch (auth.method) {
    case "kubernetes":
      return { jwt: await read(auth.tokenFile, "service-account token"), accessId: auth.accessId };
    case "access-key":
      return { accessId: auth.accessId, accessKey: await read(auth.accessKeyFile, "access key") };
    case "certificate":
      return { certificate: true, ...(auth.accessId ? { accessId: auth.accessId } : {}) };
  }
}

export function createSession(options: SessionOptions): Session {
  const { auth } = options;
  const client = createKeyfragClient({
    address: options.gateway,
    ...(options.caPem
      ? { ca: Buffer.from(options.caPem) }
      : options.caFile
        ? { caFile: options.caFile }
        : {}),
    ...(auth.method === "certificate" ? { certFile: auth.certFile, keyFile: auth.keyFile } : {}),
    deadlineMs: options.deadlineMs ?? 10_000,
  });
  let renewAtMs = 0;
  let pending: Promise<void> | undefined;
  const login = () => {
    pending ??= (async () => {
      const startedAt = Date.now();
      const res = await client.auth(await readCredentials(auth));
      const life = Math.max(0, Number(res.expires_at_ms) - startedAt);
      renewAtMs = startedAt + (life * 2) / 3;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };
  return {
    client,
    async call(fn) {
      if (Date.now() >= renewAtMs) await login();
      try {
        return await fn(client);
      } catch (err) {
        // A token revoked or expired early (clock skew): one fresh login, then the error stands.
        if (!(err instanceof UnauthenticatedError)) throw err;
        await login();
        return fn(client);
      }
    },
    [Symbol.dispose]() {
      client.close();
    },
  };
}
