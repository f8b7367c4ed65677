/**
 * The value conventions of Akeyless V2 clients, as JSON Schema (TypeBox) and their parsing:
 * booleans, numbers and TTLs come as JSON values or as strings ("true", "3306", "60m"), and
 * item names with or without their leading "/". Pure: no I/O.
 */
import { ConflictError, InvalidArgumentError } from "@keyfrag/rpc";
import { type TSchema, Type } from "@sinclair/typebox";

/** A boolean, or the string "true" / "false". */
export const Bool = (description?: string) =>
  Type.Union([Type.Boolean(), Type.Union([Type.Literal("true"), Type.Literal("false")])], {
    ...(description ? { description } : {}),
  });

/** A non-negative integer, or one written as a string ("3306"). */
export const Int = (description?: string) =>
  Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: "^[0-9]{1,12}$" })], {
    ...(description ? { description } : {}),
  });

/** A duration: seconds as a number, or a string with units ("60m", "1h30m", "3600", "7d"). */
export const Ttl = (description?: string) =>
  Type.Union(
    [
      Type.Integer({ minimum: 0 }),
      Type.String({ pattern: "^([0-9]{1,9}|([0-9]{1,9}[smhd]){1,4})$", maxLength: 40 }),
    ],
    { ...(description ? { description } : {}) },
  );

/** An item name; "/" is added in front when missing. */
export const Name = (description: string) =>
  Type.String({ minLength: 1, maxLength: 1024, description });

/** A short free-form string (descriptions, types). */
export const Text = (description: string, maxLength = 4096) =>
  Type.String({ maxLength, description });

/** A list of strings, or one string (generated clients send either for some fields). */
export const Strings = (description: string) =>
  Type.Union([Type.Array(Type.String({ maxLength: 4096 }), { maxItems: 1000 }), Type.String()], {
    description,
  });

/** The fields every Akeyless V2 request may carry; `token` is the caller's token. */
export const COMMON_FIELDS = {
  token: Type.Optional(Type.String({ maxLength: 16_384, description: "The token from /auth" })),
  "uid-token": Type.Optional(Type.String({ description: "Accepted and ignored" })),
  json: Type.Optional(Bool("Accepted and ignored (answers are always JSON)")),
} satisfies Record<string, TSchema>;

/** A boolean field's value. */
export function bool(value: boolean | string | undefined, fallback = false): boolean {
  if (value === undefined) return fallback;
  return value === true || value === "true";
}

/** An integer field's value (0 when absent). */
export function int(value: number | string | undefined, field: string, max = 0xffff_ffff): number {
  if (value === undefined || value === "") return 0;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || n > max) {
    throw new InvalidArgumentError(`${field} must be an integer from 0 to ${max}`);
  }
  return n;
}

/** An optional port field as the connection settings hold it: absent stays absent, else 0–65535. */
export function portText(value: number | string | undefined, field: string): string | undefined {
  return value === undefined ? undefined : String(int(value, field, 65_535));
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A TTL field's value in seconds (0 when absent): 3600, "3600", "60m", "1h30m", "7d". */
export function ttlSeconds(value: number | string | undefined, field: string): number {
  if (value === undefined || value === "") return 0;
  if (typeof value === "number" || /^[0-9]+$/.test(value)) return int(value, field);
  let seconds = 0;
  for (const [, amount, unit] of value.matchAll(/([0-9]+)([smhd])/g)) {
    seconds += Number(amount) * (UNIT_SECONDS[unit as string] ?? 0);
  }
  if (seconds > 0xffff_ffff) throw new InvalidArgumentError(`${field} is too long`);
  return seconds;
}

/** An item name as keyfrag writes it: with its leading "/". */
export function itemName(value: string | undefined): string {
  if (!value) return "";
  return value.startsWith("/") ? value : `/${value}`;
}

/** A list field's values (one string is a list of one). */
export function strings(value: string[] | string | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? (value === "" ? [] : [value]) : value;
}

/** A millisecond timestamp (as proto-loader gives int64: a string) as an ISO date, or "". */
export function isoDate(ms: string | number | undefined | null): string {
  const n = Number(ms ?? 0);
  return n > 0 ? new Date(n).toISOString() : "";
}

/**
 * The auth method called `name` among `methods`, its leading "/" optional as for items. The auth
 * service keeps `x` and `/x` apart while policy treats them as one path (`/x`), so when both
 * exist: `ifBoth: "exact"` takes the exactly named one, `"refuse"` throws ConflictError naming
 * both (binding a role to the other one would grant it to whoever created that spelling).
 */
export function authMethodNamed<M extends { name?: string }>(
  methods: readonly M[],
  name: string,
  ifBoth: "exact" | "refuse",
): M | undefined {
  const bare = name.replace(/^\//, "");
  const matching = methods.filter((m) => (m.name ?? "").replace(/^\//, "") === bare);
  const exact = matching.find((m) => m.name === name);
  if (matching.length > 1 && ifBoth === "refuse") {
    const names = [...new Set(matching.map((m) => JSON.stringify(m.name ?? "")))].join(" and ");
    throw new ConflictError(
      `auth method name ${JSON.stringify(name)} is ambiguous: both ${names} exist; give the access-id instead`,
    );
  }
  return exact ?? matching[0];
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bytes as a JSON string: base64 when `format` asks for it, else UTF-8 text. Bytes that are not
 * UTF-8 (a binary secret, a binary plaintext) are refused rather than answered with U+FFFD in
 * place of what they hold: the caller asks again with `output-format: base64`.
 */
export function textOf(
  bytes: Uint8Array | string,
  format: string | undefined,
  what: string,
): string {
  const buffer =
    typeof bytes === "string"
      ? Buffer.from(bytes, "utf8")
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === "base64") return buffer.toString("base64");
  try {
    return UTF8.decode(buffer);
  } catch {
    throw new InvalidArgumentError(
      `${what} is binary (not UTF-8 text): ask with "output-format": "base64"`,
    );
  }
}
