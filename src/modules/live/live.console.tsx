import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import { fullName } from '../../shared/names.js';
import { page } from '../../web/page.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { LIVE_CSS } from './live.components.js';
import { ConsoleNav, PollsControl, StageControl } from './live.console.views.js';
import { T } from './live.text.js';

/**
 * The team's live tools under /console/events/:id. Stage and polls are plain server-rendered forms
 * (they work from any phone, without JavaScript); the moderation console is an island because it must
 * show incoming questions as they arrive.
 */
export const consolePages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const { live, qa } = app.ctx.services;
  const schema = { hide: true, params: IdParam };

  function staffEvent(req: FastifyRequest, id: string) {
    requireUser(req);
    return loadEventFor(req, db, id, 'moderate');
  }

  app.get('/console/events/:id/moderate', { schema }, async (req, reply) => {
    const event = await staffEvent(req, req.params.id);
    const l = req.locale;
    const speakers = await qa.speakers(event.id);
    const base = `/console/events/${event.id}`;
    const settings = await live.settings(event);
    return page(
      req,
      reply,
      { title: `${T.moderation[l]} — ${event.title}`, nav: 'console', scripts: ['/assets/moderate.js'] },
      <>
        <style>{LIVE_CSS}</style>
        <h1>{T.moderation[l]}</h1>
        <p class="muted">{event.title}</p>
        <ConsoleNav base={base} l={l} />
        <div
          id="mod-root"
          data-event={event.id}
          data-csrf={req.user?.csrf ?? ''}
          data-speakers={JSON.stringify(
            speakers.map((s) => ({
              id: s.id,
              name: fullName({ frontTitles: s.front_titles, name: s.name, backTitles: s.back_titles }),
            })),
          )}
        >
          <p id="mod-loading" class="muted">
            …
          </p>
          <noscript>
            <p class="notice error">
              {l === 'id'
                ? 'Konsol moderasi memerlukan JavaScript.'
                : 'The moderation console needs JavaScript.'}
            </p>
          </noscript>
          <p class="muted">
            {settings.moderation === 'pre'
              ? l === 'id'
                ? 'Pertanyaan baru menunggu persetujuan.'
                : 'New questions wait for approval.'
              : l === 'id'
                ? 'Pertanyaan baru langsung tampil.'
                : 'New questions appear at once.'}
          </p>
        </div>
        <h2>{T.speakerLinks[l]}</h2>
        <p class="muted">{T.speakerLinksIntro[l]}</p>
        <ul>
          {speakers.map((s) => {
            const signed = app.signCookie(`${event.id}.${s.id}`);
            const k = signed.slice(signed.lastIndexOf('.') + 1);
            const href = `${app.ctx.config.publicUrl}/e/${event.slug}/speaker/${s.id}?k=${encodeURIComponent(k)}`;
            return (
              <li>
                {fullName({ frontTitles: s.front_titles, name: s.name, backTitles: s.back_titles })}:{' '}
                <a href={href} class="speaker-link">
                  {href}
                </a>
              </li>
            );
          })}
        </ul>
      </>,
    );
  });

  app.get('/console/events/:id/stage', { schema }, async (req, reply) => {
    const event = await staffEvent(req, req.params.id);
    const l = req.locale;
    const [stage, rundown] = await Promise.all([live.stage(event), live.rundown(event)]);
    const _base = `/console/events/${event.id}`;
    return page(
      req,
      reply,
      { title: `${T.stageControl[l]} — ${event.title}`, nav: 'console' },
      <StageControl req={req} event={event} stage={stage} rundown={rundown} />,
    );
  });

  app.get('/console/events/:id/polls', { schema }, async (req, reply) => {
    const event = await staffEvent(req, req.params.id);
    const l = req.locale;
    const polls = await qa.listPolls(event, 'staff');
    const screen = (await live.snapshot(event, 'staff')).screen;
    const _base = `/console/events/${event.id}`;
    return page(
      req,
      reply,
      { title: `${T.polls[l]} — ${event.title}`, nav: 'console' },
      <PollsControl req={req} event={event} polls={polls} screenPollId={screen.pollId} />,
    );
  });

  for (const view of ['projector', 'overlay'] as const) {
    app.get(`/console/events/:id/${view}`, { schema }, async (req, reply) => {
      const event = await staffEvent(req, req.params.id);
      return reply.redirect(`/e/${event.slug}/${view}`, 302);
    });
  }
};
