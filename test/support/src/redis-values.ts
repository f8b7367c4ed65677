import type { Redis } from "ioredis";

/**
 * Every value stored under `pattern`, as Redis returns it to a client (not `DUMP`, whose RDB
 * encoding compresses long strings, so a leaked secret in one would go unseen): for leak scans.
 * Each entry is one key's name followed by its members, fields and values. A key of a type this
 * does not know fails the scan rather than being skipped.
 */
export async function redisValues(client: Redis, pattern: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await client.scanBuffer(cursor, "MATCH", pattern, "COUNT", 500);
    cursor = String(next);
    for (const key of keys) {
      const type = await client.type(key);
      const parts: Buffer[] = [key];
      switch (type) {
        case "string":
          parts.push((await client.getBuffer(key)) ?? Buffer.alloc(0));
          break;
        case "hash":
          for (const [field, value] of Object.entries(await client.hgetallBuffer(key)))
            parts.push(Buffer.from(field), value);
          break;
        case "list":
          parts.push(...(await client.lrangeBuffer(key, 0, -1)));
          break;
        case "set":
          parts.push(...(await client.smembersBuffer(key)));
          break;
        case "zset":
          parts.push(...(await client.zrangeBuffer(key, 0, -1, "WITHSCORES")));
          break;
        case "stream":
          for (const [id, fields] of await client.xrangeBuffer(key, "-", "+"))
            parts.push(id, ...fields);
          break;
        case "none":
          continue; // expired or deleted since the scan saw it
        default:
          throw new Error(`redisValues: key ${key.toString()} has type ${type}, not read`);
      }
      out.push(Buffer.concat(parts.flatMap((p) => [p, Buffer.from("\n")])));
    }
  } while (cursor !== "0");
  return out;
}
