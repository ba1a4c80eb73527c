import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import { fullName } from '../../shared/names.js';
import { formatTime } from '../../shared/time.js';
import { CsrfField, page } from '../../web/page.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { LIVE_CSS, PollView } from './live.components.js';
import { KIND_LABEL, T } from './live.text.js';

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

  const nav = (base: string, l: 'id' | 'en') => (
    <p class="row">
      <a href={`${base}/moderate`}>{T.moderation[l]}</a>
      <a href={`${base}/stage`}>{T.stageControl[l]}</a>
      <a href={`${base}/polls`}>{T.polls[l]}</a>
      <a href={`${base}/projector`} target="_blank" rel="noopener">
        {T.projector[l]}
      </a>
      <a href={`${base}/overlay`} target="_blank" rel="noopener">
        {T.overlay[l]}
      </a>
    </p>
  );

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
        {nav(base, l)}
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
    const base = `/console/events/${event.id}`;
    return page(
      req,
      reply,
      { title: `${T.stageControl[l]} — ${event.title}`, nav: 'console' },
      <>
        <style>{LIVE_CSS}</style>
        <h1>{T.stageControl[l]}</h1>
        <p class="muted">{event.title}</p>
        {nav(base, l)}
        <div class="stage">
          <p class="label">{T.now[l]}</p>
          <h2 id="stage-now">{stage.now?.title ?? T.notStarted[l]}</h2>
          {stage.endsAt ? (
            <p class="timer">
              {T.until[l]} {formatTime(Date.parse(stage.endsAt), event.timezone, l)}
            </p>
          ) : null}
          <div class="row">
            <form method="post" action={`${base}/stage/step`}>
              <CsrfField req={req} />
              <input type="hidden" name="dir" value="-1" />
              <button class="secondary" type="submit">
                ← {T.previous[l]}
              </button>
            </form>
            <form method="post" action={`${base}/stage/step`}>
              <CsrfField req={req} />
              <input type="hidden" name="dir" value="1" />
              <button type="submit" id="stage-next-btn">
                {T.next[l]} →
              </button>
            </form>
            <form method="post" action={`${base}/stage/set`}>
              <CsrfField req={req} />
              <input type="hidden" name="item" value="" />
              <button class="secondary" type="submit">
                {T.clearStage[l]}
              </button>
            </form>
          </div>
        </div>
        {rundown.length ? null : <p class="notice">{T.noRundown[l]}</p>}
        <ol class="rundown">
          {rundown.map((i) => (
            <li class={stage.now?.id === i.id ? 'on-stage' : ''}>
              <span>
                {formatTime(Date.parse(i.startsAt), event.timezone, l)}
                <br />
                <span class="badge">{KIND_LABEL[i.kind]?.[l] ?? i.kind}</span>
              </span>
              <div>
                <strong>{i.title}</strong>
                {stage.now?.id === i.id ? <span class="badge ok"> {T.onStage[l]}</span> : null}
                <p class="muted" style="margin:.2rem 0">
                  {i.people.map((p) => p.fullName).join(', ')}
                </p>
                <form method="post" action={`${base}/stage/set`} class="row">
                  <CsrfField req={req} />
                  <input type="hidden" name="item" value={i.id} />
                  <label class="inline" style="font-weight:400">
                    {T.timer[l]}
                    <input type="number" name="minutes" min={1} max={600} style="width:6rem" />
                  </label>
                  <button type="submit">{T.putOnStage[l]}</button>
                </form>
              </div>
            </li>
          ))}
        </ol>
      </>,
    );
  });

  app.get('/console/events/:id/polls', { schema }, async (req, reply) => {
    const event = await staffEvent(req, req.params.id);
    const l = req.locale;
    const polls = await qa.listPolls(event, 'staff');
    const screen = (await live.snapshot(event, 'staff')).screen;
    const base = `/console/events/${event.id}`;
    return page(
      req,
      reply,
      { title: `${T.polls[l]} — ${event.title}`, nav: 'console' },
      <>
        <style>{LIVE_CSS}</style>
        <h1>{T.polls[l]}</h1>
        <p class="muted">{event.title}</p>
        {nav(base, l)}
        <form method="post" action={`${base}/polls`} class="card">
          <CsrfField req={req} />
          <h2>{T.newPoll[l]}</h2>
          <label for="poll-q">{T.pollQuestion[l]}</label>
          <input id="poll-q" name="question" required maxLength={200} />
          <label for="poll-o">{T.pollOptions[l]}</label>
          <textarea id="poll-o" name="options" required />
          <label class="inline">
            <input type="radio" name="kind" value="single" checked /> {T.single[l]}
          </label>
          <label class="inline">
            <input type="radio" name="kind" value="multiple" /> {T.multiple[l]}
          </label>
          <button type="submit">{T.create[l]}</button>
        </form>
        {polls
          .slice()
          .reverse()
          .map((p) => (
            <div>
              <p>
                <span class={`badge ${p.status === 'open' ? 'ok' : ''}`}>
                  {p.status === 'draft' ? T.draft[l] : p.status === 'open' ? T.opened[l] : T.pollClosed[l]}
                </span>{' '}
                {screen.pollId === p.id ? <span class="badge warn">{T.onScreen[l]}</span> : null}
              </p>
              <PollView p={p} l={l} />
              <div class="row">
                {(
                  [
                    p.status !== 'open' ? ['status', 'open', T.open[l]] : ['status', 'closed', T.close[l]],
                    p.status !== 'draft'
                      ? screen.pollId === p.id
                        ? ['onScreen', 'false', T.hide[l]]
                        : ['onScreen', 'true', T.show[l]]
                      : null,
                  ].filter(Boolean) as [string, string, string][]
                ).map(([field, value, label]) => (
                  <form method="post" action={`${base}/polls/${p.id}`}>
                    <CsrfField req={req} />
                    <input type="hidden" name={field} value={value} />
                    <button type="submit" class={field === 'onScreen' ? 'secondary' : ''}>
                      {label}
                    </button>
                  </form>
                ))}
                <form method="post" action={`${base}/polls/${p.id}/delete`}>
                  <CsrfField req={req} />
                  <button type="submit" class="danger">
                    {T.delete[l]}
                  </button>
                </form>
              </div>
            </div>
          ))}
      </>,
    );
  });

  for (const view of ['projector', 'overlay'] as const) {
    app.get(`/console/events/:id/${view}`, { schema }, async (req, reply) => {
      const event = await staffEvent(req, req.params.id);
      return reply.redirect(`/e/${event.slug}/${view}`, 302);
    });
  }
};
