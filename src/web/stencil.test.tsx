import { Fragment, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { escapeHtml, stencil } from './stencil.js';

describe('a stencil: markup kept per shape, filled per call', () => {
  const part = stencil<{ loud: boolean }, 'name' | 'href' | 'html', 'html'>(
    ['name', 'href', 'html'],
    (s, t, raw) => (
      <p class={s.loud ? 'loud' : undefined}>
        <a href={t.href}>{t.name}</a>
        {raw('html')}
      </p>
    ),
    { raw: ['html'] },
  );
  const values = [
    { name: 'Ani "<b>" & Budi', href: '/t/a?x=1&y="2"', html: '<em>ok</em>' },
    { name: '\u0001 not a marker \u0001', href: 'javascript:"', html: '' },
  ];

  it('gives the bytes a whole rendering gives, escaped as Preact escapes, raw values as they are', () => {
    for (const loud of [true, false])
      for (const v of values) {
        const html = part.html(String(loud), { loud }, v);
        expect(html).toBe(part.whole({ loud }, v));
        expect(part.isCut(String(loud))).toBe(true);
      }
    expect(part.html('true', { loud: true }, values[0]!)).toBe(
      '<p class="loud"><a href="/t/a?x=1&amp;y=&quot;2&quot;">Ani &quot;&lt;b>&quot; &amp; Budi</a><em>ok</em></p>',
    );
  });

  it('escapes exactly as Preact does', () => {
    for (const v of ['a"b', 'a&b', 'a<b>', "it's", 'x\u0001y', ''])
      expect(escapeHtml(v)).toBe(renderToString(h(Fragment, null, v)));
  });

  it('renders a shape whole every time when a value does not come out as it went in', () => {
    const shouting = stencil<null, 'name'>(['name'], (_s, t) => <b>{t.name.toUpperCase()}</b>);
    expect(shouting.html('k', null, { name: 'ani' })).toBe('<b>ANI</b>');
    expect(shouting.isCut('k')).toBe(false);
    expect(shouting.html('k', null, { name: 'budi' })).toBe('<b>BUDI</b>');
  });
});
