import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisBus } from '../../bus/bus.js';
import type { AppContext } from '../../context.js';

/**
 * Failed logins per account, beside the per-address limit of the routes: an address limit alone lets a
 * botnet (or one phone hopping carrier addresses) guess one account's password without end. After
 * `MAX_FAILURES` wrong passwords within `WINDOW_MS` the account answers 429 until the window ends.
 * One counter serves the API and the form; with Redis every node shares it. Unknown e-mails count
 * the same way, so the answer never tells which accounts exist. A correct password resets it.
 */
const LOGIN_LIMIT = { maxFailures: 10, windowMs: 15 * 60_000 };

interface LoginThrottle {
  /** Seconds until the account may try again, or 0. */
  blockedFor(email: string): Promise<number>;
  failed(email: string): Promise<void>;
  succeeded(email: string): Promise<void>;
}

/** Keys carry a hash of the address, not the address: Redis never holds who tried to log in. */
const keyOf = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);

function redisThrottle(redis: Redis, prefix: string): LoginThrottle {
  const k = (email: string) => `${prefix}:login-fail:${keyOf(email)}`;
  return {
    async blockedFor(email) {
      const [count, ttl] = await Promise.all([redis.get(k(email)), redis.pttl(k(email))]);
      return Number(count ?? 0) >= LOGIN_LIMIT.maxFailures && ttl > 0 ? Math.ceil(ttl / 1000) : 0;
    },
    async failed(email) {
      // The window starts at the first failure (NX): more failures do not push it further.
      await redis.multi().incr(k(email)).pexpire(k(email), LOGIN_LIMIT.windowMs, 'NX').exec();
    },
    async succeeded(email) {
      await redis.del(k(email));
    },
  };
}

function memoryThrottle(): LoginThrottle {
  // Per process by design: a single node's counter (with Redis configured, the Redis one is used).
  const fails = new Map<string, { count: number; until: number }>();
  const live = (email: string) => {
    const e = fails.get(keyOf(email));
    if (e && e.until <= Date.now()) fails.delete(keyOf(email));
    return e && e.until > Date.now() ? e : null;
  };
  return {
    async blockedFor(email) {
      const e = live(email);
      return e && e.count >= LOGIN_LIMIT.maxFailures ? Math.ceil((e.until - Date.now()) / 1000) : 0;
    },
    async failed(email) {
      const e = live(email);
      if (e) e.count++;
      else {
        // Old entries go when the map grows: it never holds more than a window's worth of names.
        if (fails.size > 100_000) for (const k of [...fails.keys()].slice(0, 50_000)) fails.delete(k);
        fails.set(keyOf(email), { count: 1, until: Date.now() + LOGIN_LIMIT.windowMs });
      }
    },
    async succeeded(email) {
      fails.delete(keyOf(email));
    },
  };
}

export function createLoginThrottle(ctx: Pick<AppContext, 'bus' | 'config'>): LoginThrottle {
  return ctx.bus instanceof RedisBus && ctx.config.redis
    ? redisThrottle(ctx.bus.redis, ctx.config.redis.prefix)
    : memoryThrottle();
}
