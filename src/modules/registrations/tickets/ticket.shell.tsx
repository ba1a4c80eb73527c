import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Fragment, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Layout, langHref } from '../../../web/layout.js';
import { page } from '../../../web/page.js';
import { type Children, renderPage } from '../../../web/render.js';

// Markers no visitor can type: user text is escaped by Preact, and this nonce is unknown outside the process.
const NONCE = randomBytes(16).toString('hex');
const PATH = `/aula-path-${NONCE}`;
const SLOT = `aula-slot-${NONCE}`;

type Shell = { beforeHref: string; beforeBody: string; after: string };

/** An attribute value as preact-render-to-string writes it: `"`, `&` and `<` escaped, nothing else. */
const attribute = (v: string) =>
  v.replace(/["&<]/g, (c) => (c === '"' ? '&quot;' : c === '&' ? '&amp;' : '&lt;'));

/**
 * The ticket page's frame (the head with its inline CSS, the header, the footer) rendered once per title and
 * language and kept, and each request's own part put in between; it depends on nothing else for a visitor
 * without a session (the participant). With a session (staff looking at a ticket) the header shows the user
 * and `page()` renders everything. Bounded: the map starts again past 500 frames.
 */
export function ticketShell() {
  const shells = new Map<string, Shell>();

  function shellFor(locale: FastifyRequest['locale'], title: string): Shell {
    const key = `${locale}\n${title}`;
    let shell = shells.get(key);
    if (!shell) {
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
      shell = {
        beforeHref: html.slice(0, h),
        beforeBody: html.slice(h + href.length, s),
        after: html.slice(s + SLOT.length),
      };
      if (shells.size >= 500) shells.clear();
      shells.set(key, shell);
    }
    return shell;
  }

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
    const href = `href="${attribute(langHref(req.url, req.locale === 'id' ? 'en' : 'id'))}"`;
    return reply
      .status(opts.status ?? 200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        shell.beforeHref + href + shell.beforeBody + renderToString(h(Fragment, null, body)) + shell.after,
      );
  };
}
