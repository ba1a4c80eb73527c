import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MicroCache } from './site.cache.js';

const br = (html: string, quality: number) =>
  brotliCompressSync(Buffer.from(html), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(html),
    },
  });
const page = (n: number) => `<!doctype html><p>${'Seminar Nasional '.repeat(200)} tersisa ${n} tempat</p>`;

describe('MicroCache', () => {
  it('visitors who miss together share one render', async () => {
    const micro = new MicroCache();
    let renders = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const render = async () => {
      renders++;
      await gate;
      return { tag: 'ev1', html: page(5) };
    };
    const all = Array.from({ length: 20 }, () => micro.build('/e/x', 'id', render));
    release();
    const pages = await Promise.all(all);
    expect(renders).toBe(1);
    expect(new Set(pages.map((p) => p.etag)).size).toBe(1);
    expect(micro.get('/e/x', 'id')?.etag).toBe(pages[0]!.etag);
  });

  it('a drop during a render makes later visitors render again, and nothing stale is kept', async () => {
    const micro = new MicroCache();
    let left = 5;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const first = micro.build('/e/x', 'id', async () => {
      const html = page(left); // read before the registration below
      await gate;
      return { tag: 'ev1', html };
    });
    left = 4; // a registration commits…
    micro.invalidate('ev1'); // …and drops the page on this node
    const second = micro.build('/e/x', 'id', async () => ({ tag: 'ev1', html: page(left) }));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.identity.toString()).toContain('tersisa 5 tempat');
    expect(b.identity.toString()).toContain('tersisa 4 tempat');
    expect(micro.get('/e/x', 'id')?.identity.toString()).toContain('tersisa 4 tempat');
  });

  it('compresses a page dropped again soon after its last render at the cheap level, a calm one at the best', () => {
    const micro = new MicroCache(1000, 1000, 5000);
    const t0 = 1_000_000;
    const calm = micro.set('/e/x', 'id', 'ev1', page(10), t0);
    expect(calm.br.equals(br(page(10), 10))).toBe(true);
    micro.invalidate('ev1');
    const rushed = micro.set('/e/x', 'id', 'ev1', page(9), t0 + 200);
    expect(rushed.br.equals(br(page(9), 5))).toBe(true);
    // The same bytes rendered again keep their compressed form, dropped or not.
    micro.invalidate('ev1');
    expect(micro.set('/e/x', 'id', 'ev1', page(9), t0 + 400)).toBe(rushed);
    micro.invalidate('ev1');
    const later = micro.set('/e/x', 'id', 'ev1', page(8), t0 + 60_000);
    expect(later.br.equals(br(page(8), 10))).toBe(true);
  });
});
