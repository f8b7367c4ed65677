import type { Redis } from "ioredis";

/**
 * Leader election over one Redis lock with a fencing token. The leader renews the lock every
 * `ttlMs / 3`; a coordinator that cannot renew stops acting as leader before the lock can
 * expire. Every decision the leader records goes through {@link LeaderElection.fencedWrite},
 * which Redis applies only while this coordinator still holds the lock with the same token:
 * a deposed leader that wakes up late cannot overwrite its successor's decisions.
 */
export function createLeaderElection(params: {
  redis: Redis;
  namespace: string;
  id: string;
  ttlMs: number;
  onChange?: (leader: boolean, token: number) => void;
}) {
  const { redis, id, ttlMs } = params;
  const lockKey = `${params.namespace}:leader`;
  const fenceKey = `${params.namespace}:fence`;
  let token = 0;
  let leader = false;
  let validUntil = 0;
  let timer: NodeJS.Timeout | undefined;

  const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
  const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
  // KEYS[1] lock, KEYS[2] fence, KEYS[3..] written; ARGV[1] id, ARGV[2] token, ARGV[3] n sets,
  // ARGV[4] n deletes, then n (value) for the first n written keys, the next deleted; a last
  // key left after those is a sorted set the remaining ARGV are added to (score 0).
  const FENCED_WRITE = `
    if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
    local n = tonumber(ARGV[3])
    local d = tonumber(ARGV[4])
    for i = 1, n do redis.call('SET', KEYS[2 + i], ARGV[4 + i]) end
    for i = n + 1, n + d do redis.call('DEL', KEYS[2 + i]) end
    if #KEYS > 2 + n + d then
      for i = 5 + n, #ARGV do redis.call('ZADD', KEYS[#KEYS], 0, ARGV[i]) end
    end
    return 1`;

  function setLeader(value: boolean): void {
    if (value === leader) return;
    leader = value;
    params.onChange?.(leader, token);
  }

  async function tick(): Promise<void> {
    const started = Date.now();
    try {
      if (leader) {
        const renewed = await redis.eval(RENEW, 1, lockKey, id, String(ttlMs));
        if (renewed === 1) validUntil = started + ttlMs;
        else setLeader(false);
      } else {
        const acquired = await redis.set(lockKey, id, "PX", ttlMs, "NX");
        if (acquired === "OK") {
          token = await redis.incr(fenceKey);
          validUntil = started + ttlMs;
          setLeader(true);
        }
      }
    } catch {
      // Redis unreachable: keep leadership only while the lock surely has not expired.
      if (leader && Date.now() > validUntil - ttlMs / 3) setLeader(false);
    }
  }

  return {
    /** Starts campaigning; resolves after the first attempt. */
    async start(): Promise<void> {
      await tick();
      timer = setInterval(() => void tick(), Math.max(50, Math.floor(ttlMs / 3)));
      timer.unref();
    },
    isLeader: () => leader && Date.now() < validUntil,
    token: () => token,
    /** Who holds the lock now (this or another coordinator), if anyone. */
    holder: () => redis.get(lockKey),
    /**
     * Atomically sets `sets`, deletes `deletes` and adds `index.members` to the sorted set
     * `index.key` (score 0, ordered by name), only if this coordinator is still the leader with
     * its fencing token. Returns false if it is not.
     */
    async fencedWrite(
      sets: Record<string, string>,
      deletes: string[] = [],
      index?: { key: string; members: readonly string[] },
    ): Promise<boolean> {
      if (!leader) return false;
      const keys = [
        lockKey,
        fenceKey,
        ...Object.keys(sets),
        ...deletes,
        ...(index ? [index.key] : []),
      ];
      const res = await redis.eval(
        FENCED_WRITE,
        keys.length,
        ...keys,
        id,
        String(token),
        String(Object.keys(sets).length),
        String(deletes.length),
        ...Object.values(sets),
        ...(index?.members ?? []),
      );
      return res === 1;
    },
    /** Stops campaigning and releases the lock if held. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      if (leader) await redis.eval(RELEASE, 1, lockKey, id).catch(() => undefined);
      setLeader(false);
    },
  };
}

export type LeaderElection = ReturnType<typeof createLeaderElection>;
