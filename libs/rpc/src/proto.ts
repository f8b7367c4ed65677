/** Loads the keyfrag contracts (proto/keyfrag/v1) with the one fixed set of loader options. */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPackageDefinition } from "@grpc/grpc-js";
import { loadSync, type Options, type PackageDefinition } from "@grpc/proto-loader";
import type { ProtoGrpcType as AuditProto } from "./generated/audit.js";
import type { ProtoGrpcType as AuthProto } from "./generated/auth.js";
import type { ProtoGrpcType as CoordinatorProto } from "./generated/coordinator.js";
import type { ProtoGrpcType as FragmentProto } from "./generated/fragment.js";
import type { ProtoGrpcType as GatewayProto } from "./generated/gateway.js";
import type { AuditDefinition } from "./generated/keyfrag/v1/Audit.js";
import type { AuthDefinition } from "./generated/keyfrag/v1/Auth.js";
import type { CoordinatorDefinition } from "./generated/keyfrag/v1/Coordinator.js";
import type { CustomerLinkDefinition } from "./generated/keyfrag/v1/CustomerLink.js";
import type { FragmentManagerDefinition } from "./generated/keyfrag/v1/FragmentManager.js";
import type { GatewayDefinition } from "./generated/keyfrag/v1/Gateway.js";
import type { GatewayInternalDefinition } from "./generated/keyfrag/v1/GatewayInternal.js";
import type { PolicyDefinition } from "./generated/keyfrag/v1/Policy.js";
import type { ProducersDefinition } from "./generated/keyfrag/v1/Producers.js";
import type { SecretsDefinition } from "./generated/keyfrag/v1/Secrets.js";
import type { ProtoGrpcType as LinkProto } from "./generated/link.js";
import type { ProtoGrpcType as PolicyProto } from "./generated/policy.js";
import type { ProtoGrpcType as ProducersProto } from "./generated/producers.js";
import type { ProtoGrpcType as SecretsProto } from "./generated/secrets.js";

/**
 * The loader options every keyfrag process uses. `proto-loader-gen-types` runs with the same
 * ones (`pnpm gen:proto`), so the generated types describe exactly what is decoded.
 */
export const PROTO_LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
} as const satisfies Options;

const CONTRACT_DIR = join("keyfrag", "v1");

/**
 * Finds the repository's `proto/` folder by walking up from this module, so the same code
 * works from src (tests, tsx) and from dist (compiled), in the repo or in an image that keeps
 * the repo layout.
 */
export function findProtoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, "proto");
    if (existsSync(join(candidate, CONTRACT_DIR))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`no proto/${CONTRACT_DIR} folder above ${from}`);
    }
    dir = parent;
  }
}

/** The typed grpc object of the keyfrag package (`keyfrag.v1.*`). */
export type KeyfragGrpcObject = FragmentProto &
  CoordinatorProto &
  AuthProto &
  PolicyProto &
  AuditProto &
  SecretsProto &
  ProducersProto &
  GatewayProto &
  LinkProto;

export interface KeyfragProto {
  /** Root of the include path (the repository's `proto/` folder). */
  protoRoot: string;
  /** The raw definition, as server reflection needs it. */
  packageDefinition: PackageDefinition;
  /** Constructors and definitions, e.g. `grpcObject.keyfrag.v1.FragmentManager`. */
  grpcObject: KeyfragGrpcObject;
  fragmentManager: FragmentManagerDefinition;
  coordinator: CoordinatorDefinition;
  auth: AuthDefinition;
  policy: PolicyDefinition;
  audit: AuditDefinition;
  secrets: SecretsDefinition;
  gateway: GatewayDefinition;
  producers: ProducersDefinition;
  gatewayInternal: GatewayInternalDefinition;
  customerLink: CustomerLinkDefinition;
}

const loaded = new Map<string, KeyfragProto>();

/** Loads every `.proto` file of `proto/keyfrag/v1` (once per process, then cached). */
export function loadKeyfragProto(protoRoot: string = findProtoRoot()): KeyfragProto {
  const cached = loaded.get(protoRoot);
  if (cached) return cached;
  const files = readdirSync(join(protoRoot, CONTRACT_DIR))
    .filter((name) => name.endsWith(".proto"))
    .sort()
    .map((name) => `keyfrag/v1/${name}`);
  const packageDefinition = loadSync(files, {
    ...PROTO_LOADER_OPTIONS,
    includeDirs: [protoRoot],
  });
  const grpcObject = loadPackageDefinition(packageDefinition) as unknown as KeyfragGrpcObject;
  const proto: KeyfragProto = {
    protoRoot,
    packageDefinition,
    grpcObject,
    fragmentManager: grpcObject.keyfrag.v1.FragmentManager.service,
    coordinator: grpcObject.keyfrag.v1.Coordinator.service,
    auth: grpcObject.keyfrag.v1.Auth.service,
    policy: grpcObject.keyfrag.v1.Policy.service,
    audit: grpcObject.keyfrag.v1.Audit.service,
    secrets: grpcObject.keyfrag.v1.Secrets.service,
    gateway: grpcObject.keyfrag.v1.Gateway.service,
    producers: grpcObject.keyfrag.v1.Producers.service,
    gatewayInternal: grpcObject.keyfrag.v1.GatewayInternal.service,
    customerLink: grpcObject.keyfrag.v1.CustomerLink.service,
  };
  loaded.set(protoRoot, proto);
  return proto;
}
