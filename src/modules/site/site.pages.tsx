import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { page } from '../../web/page.js';
import { type EventRow, uploadUrl } from '../events/index.js';
import { EventCard, OrgBadge } from './site.components.js';
import { SlugParam } from './site.schemas.js';
import { T } from './site.text.js';

/** The home page (upcoming and past events, their organizers) and an organization's page. */
export async function sitePages(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.ctx;
  const { orgs, site } = app.ctx.services;

  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const l = req.locale;
    const { upcoming, past, orgs: owners, owners: byId } = await site.home();
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

  app.get('/o/:slug', { schema: { hide: true, params: SlugParam } }, async (req, reply) => {
    const l = req.locale;
    const org = await orgs.get(req.params.slug);
    const data = await site.orgPage(org);
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
}
