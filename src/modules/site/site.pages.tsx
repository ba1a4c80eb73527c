import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPrecompressed } from '../../http/precompressed.js';
import { Layout, type PageMeta } from '../../web/layout.js';
import { page } from '../../web/page.js';
import { type Children, renderPage } from '../../web/render.js';
import { type EventRow, uploadUrl } from '../events/index.js';
import { ANONYMOUS_VARY, MicroCache } from './site.cache.js';
import { EventCard, OrgBadge } from './site.components.js';
import { SlugParam } from './site.schemas.js';
import { T } from './site.text.js';

/** The home page (upcoming and past events, their organizers) and an organization's page. */
export async function sitePages(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config, bus } = app.ctx;
  const { orgs, site } = app.ctx.services;
  // Both pages list events: any change to one drops them all (an organization renamed waits a second).
  const micro = new MicroCache();
  for (const name of ['event.updated', 'event.published', 'event.deleted'] as const) {
    bus.onEveryNodeAtOnce(name, () => micro.invalidate('site'));
  }

  /**
   * The page for this request: anonymous visitors get the one rendered this second, compressed once;
   * a logged-in user gets theirs (their name in the header, their CSRF token).
   */
  async function sitePage(
    req: FastifyRequest,
    reply: FastifyReply,
    path: string,
    build: () => Promise<{ meta: PageMeta; body: Children }>,
  ) {
    const l = req.locale;
    if (req.user || req.csrfFailed) {
      const { meta, body } = await build();
      return page(req, reply, meta, body);
    }
    const cached = await micro.build(path, l, async () => {
      const { meta, body } = await build();
      const html = renderPage(
        <Layout locale={l} path={path} user={null} csrf={null} meta={meta}>
          {body}
        </Layout>,
      );
      return { tag: 'site', html };
    });
    return sendPrecompressed(req, reply.header('content-language', l), cached, {
      vary: ANONYMOUS_VARY,
      front: () => micro.isCurrent(path, l, cached),
    });
  }

  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const l = req.locale;
    return sitePage(req, reply, '/', async () => {
      const { upcoming, past, orgs: owners, owners: byId } = await site.home();
      return {
        meta: { title: T.homeTitle[l], description: T.homeIntro[l], canonical: `${config.publicUrl}/` },
        body: (
          <>
            <h1>{T.homeTitle[l]}</h1>
            <p>{T.homeIntro[l]}</p>
            <section>
              <h2>{T.upcoming[l]}</h2>
              {upcoming.length ? (
                upcoming.map((e) => (
                  <EventCard event={e} locale={l} org={e.org_id ? byId.get(e.org_id) : null} />
                ))
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
          </>
        ),
      };
    });
  });

  app.get('/o/:slug', { schema: { hide: true, params: SlugParam } }, async (req, reply) => {
    const l = req.locale;
    const list = (events: EventRow[], empty: string) =>
      events.length ? events.map((e) => <EventCard event={e} locale={l} />) : <p class="muted">{empty}</p>;
    return sitePage(req, reply, `/o/${req.params.slug}`, async () => {
      const org = await orgs.get(req.params.slug);
      const data = await site.orgPage(org);
      return {
        meta: {
          title: org.name,
          description: org.description ?? org.name,
          canonical: `${config.publicUrl}/o/${org.slug}`,
          ...(org.logo_path ? { ogImage: `${config.publicUrl}${uploadUrl(org.logo_path)}` } : {}),
        },
        body: (
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
          </>
        ),
      };
    });
  });
}
