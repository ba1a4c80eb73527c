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
 * The moderation desk's own styles (client/moderate.ts builds the rows): compact rows with one line of
 * actions, the tools menu in the flow (a phone never scrolls sideways), the current row marked for the
 * keyboard. Inline CSS is escaped: no quotes, no child combinators.
 */
const MOD_CSS = `
.mod-settings{display:flex;flex-wrap:wrap;gap:0 1rem}.mod-settings label,.mod-filters label{margin:.25rem 0}
.mod-filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:0 .75rem}
#mod-list .question{display:block;padding:.45rem .5rem;border-bottom:1px solid var(--line);border-left:.3rem solid transparent}
#mod-list .status-pending{border-left-color:#eac54f}
#mod-list .question.fresh{background:#fffbe6}
#mod-list .question.current{border-left-color:var(--brand);background:#eef5ff}
#mod-list .question.out{opacity:.55}
#mod-list .qtext{margin:0 0 .15rem;white-space:pre-wrap;overflow-wrap:anywhere}
#mod-list .meta{margin:0 0 .3rem;font-size:.85rem;overflow-wrap:anywhere}
#mod-root .acts{display:flex;gap:.3rem;align-items:center;flex-wrap:wrap}
#mod-root .acts button,#mod-root .more summary{min-height:36px;padding:.25rem .6rem;font-size:.9rem}
#mod-root button.danger-text{color:var(--bad);border-color:var(--bad)}
#mod-root button.on{background:#fff8c5}
#mod-root .more summary{list-style:none;cursor:pointer;border:1px solid var(--brand);border-radius:.4rem;color:var(--brand);display:inline-flex;align-items:center}
#mod-root .more[open]{flex-basis:100%}
#mod-root .more .menu{border:1px solid var(--line);border-radius:.5rem;padding:.5rem;margin-top:.3rem;background:var(--soft)}
#mod-root .menu-label{margin:.5rem 0 .2rem;font-weight:600}
#mod-root .merge-results{list-style:none;padding:0;margin:.3rem 0 0}
#mod-root .merge-results button{width:100%;text-align:left;min-height:36px;padding:.3rem .5rem;font-size:.9rem;margin:.15rem 0;overflow-wrap:anywhere}
#mod-undo{position:sticky;top:0;z-index:3;background:#fff;padding:.3rem 0;margin:.25rem 0}
#mod-root .undo-label{overflow-wrap:anywhere;min-width:0}
#mod-root .keys{font-size:.8rem}
#mod-root [hidden]{display:none}
@media (max-width:30rem){#mod-root .acts{gap:.2rem}#mod-root .acts button,#mod-root .more summary{padding:.2rem .4rem;font-size:.82rem}}
.speaker-links{padding-left:1.2rem}.speaker-links a{overflow-wrap:anywhere;word-break:break-all}
`;

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
        <style>{MOD_CSS}</style>
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
        {/* Without speakers, "send this link to the speaker" above an empty list reads as broken. */}
        <p class="muted">{speakers.length ? T.speakerLinksIntro[l] : T.noSpeakers[l]}</p>
        <ul class="speaker-links">
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
