import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { errors, what } from '../../errors.js';
import { renderSections } from '../../web/extensions.js';
import { Layout } from '../../web/layout.js';
import { asPage, page } from '../../web/page.js';
import { renderPage } from '../../web/render.js';
import { can, type EventRow, eventsRepository, uploadUrl } from '../events/index.js';
import { EventPageBody } from './event.page.js';
import { eventIcs } from './ics.js';
import { MicroCache, PageCache } from './site.cache.js';
import { EventCard, OrgBadge } from './site.components.js';
import { metaDescription, siteService } from './site.service.js';
import { T } from './site.text.js';

/** `?lang=` switches the language for the next pages too. */
export function rememberLang(req: FastifyRequest, reply: FastifyReply): void {
  const q = (req.query as { lang?: unknown } | undefined)?.lang;
  if ((q === 'id' || q === 'en') && req.cookies.lang !== q) {
    reply.setCookie('lang', q, { path: '/', maxAge: 365 * 86400, sameSite: 'lax', httpOnly: true });
  }
}

export const sitePages: FastifyPluginAsync = async (app) => {
  const { db, config, ui, bus } = app.ctx;
  const orgs = app.ctx.services.orgs;
  const cache = new PageCache();
  const micro = new MicroCache();
  // A marker no visitor can type: user text is escaped, and this nonce is unknown outside the process.
  const SLOT = `aula-slot-${randomBytes(16).toString('hex')}`;
  for (const name of ['event.updated', 'event.published', 'event.deleted'] as const) {
    bus.onEveryNode(name, ({ eventId }) => {
      cache.invalidate(eventId);
      micro.invalidate(eventId);
    });
  }

  app.addHook('onRequest', async (req, reply) => {
    asPage(req);
    rememberLang(req, reply);
  });

  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const l = req.locale;
    const { upcoming, past, orgs: owners, owners: byId } = await siteService.home(db);
    return page(
      req,
      reply,
      { title: T.homeTitle, description: T.homeIntro[l], canonical: `${config.publicUrl}/` },
      <>
        <h1>{T.homeTitle[l]}</h1>
        <p>{T.homeIntro[l]}</p>
        <section>
          <h2>{T.upcoming[l]}</h2>
          {upcoming.length ? (
            upcoming.map((e) => <EventCard event={e} locale={l} org={e.org_id ? byId.get(e.org_id) : null} />)
          ) : (
            <p class="muted">{T.noUpcoming[l]}</p>
          )}
        </section>
        <section>
          <h2>{T.past[l]}</h2>
          {past.length ? (
            past.map((e) => <EventCard event={e} locale={l} org={e.org_id ? byId.get(e.org_id) : null} />)
          ) : (
            <p class="muted">{T.noPast[l]}</p>
          )}
        </section>
        {owners.length ? (
          <section>
            <h2>{T.organizations[l]}</h2>
            <ul class="logos" style="list-style:none;padding:0">
              {owners.map((o) => (
                <OrgBadge org={o} />
              ))}
            </ul>
          </section>
        ) : null}
        <p class="muted">
          <a href="/console">{T.forOrganizers[l]}</a>
        </p>
      </>,
    );
  });

  app.get('/o/:slug', { schema: { hide: true } }, async (req, reply) => {
    const l = req.locale;
    const org = await orgs.get((req.params as { slug: string }).slug);
    const data = await siteService.orgPage(db, org);
    const list = (events: EventRow[], empty: string) =>
      events.length ? events.map((e) => <EventCard event={e} locale={l} />) : <p class="muted">{empty}</p>;
    return page(
      req,
      reply,
      {
        title: org.name,
        description: org.description ?? org.name,
        canonical: `${config.publicUrl}/o/${org.slug}`,
        ...(org.logo_path ? { ogImage: `${config.publicUrl}${uploadUrl(org.logo_path)}` } : {}),
      },
      <>
        {org.logo_path ? <img src={uploadUrl(org.logo_path)!} alt="" height={64} /> : null}
        <h1>{org.name}</h1>
        {org.short_name ? <p class="muted">{org.short_name}</p> : null}
        {org.description ? <p style="white-space:pre-line">{org.description}</p> : null}
        {org.website ? (
          <p>
            {T.website[l]}:{' '}
            <a href={org.website} rel="noopener nofollow">
              {org.website}
            </a>
          </p>
        ) : null}
        {data.nextInSeries.length ? (
          <section>
            <h2>{T.nextInSeries[l]}</h2>
            {data.nextInSeries.map(([series, e]) => (
              <EventCard event={e} locale={l}>
                <p class="muted" style="margin:0">
                  {T.series[l]}: {series}
                </p>
              </EventCard>
            ))}
          </section>
        ) : null}
        <section>
          <h2>{T.upcoming[l]}</h2>
          {list(data.upcoming, T.noUpcoming[l])}
        </section>
        <section>
          <h2>{T.past[l]}</h2>
          {list(data.past, T.noPast[l])}
        </section>
        {data.partnered.upcoming.length + data.partnered.past.length ? (
          <section>
            <h2>{T.asPartner[l]}</h2>
            {[...data.partnered.upcoming, ...data.partnered.past].map((e) => (
              <EventCard event={e} locale={l} />
            ))}
          </section>
        ) : null}
      </>,
    );
  });

  /** A draft is visible only to its team (as a preview); to everyone else it does not exist. */
  async function findEvent(req: FastifyRequest) {
    const slug = (req.params as { slug: string }).slug;
    const event = slug.length <= 120 ? await eventsRepository.findByIdOrSlug(db, slug) : undefined;
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

  app.get('/e/:slug', { schema: { hide: true } }, async (req, reply) => {
    const l = req.locale;
    const anonymous = !req.user && !req.csrfFailed;
    const slug = (req.params as { slug: string }).slug;
    const hit = anonymous ? micro.get(slug, l) : null;
    if (hit) return sendHtml(reply, hit, l);
    const { event, draft } = await findEvent(req);
    const sections = await renderSections(ui.eventSections, req, event);
    if (req.user || draft) {
      const data = await siteService.eventPage(db, event);
      return page(req, reply, metaFor(event, l, data.org), [
        <EventPageBody data={data} locale={l} publicUrl={config.publicUrl} draft={draft} />,
        ...sections,
      ]);
    }
    let cached = cache.get(event.id, l, event.updated_at);
    if (!cached) {
      const data = await siteService.eventPage(db, event);
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
    const html = cached.head + sections.map((s) => renderToString(s)).join('') + cached.tail;
    if (anonymous) micro.set(slug, l, event.id, html);
    return sendHtml(reply, html, l);
  });

  app.get('/e/:slug/event.ics', { schema: { hide: true } }, async (req, reply) => {
    const { event } = await findEvent(req);
    const url = `${config.publicUrl}/e/${event.slug}`;
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${event.slug}.ics"`)
      .send(eventIcs(event, url, req.locale, new URL(config.publicUrl).host));
  });
};
