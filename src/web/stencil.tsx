import { randomBytes } from 'node:crypto';
import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';
import { BoundedMemo } from '../shared/memo.js';

/**
 * Markup this process rendered itself with Preact, put into a tree without being escaped again (Preact's own
 * precompiled-template node, which preact-render-to-string writes as it is). Only the stencil below makes these,
 * from Preact's output and values it escapes itself: nothing a user typed reaches it unescaped.
 */
type RenderedHtml = VNode & { readonly __rendered: true };
const rendered = (html: string) => jsxTemplate([html]) as RenderedHtml;

/** Text and attribute values as preact-render-to-string escapes them: `"`, `&` and `<`, nothing else. */
export const escapeHtml = (v: string) =>
  v.replace(/["&<]/g, (c) => (c === '"' ? '&quot;' : c === '&' ? '&amp;' : '&lt;'));

const NONCE = randomBytes(8).toString('hex');
/**
 * Bounded: an event has a shape per language and ticket state, times the few things people differ in (which
 * contacts they gave, their consents): tens to a few hundred, ~5 KB each.
 */
const MAX_SHAPES = 2_000;

interface Cut<K extends string> {
  parts: string[];
  holes: K[];
}

/**
 * A part of a page that many requests render alike but for a few values (the ticket page after sign-up: every
 * ticket of an event in the same state is the same markup around a name, a code and a QR code). `draw(shape,
 * text)` must branch on `shape` only and put each `text` value in the markup as it is (a text child or an
 * attribute value, never transformed): it is rendered once per shape with markers in place of the text, cut at
 * the markers, and each call fills the cuts with its values, escaped as Preact escapes them. Rendering the part
 * whole gives the same bytes (the stencil's and the ticket page's tests compare both for every branch).
 *
 * `raw` values are markup this process made (another module's section, rendered by Preact) and go in as they are;
 * `draw` places them with its third argument. A shape whose markers come out altered (a value was transformed
 * after all) is never cut: it is rendered whole every time, so a mistake costs speed, not correctness.
 */
export function stencil<S, K extends string, R extends K = never>(
  names: readonly K[],
  draw: (shape: S, text: Readonly<Record<K, string>>, raw: (name: R) => VNode) => VNode,
  opts: { raw?: readonly R[] } = {},
) {
  const marks = {} as Record<K, string>;
  const byIndex = new Map<string, K>();
  names.forEach((name, i) => {
    marks[name] = `\u0001${NONCE}.${i}\u0001`;
    byIndex.set(String(i), name);
  });
  const MARK = new RegExp(`\u0001${NONCE}\\.(\\d+)\u0001`, 'g');
  const raw = new Set<K>(opts.raw ?? []);
  const cuts = new BoundedMemo<Cut<K> | null>(MAX_SHAPES);

  function cut(shape: S): Cut<K> | null {
    const html = renderToString(draw(shape, marks, (name) => rendered(marks[name])));
    const parts: string[] = [];
    const holes: K[] = [];
    let last = 0;
    for (const m of html.matchAll(MARK)) {
      parts.push(html.slice(last, m.index));
      holes.push(byIndex.get(m[1]!)!);
      last = m.index + m[0].length;
    }
    parts.push(html.slice(last));
    return parts.some((p) => p.includes('\u0001')) ? null : { parts, holes };
  }

  /** The whole part, rendered without the stencil (staff views, tests). */
  const whole = (shape: S, text: Record<K, string>) =>
    renderToString(draw(shape, text, (name) => rendered(text[name])));

  return {
    whole,
    /** The part's HTML for `shape` filled with `text`; `key` must identify `shape` (its JSON, say). */
    html(key: string, shape: S, text: Record<K, string>): string {
      const c = cuts.get(key, () => cut(shape));
      if (c === null) return whole(shape, text);
      let out = c.parts[0]!;
      for (let i = 0; i < c.holes.length; i++) {
        const h = c.holes[i]!;
        out += (raw.has(h) ? text[h] : escapeHtml(text[h])) + c.parts[i + 1]!;
      }
      return out;
    },
    /** Whether the markup of the shape under `key` was cut (false: unseen, or rendered whole every time). */
    isCut: (key: string) => Boolean(cuts.peek(key)),
    /** `html`'s result as a node for a Preact tree (the page frame around it). */
    node: (html: string) => rendered(html),
  };
}
