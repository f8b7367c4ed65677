import { keyIdFromName, keyPublicFromJson } from "@keyfrag/crypto";
import {
  type CoordinatorHandlers,
  InvalidArgumentError,
  type KeyInfo,
  keyAlgorithm,
  keyPublicToProto,
  type Logger,
  type NodeRole,
  UnavailableError,
  unary,
} from "@keyfrag/rpc";
import type { KeyRecord } from "./keys/key-registry.js";
import type { KeyService } from "./keys/key-service.js";
import type { LeaderElection } from "./leader/leader-election.js";
import type { Topology } from "./topology/topology.js";
import { keyVersionId } from "./topology/topology.js";

/** Reading topology and keys: gateway, operators' clients, peers. Changing keys: gateway only. */
const READERS = ["gateway", "client", "coordinator"] as const;
const WRITERS = ["gateway"] as const;
/** Keys per ClusterStatus page when the caller names no size, and the most it may ask for. */
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1_000;

/**
 * A page token is the position of the page's first key in the name index, nothing else: it
 * never carries a key name, which the gateway's caller may not be allowed to list.
 */
const pageToken = (offset: number) => Buffer.from(`p${offset}`, "utf8").toString("base64url");

/** The position a page token says to continue from; 0 for the first page. */
function pageOffset(token: string): number {
  if (token === "") return 0;
  const text = Buffer.from(token, "base64url").toString("utf8");
  const offset = /^p[1-9][0-9]{0,9}$/.test(text) ? Number(text.slice(1)) : Number.NaN;
  if (!Number.isSafeInteger(offset) || pageToken(offset) !== token)
    throw new InvalidArgumentError("page_token is not one ClusterStatus issued");
  return offset;
}

/** The `keyfrag.v1.Coordinator` gRPC service. */
export function coordinatorHandlers(deps: {
  coordinatorId: string;
  keys: KeyService;
  topology: Topology;
  leader: LeaderElection;
  /** Told about every new key version (creation or rotation), e.g. to schedule its refresh. */
  onKeyCreated: (rec: KeyRecord) => Promise<void>;
  /**
   * Whether the coordinator's Redis (keys, leadership) is connected now; without it every call
   * fails at once, UNAVAILABLE naming the control plane, instead of waiting on ioredis's queue.
   * Absent: always.
   */
  storeReady?: () => boolean;
  logger: Logger;
}): CoordinatorHandlers {
  const { keys, topology, leader } = deps;
  const storeReady = deps.storeReady ?? (() => true);
  const guarded =
    (roles: readonly NodeRole[]) =>
    <Req, Res>(fn: (req: Req) => Promise<Res>) =>
      unary<Req, Res>(
        (req) => {
          if (!storeReady())
            throw new UnavailableError(
              `control plane unavailable: coordinator ${deps.coordinatorId} cannot reach its Redis`,
            );
          return fn(req);
        },
        { logger: deps.logger, roles },
      );
  const rpc = guarded(READERS);
  const write = guarded(WRITERS);

  /** Only the leader changes keys; followers send callers to it (UNAVAILABLE is retryable). */
  async function leaderOnly(): Promise<void> {
    if (!leader.isLeader()) {
      const holder = await leader.holder().catch(() => null);
      throw new UnavailableError(
        `coordinator ${deps.coordinatorId} is not the leader${holder ? `; ${holder} is` : ""}`,
      );
    }
  }

  /**
   * A key is looked up only once the topology knows a replica of each of its slots, or has
   * settled: a coordinator just started would otherwise hand out a placement missing nodes it
   * has not heard from yet. Not ready is UNAVAILABLE, so the caller tries another coordinator.
   */
  function ensureReady(rec: KeyRecord): void {
    if (topology.settled()) return;
    const missing = keyPublicFromJson(rec.public).slots.filter(
      (slot) => topology.placement(slot).replicas.length === 0,
    );
    if (missing.length > 0)
      throw new UnavailableError(
        `coordinator ${deps.coordinatorId} is not ready: no replica of slot ${missing.join(", ")} has reported to it yet`,
      );
  }

  /** A key's customer fragment (KF_CUSTOMER_SLOTS) in KeyInfo's fields; none: zero values. */
  function customerOf(slots: readonly number[]) {
    const customer = keys.customerFragmentOf(slots);
    return { customer_fragment_slot: customer?.slot ?? 0, customer_frg_id: customer?.id ?? "" };
  }

  function keyInfo(rec: KeyRecord): KeyInfo {
    const key = keyPublicFromJson(rec.public);
    const id = keyVersionId(rec.keyId, rec.version);
    return {
      name: rec.name,
      ref: { key_id: keyIdFromName(rec.name), version: rec.version },
      algorithm: rec.algorithm,
      public_data: keyPublicToProto(key),
      placement: key.slots.map((slot) => ({
        slot,
        replicas: topology.placement(slot).replicas.map((n, i) => ({
          node_id: n.nodeId,
          region: n.region,
          zone: n.zone,
          address: n.address,
          healthy: topology.healthy(n),
          epoch: n.keys.get(id)?.epoch ?? 0,
          primary: i === 0,
        })),
      })),
      created_at_ms: String(rec.createdAt),
      last_refresh_at_ms: String(rec.lastRefreshAt),
      ...customerOf(key.slots),
    };
  }

  return {
    CreateKey: write(async (req) => {
      const algorithm = keyAlgorithm(req.algorithm);
      await leaderOnly();
      // A just-started (or just-elected) coordinator would otherwise place the new version over
      // only the slots it has heard from yet: wait until its topology has settled.
      await topology.whenSettled();
      const rec = await keys.createKey({
        name: req.name,
        algorithm,
        slots: req.slots,
        threshold: req.threshold,
        customerSlot: req.customer_slot,
        customerFrgId: req.customer_frg_id,
        gatewayCustomerSlot: req.gateway_customer_slot,
      });
      await deps.onKeyCreated(rec);
      return keyInfo(rec);
    }),
    RotateKey: write(async (req) => {
      await leaderOnly();
      await topology.whenSettled();
      const rec = await keys.rotateKey(req.name);
      await deps.onKeyCreated(rec);
      return keyInfo(rec);
    }),
    GetKey: rpc(async (req) => {
      const rec = await keys.getKey(req.name, req.version);
      ensureReady(rec);
      return keyInfo(rec);
    }),
    RefreshKey: write(async (req) => {
      await leaderOnly();
      const { epoch, durationMs } = await keys.refreshKey(req.name, req.version);
      return { epoch, duration_ms: String(durationMs) };
    }),
    ClusterStatus: rpc(async (req) => {
      const size = req.page_size || DEFAULT_PAGE_SIZE;
      if (size > MAX_PAGE_SIZE)
        throw new InvalidArgumentError(`page_size must be at most ${MAX_PAGE_SIZE}`);
      const page = await keys.pageKeys(pageOffset(req.page_token), size);
      // What each node holds of this page's keys only: the answer's size follows the page.
      const onPage = page.records.map((r) => ({ id: keyVersionId(r.keyId, r.version), rec: r }));
      return {
        coordinator_id: deps.coordinatorId,
        leader: leader.isLeader(),
        fencing_token: String(leader.token()),
        nodes: topology.nodes().map((n) => ({
          node_id: n.nodeId,
          region: n.region,
          zone: n.zone,
          slot: n.slot,
          address: n.address,
          healthy: topology.healthy(n),
          last_seen_ms: String(n.lastSeen),
          keys: onPage.flatMap(({ id, rec }) => {
            const held = n.keys.get(id);
            return held ? [{ name: rec.name, version: rec.version, epoch: held.epoch }] : [];
          }),
          key_versions_held: n.keyCount,
        })),
        keys: page.records.map((r) => ({
          name: r.name,
          version: r.version,
          epoch: r.public.epoch,
          last_refresh_at_ms: String(r.lastRefreshAt),
        })),
        next_page_token: page.next === undefined ? "" : pageToken(page.next),
        key_count: page.total,
      };
    }),
  };
}
