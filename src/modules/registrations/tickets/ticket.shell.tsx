import { randomBytes } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Fragment, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { negotiate } from '../../../http/precompressed.js';
import { BoundedMemo } from '../../../shared/memo.js';
import { Layout, langHref } from '../../../web/layout.js';
import { page } from '../../../web/page.js';
import { type Children, renderPage } from '../../../web/render.js';
import { escapeHtml } from '../../../web/stencil.js';

// Markers no visitor can type: user text is escaped by Preact, and this nonce is unknown outside the process.
const NONCE = randomBytes(16).toString('hex');
const PATH = `/aula-path-${NONCE}`;
const SLOT = `aula-slot-${NONCE}`;

/**
 * The ticket page is personal, so it is compressed for every view (the cached public pages are compressed once,
 * src/http/precompressed.ts). Measured on the ~9.6 KB ticket page, best of 5 × 2,000 calls on this machine:
 * - brotli at quality 1 takes ~40 µs for 4.1 KB, gzip takes ~175 µs at any level up to 4 (3.9–3.7 KB: for a
 *   page this small zlib's set-up dominates) and ~300 µs at its default 6 (3.65 KB); brotli at the app's
 *   quality 4 ~650 µs (3.6 KB). Half a kilobyte more on the wire costs a phone less than a server that serves
 *   a crowd opening their tickets at once, so brotli's fastest level first, gzip at 4 for the rest;
 * - one synchronous call: over 8 KB @fastify/compress would stream through the thread pool (0.46 ms against
 *   0.17 ms for one synchronous call of the same bytes on a two-core node);
 * - since the stylesheet left the page (5.4 KB for an online ticket, 2026-12-07): brotli quality 1 ~32–37 µs for
 *   2,401 bytes, quality 0 with a 64 KB window (as large as a page compressed in one call) ~27 µs for
 *   2,489 bytes, two runs of 15,000 calls. 88 bytes more for a fifth less CPU on the page every sign-up opens.
 * The route gives these to @fastify/compress (staff views, error pages); the participant's page made below is
 * compressed here with the same options, straight from the one Buffer of the page (the plugin measured the
 * string, made a Buffer of it and called zlib through its own wrapper: ~5% of the page's CPU).
 */
export const TICKET_COMPRESS = {
  encodings: ['br' as const, 'gzip' as const],
  brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 0, [zlib.BROTLI_PARAM_LGWIN]: 16 } },
  zlibOptions: { level: 4 },
  syncThreshold: 64 * 1024,
};

type Shell = { beforeHref: string; beforeBody: string; after: string };

/**
 * The ticket page's frame (the head with its inline CSS, the header, the footer) rendered once per title and
 * language and kept, and each request's own part put in between; it depends on nothing else for a visitor
 * without a session (the participant). With a session (staff looking at a ticket) the header shows the user
 * and `page()` renders everything. Bounded: the map starts again past 500 frames.
 */
export function ticketShell() {
  const shells = new BoundedMemo<Shell>(500);

  function makeShell(locale: FastifyRequest['locale'], title: string): Shell {
    const other = locale === 'id' ? 'en' : 'id';
    const html = renderPage(
      <Layout locale={locale} path={PATH} user={null} csrf={null} meta={{ title }}>
        {SLOT}
      </Layout>,
    );
    const href = `href="${langHref(PATH, other)}"`;
    const h = html.indexOf(href);
    const s = html.indexOf(SLOT);
    if (h < 0 || s < h) throw new Error('ticket shell: markers not found');
    return {
      beforeHref: html.slice(0, h),
      beforeBody: html.slice(h + href.length, s),
      after: html.slice(s + SLOT.length),
    };
  }
  const shellFor = (locale: FastifyRequest['locale'], title: string) =>
    shells.get(`${locale}\n${title}`, () => makeShell(locale, title));

  return function ticketPage(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { title: string; status?: number },
    body: Children,
  ): FastifyReply {
    if (req.user) return page(req, reply, opts, body);
    const shell = shellFor(req.locale, opts.title);
    // The language link keeps this request's path and query, escaped as Preact escapes every attribute
    // (the test compares the whole page with page()'s for addresses with quotes and markup).
    const href = `href="${escapeHtml(langHref(req.url, req.locale === 'id' ? 'en' : 'id'))}"`;
    const html = Buffer.from(
      shell.beforeHref + href + shell.beforeBody + renderToString(h(Fragment, null, body)) + shell.after,
    );
    reply
      .status(opts.status ?? 200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('vary', 'accept-encoding');
    const coding = negotiate(req.headers['accept-encoding']);
    if (coding === 'identity') return reply.send(html);
    return reply
      .header('content-encoding', coding)
      .send(
        coding === 'br'
          ? brotliCompressSync(html, TICKET_COMPRESS.brotliOptions)
          : gzipSync(html, TICKET_COMPRESS.zlibOptions),
      );
  };
}
