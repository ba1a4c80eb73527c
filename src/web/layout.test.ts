import { describe, expect, it } from 'vitest';
import { langHref } from './layout.js';

/** What langHref gave before its fast paths: the query parsed and written again by URLSearchParams. */
function parsed(path: string, lang: string) {
  const [p, q = ''] = path.split('?');
  const params = new URLSearchParams(q);
  params.set('lang', lang);
  return `${p}?${params.toString()}`;
}

describe('the link to the other language', () => {
  it('is what parsing the query gives, for plain queries and for every odd one', () => {
    const paths = [
      '/t/abc',
      '/t/abc?done=new',
      '/t/abc?done=new&x=1',
      '/t/abc?lang=en',
      '/t/abc?done=new&lang=en',
      '/t/abc?a=1&lang=id&b=2',
      '/t/abc?xlang=1',
      '/t/abc?flang=1&lang=en',
      '/t/abc?a&&b',
      '/t/abc?a=1&',
      '/t/abc?a=%20b',
      '/t/abc?a="x"<y>',
      '/x?',
      '/x?=1',
      '/x?a=b=c',
    ];
    for (const path of paths)
      for (const lang of ['id', 'en'] as const) expect(langHref(path, lang)).toBe(parsed(path, lang));
  });
});
