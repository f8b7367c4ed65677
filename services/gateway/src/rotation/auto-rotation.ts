/**
 * Automatic rotation: a DFC key item with `rotation_interval_days > 0` gets a new version once
 * that interval has passed since its last rotation.
 */
import {
  call,
  type DfcKeySpec__Output,
  FailedPreconditionError,
  type Item__Output,
  type KeyInfo__Output,
  type SecretsClient,
} from "@keyfrag/rpc";

export const DAY_MS = 86_400_000;
const PAGE_SIZE = 100;
const CALL_DEADLINE_MS = 15_000;

/** When a key item is next due for rotation (ms), or undefined when it never rotates by itself. */
export function nextRotationAt(spec: DfcKeySpec__Output | null | undefined): number | undefined {
  if (!spec || spec.rotation_interval_days <= 0) return undefined;
  const last = Number(spec.last_rotated_at_ms);
  if (!Number.isSafeInteger(last)) return undefined;
  return last + spec.rotation_interval_days * DAY_MS;
}

/** Whether `item` is a DFC key whose rotation interval has passed at `nowMs`. */
export function rotationDue(item: Item__Output, nowMs: number): boolean {
  if (item.type !== "dfc-key" || item.deleted) return false;
  const due = nextRotationAt(item.dfc_key);
  return due !== undefined && due <= nowMs;
}

/** Every live DFC key item whose rotation is due at `nowMs`. */
export async function dueKeys(secrets: SecretsClient, nowMs: number): Promise<Item__Output[]> {
  const due: Item__Output[] = [];
  let pageToken = "";
  do {
    const page = await call(
      secrets,
      "ListItems",
      { path: "/", type: "dfc-key", page_size: PAGE_SIZE, page_token: pageToken },
      { deadlineMs: CALL_DEADLINE_MS },
    );
    due.push(...page.items.filter((i) => rotationDue(i, nowMs)));
    pageToken = page.next_page_token;
  } while (pageToken !== "");
  return due;
}

/**
 * The rotation the RotateKey handler does, as one function: a new version at the leader
 * coordinator, then recorded on the key item (which also sets its `last_rotated_at_ms`).
 * Resolves with the new version.
 */
export function rotateKeyItem(deps: {
  keys: { rotate(name: string): Promise<KeyInfo__Output> };
  secrets: SecretsClient;
}): (name: string, requestId?: string) => Promise<number> {
  return async (name, requestId) => {
    const info = await deps.keys.rotate(name);
    const version = info.ref?.version ?? 0;
    if (version < 1) throw new FailedPreconditionError(`rotating ${name} returned no version`);
    await call(
      deps.secrets,
      "AddKeyVersion",
      { name, version },
      { deadlineMs: CALL_DEADLINE_MS, ...(requestId ? { requestId } : {}) },
    );
    return version;
  };
}
