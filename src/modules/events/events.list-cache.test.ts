import { describe, expect, it } from 'vitest';
import { PublicListCache } from './events.list-cache.js';

describe('PublicListCache', () => {
  it('loads once for callers arriving together and serves the answer until it expires', async () => {
    const cache = new PublicListCache(1000);
    let loads = 0;
    const load = async () => `body ${++loads}`;
    expect(await Promise.all([cache.get(load, 0), cache.get(load, 0), cache.get(load, 0)])).toEqual([
      'body 1',
      'body 1',
      'body 1',
    ]);
    expect(await cache.get(load, 0)).toBe('body 1');
    expect(await cache.get(load, Date.now() + 5000)).toBe('body 2');
  });

  it('never stores an answer read before an invalidation', async () => {
    const cache = new PublicListCache(60_000);
    let release!: (s: string) => void;
    const slow = cache.get(() => new Promise<string>((r) => (release = r)));
    cache.invalidate();
    release('stale');
    expect(await slow).toBe('stale');
    expect(await cache.get(async () => 'fresh')).toBe('fresh');
  });
});
