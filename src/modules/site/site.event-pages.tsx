import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { renderToString } from 'preact-render-to-string';
import { errors, what } from '../../errors.js';
import { type Precompressed, sendPrecompressed } from '../../http/precompressed.js';
import { renderSections } from '../../web/extensions.js';
import { Layout } from '../../web/layout.js';
import { page } from '../../web/page.js';
import { renderPage } from '../../web/render.js';
import { can, type EventRow, uploadUrl } from '../events/index.js';
import { EventPageBody } from './event.page.js';
import { eventIcs } from './ics.js';
import { ANONYMOUS_VARY, MicroCache, PageCache } from './site.cache.js';
import { SlugParam } from './site.schemas.js';
import { metaDescription } from './site.service.js';

/**
 * The public event page (cached for anonymous visitors, with the other modules' sections) and its
 * calendar file. A draft is a preview for its team and does not exist for anyone else.
 */
export async function siteEventPages(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config, ui, bus } = app.ctx;
  const { events, site } = app.ctx.services;
  const cache = new PageCache();
  const micro = new MicroCache();
  // A marker no visitor can type: user text is escaped, and this nonce is unknown outside the process.
  const SLOT = `aula-slot-${randomBytes(16).toString('hex')}`;
  for (const name of ['event.updated', 'event.published', 'event.deleted'] as const) {
    bus.onEveryNodeAtOnce(name, ({ eventId }) => {
      cache.invalidate(eventId);
      micro.invalidate(eventId);
    });
  }
  // The whole page shows the places left: a place taken or given back drops it (the event body stays cached).
  for (const name of [
    'registration.created',
    'registration.cancelled',
    'registration.promoted',
    'registration.changed',
  ] as const) {
    bus.onEveryNodeAtOnce(name, ({ eventId }) => micro.invalidate(eventId));
  }

  /** A draft is visible only to its team (as a preview); to everyone else it does not exist. */
  async function findEvent(req: FastifyRequest, slug: string) {
    const event = slug.length <= 120 ? await events.find(slug) : undefined;
    if (!event) throw errors.notFound(what.event);
    if (event.status === 'published') return { event, draft: false };
    if (await can(db, event, req.user, 'view')) return { event, draft: true };
    throw errors.notFound(what.event);
  }

  /** Preview image: the banner, else the organizer's logo (WhatsApp shows a plain card without one). */
  function metaFor(e: EventRow, l: 'id' | 'en', org: { logo_path: string | null } | null) {
    const image = e.banner_path ?? org?.logo_path ?? null;
    const ogImage = image ? `${config.publicUrl}${uploadUrl(image)}` : undefined;
    return {
      title: e.title,
      description: metaDescription(e, l),
      canonical: `${config.publicUrl}/e/${e.slug}`,
      ...(ogImage ? { ogImage } : {}),
    };
  }

  const sendHtml = (reply: FastifyReply, html: string, l: string) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-language', l)
      .send(html);
  const sendCached = (
    req: FastifyRequest,
    reply: FastifyReply,
    body: Precompressed,
    slug: string,
    l: string,
  ) =>
    sendPrecompressed(req, reply.header('content-language', l), body, {
      vary: ANONYMOUS_VARY,
      front: () => micro.isCurrent(slug, l, body),
    });

  /** The page as an anonymous visitor sees it: the cached event body with the sections rendered now. */
  async function anonymousHtml(req: FastifyRequest, event: EventRow) {
    const l = req.locale;
    const sections = await renderSections(ui.eventSections, req, event);
    let cached = cache.get(event.id, l, event.updated_at);
    if (!cached) {
      const data = await site.eventPage(event);
      const html = renderPage(
        <Layout
          locale={l}
          path={`/e/${event.slug}`}
          user={null}
          csrf={null}
          meta={metaFor(event, l, data.org)}
        >
          <EventPageBody data={data} locale={l} publicUrl={config.publicUrl} />
          {SLOT}
        </Layout>,
      );
      const at = html.indexOf(SLOT);
      cached = cache.set(event.id, l, event.updated_at, {
        head: html.slice(0, at),
        tail: html.slice(at + SLOT.length),
      });
    }
    return cached.head + sections.map((s) => renderToString(s)).join('') + cached.tail;
  }

  app.get('/e/:slug', { schema: { hide: true, params: SlugParam } }, async (req, reply) => {
    const l = req.locale;
    const { slug } = req.params;
    if (!req.user && !req.csrfFailed) {
      // Visitors who miss together share one render (site.cache.ts).
      const body = await micro.build(slug, l, async () => {
        const { event } = await findEvent(req, slug);
        return { tag: event.id, html: await anonymousHtml(req, event) };
      });
      return sendCached(req, reply, body, slug, l);
    }
    const { event, draft } = await findEvent(req, slug);
    if (req.user || draft) {
      const sections = await renderSections(ui.eventSections, req, event);
      const data = await site.eventPage(event);
      return page(req, reply, metaFor(event, l, data.org), [
        <EventPageBody data={data} locale={l} publicUrl={config.publicUrl} draft={draft} />,
        ...sections,
      ]);
    }
    return sendHtml(reply, await anonymousHtml(req, event), l);
  });

  app.get('/e/:slug/event.ics', { schema: { hide: true, params: SlugParam } }, async (req, reply) => {
    const { event } = await findEvent(req, req.params.slug);
    const url = `${config.publicUrl}/e/${event.slug}`;
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${event.slug}.ics"`)
      .send(eventIcs(event, url, req.locale, new URL(config.publicUrl).host));
  });
}
