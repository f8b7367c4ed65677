/** Output: JSON (the response, bytes as base64) and readable text (tables and lines). */

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The bytes as a UTF-8 string, or undefined when they are not text. */
export function asText(bytes: Uint8Array): string | undefined {
  try {
    const text = utf8.decode(bytes);
    // Control characters (other than whitespace) mean binary data, whatever the encoding says.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
    return /[\u0000-\u0008\u000e-\u001f\u007f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Bytes for JSON output: `{value, encoding}` with UTF-8 text when it is text, else base64. */
export function encodeBytes(bytes: Uint8Array): { value: string; encoding: "utf8" | "base64" } {
  const text = asText(bytes);
  return text === undefined
    ? { value: Buffer.from(bytes).toString("base64"), encoding: "base64" }
    : { value: text, encoding: "utf8" };
}

/** Fields holding a point in time in ms since the epoch (not durations such as duration_ms). */
const TIME_FIELD = /^(.*(?:_at|_since|_until|_seen|_after|_before)|time)_ms$/;

/**
 * A response made JSON-safe and uniform: every Buffer becomes base64, and every point in time
 * (`created_at_ms`, `time_ms`…, epoch milliseconds as the API carries them) an RFC 3339 string
 * under the name without `_ms` (`created_at`), null when unset.
 */
export function toJson(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return Buffer.from(value).toString("base64");
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const time = TIME_FIELD.exec(k);
        if (
          time?.[1] &&
          (typeof v === "number" || typeof v === "string") &&
          /^\d+$/.test(String(v))
        ) {
          return [time[1], Number(v) > 0 ? new Date(Number(v)).toISOString() : null];
        }
        return [k, toJson(v)];
      }),
    );
  }
  return value;
}

/**
 * An int64 field (decoded as a string) in milliseconds as an ISO 8601 time in the local time
 * zone, with its offset (`2026-12-07T16:05:00.000+01:00`; UTC as `…Z`); "" for 0/unset.
 */
export function isoTime(ms: string | number | undefined): string {
  const n = Number(ms ?? 0);
  if (!(n > 0)) return "";
  const offset = -new Date(n).getTimezoneOffset();
  if (offset === 0) return new Date(n).toISOString();
  const local = new Date(n + offset * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${offset > 0 ? "+" : "-"}${hh}:${mm}`;
}

/** Beyond this, a cell no longer widens its column: it overflows its own row only. */
export const MAX_COLUMN_WIDTH = 48;

/**
 * Columns padded to the widest cell (up to MAX_COLUMN_WIDTH), a header first. A longer cell
 * (a long name) pushes the rest of its own row along instead of stretching every row.
 */
export function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((c) => String(c ?? "")));
  const widths = header.map((_, i) =>
    Math.max(
      header[i]?.length ?? 0,
      ...cells
        .map((row) => row[i] ?? "")
        .filter((c) => c.length <= MAX_COLUMN_WIDTH)
        .map((c) => c.length),
    ),
  );
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** `key: value` lines, skipping empty values. */
export function fields(entries: readonly (readonly [string, unknown])[]): string {
  return entries
    .filter(([, v]) => v !== undefined && v !== "" && v !== null)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join("\n");
}

interface ItemLike {
  name: string;
  type: string;
  description?: string;
  tags?: string[];
  created_at_ms?: string;
  updated_at_ms?: string;
  deleted?: boolean;
  key_name?: string;
  current_version?: number;
  max_versions?: number;
  dfc_key?: {
    algorithm: string;
    slots: number;
    threshold: number;
    customer_slot: boolean;
    customer_frg_id?: string;
    rotation_interval_days: number;
    current_version: number;
  } | null;
  sealed_key?: { algorithm: string } | null;
  versions?: {
    version: number;
    created_at_ms?: string | number;
    key_version?: number;
    destroyed_at_ms?: string | number;
  }[];
}

/** An item as `key: value` lines, then its kept versions (newest first). */
export function formatItem(item: ItemLike): string {
  const versions = [...(item.versions ?? [])].reverse();
  const destroyed = (v: { destroyed_at_ms?: string | number }) =>
    Number(v.destroyed_at_ms ?? 0) > 0;
  // The column only when some version was destroyed: most items never have one.
  const anyDestroyed = versions.some(destroyed);
  const list =
    versions.length === 0 || item.dfc_key
      ? ""
      : `\nversions:\n${table(
          ["  VERSION", "CREATED", "KEY VERSION", ...(anyDestroyed ? ["DESTROYED"] : [])],
          versions.map((v) => [
            `  ${v.version}`,
            isoTime(v.created_at_ms),
            v.key_version ?? "",
            ...(anyDestroyed ? [destroyed(v) ? isoTime(v.destroyed_at_ms) : ""] : []),
          ]),
        )}`;
  return formatItemFields(item) + list;
}

function formatItemFields(item: ItemLike): string {
  const dfc = item.dfc_key;
  return fields([
    ["name", item.name],
    ["type", item.type],
    ["description", item.description],
    ["tags", item.tags?.join(", ")],
    ["version", dfc ? dfc.current_version : item.current_version],
    ["max versions", dfc ? undefined : item.max_versions || undefined],
    ["key", item.key_name],
    ["algorithm", dfc?.algorithm ?? item.sealed_key?.algorithm],
    [
      "slots",
      dfc
        ? `${dfc.threshold} of ${dfc.slots}${dfc.customer_slot ? ` (customer slot${dfc.customer_frg_id ? ` ${dfc.customer_frg_id}` : ""})` : ""}`
        : undefined,
    ],
    [
      "rotation",
      dfc?.rotation_interval_days ? `every ${dfc.rotation_interval_days} days` : undefined,
    ],
    ["created", isoTime(item.created_at_ms)],
    ["updated", isoTime(item.updated_at_ms)],
    ["deleted", item.deleted ? "yes" : undefined],
  ]);
}

/** Items as a table. */
export function formatItems(items: readonly ItemLike[]): string {
  if (items.length === 0) return "(no items)";
  return table(
    ["NAME", "TYPE", "VERSION", "UPDATED"],
    items.map((i) => [
      i.name + (i.deleted ? " (deleted)" : ""),
      i.type,
      i.dfc_key ? i.dfc_key.current_version : i.current_version,
      isoTime(i.updated_at_ms),
    ]),
  );
}

interface RuleLike {
  rule_type: string;
  path: string;
  capabilities: string[];
}

/** Rules as aligned lines: type, path, capabilities. */
export function formatRules(rules: readonly RuleLike[]): string {
  if (rules.length === 0) return "  (no rules)";
  return table(
    ["  TYPE", "PATH", "CAPABILITIES"],
    rules.map((r) => [`  ${r.rule_type}`, r.path, r.capabilities.join(",")]),
  );
}
