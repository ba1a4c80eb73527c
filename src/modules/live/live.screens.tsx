import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { Locale } from '../../i18n/index.js';
import type { PollDto, SnapshotDto } from '../../shared/realtime.js';
import { formatTime } from '../../shared/time.js';
import { sendPage } from '../../web/render.js';
import { loadEventFor } from '../events/index.js';
import { SlugParams } from './live.params.js';
import { T } from './live.text.js';

/**
 * The hall screen and the stream overlay: public views (they show only what participants may see),
 * large type, no header. Their island (client/projector.ts) keeps them live.
 */
const PROJECTOR_CSS = `
*{box-sizing:border-box}html{font:2.2vw/1.3 system-ui,-apple-system,Segoe UI,Roboto,Noto Sans,sans-serif;background:#0b1d33;color:#fff}
body{margin:0;padding:2.5vw 3vw;min-height:100vh;display:grid;grid-template-columns:1fr 22vw;grid-template-rows:auto 1fr;gap:2vw}
.label{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.7em;color:#9ec5ff}
h1{font-size:2.4em;margin:.1em 0;line-height:1.1}
.people{list-style:none;padding:0;margin:.3em 0;font-size:1.1em}.people li span{color:#c8d6e5}
.timer{font-size:1.6em;font-variant-numeric:tabular-nums;margin:.2em 0;color:#ffd166}
.next{color:#c8d6e5;margin:.2em 0}
.screen-q{grid-column:1;background:#fff;color:#0b1d33;border-radius:1vw;padding:2vw 2.5vw;align-self:start}
.screen-q .qtext{font-size:1.8em;margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.screen-q .meta{margin:.6em 0 0;color:#445;font-size:.9em}
.qr{grid-column:2;grid-row:1/span 2;text-align:center;background:#fff;color:#0b1d33;border-radius:1vw;padding:1vw;align-self:start}
.qr img{width:100%;height:auto;image-rendering:pixelated}.qr p{margin:.3em 0;font-weight:700}
.qr .url{font-size:.6em;font-weight:400;overflow-wrap:anywhere}
.poll{grid-column:1;background:#132c4c;border-radius:1vw;padding:1.5vw 2vw}
.poll h2{margin:0 0 .4em;font-size:1.4em}
.results{list-style:none;padding:0;margin:0}.results li{display:grid;grid-template-columns:1fr 4em;gap:.2em .5em;margin:.4em 0}
.results .bar{grid-column:1;height:.6em;background:#ffd166;border-radius:.3em;min-width:2px}.results .n{grid-row:1/span 2;grid-column:2;text-align:right;font-size:1.2em}
[hidden]{display:none!important}
`;

const OVERLAY_CSS = `
*{box-sizing:border-box}html,body{margin:0;background:transparent;font:28px/1.3 system-ui,-apple-system,Segoe UI,Roboto,Noto Sans,sans-serif;color:#fff}
body{width:100vw;height:100vh;position:relative;overflow:hidden}
.lower{position:absolute;left:4vw;bottom:6vh;max-width:70vw;background:rgba(11,29,51,.88);border-left:.4em solid #ffd166;padding:.5em .9em;border-radius:.2em}
.lower .name{font-size:1.3em;font-weight:700;margin:0}.lower .pos{margin:0;color:#c8d6e5;font-size:.9em}
.oq{position:absolute;right:4vw;top:6vh;max-width:45vw;background:rgba(255,255,255,.95);color:#0b1d33;padding:.6em .9em;border-radius:.3em}
.oq .qtext{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}.oq .meta{margin:.3em 0 0;font-size:.75em;color:#445}
[hidden]{display:none!important}
`;

function PollBlock(props: { poll: PollDto | undefined; l: Locale }) {
  const p = props.poll;
  const total = Math.max(1, p ? p.options.reduce((n, o) => n + o.votes, 0) : 1);
  return (
    <section class="poll" id="screen-poll" hidden={!p} data-id={p?.id ?? ''}>
      <p class="label">{T.poll[props.l]}</p>
      <h2 id="screen-poll-q">{p?.question ?? ''}</h2>
      <ul class="results" id="screen-poll-results">
        {(p?.options ?? []).map((o) => (
          <li>
            <span class="label-o">{o.label}</span>
            <span class="bar" style={`width:${Math.round((o.votes / total) * 100)}%`} />
            <span class="n">{o.votes}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Shell(props: {
  l: Locale;
  title: string;
  css: string;
  view: string;
  eventId: string;
  tz: string;
  children: unknown;
}) {
  return (
    <html lang={props.l}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <link rel="icon" href="data:," />
        <style>{props.css}</style>
        <script type="module" src="/assets/projector.js" defer />
      </head>
      <body
        id="screen-root"
        data-view={props.view}
        data-event={props.eventId}
        data-tz={props.tz}
        data-lang={props.l}
      >
        {props.children as never}
      </body>
    </html>
  );
}

export const screenPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const { live } = app.ctx.services;
  const schema = { hide: true, params: SlugParams };

  async function load(req: FastifyRequest, slug: string) {
    const event = await loadEventFor(req, db, slug, 'view');
    const snap: SnapshotDto = await live.snapshot(event, 'public');
    return { event, snap, l: req.locale };
  }

  app.get('/e/:slug/projector', { schema }, async (req, reply) => {
    const { event, snap, l } = await load(req, req.params.slug);
    const askUrl = `${config.publicUrl}/e/${event.slug}/live?from=hall`;
    const qr = await QRCode.toDataURL(askUrl, { margin: 1, width: 480, errorCorrectionLevel: 'M' });
    const now = snap.stage.now;
    const q = snap.screen.question;
    const poll = snap.polls.find((p) => p.id === snap.screen.pollId);
    return sendPage(
      reply,
      <Shell
        l={l}
        title={`${T.projector[l]} — ${event.title}`}
        css={PROJECTOR_CSS}
        view="projector"
        eventId={event.id}
        tz={event.timezone}
      >
        <section class="stage">
          <p class="label">{T.now[l]}</p>
          <h1 id="stage-now">{now ? now.title : event.title}</h1>
          <ul class="people" id="stage-people">
            {(now?.people ?? []).map((p) => (
              <li>
                {p.fullName}
                {p.position ? <span> — {p.position}</span> : null}
              </li>
            ))}
          </ul>
          <p class="timer" id="stage-timer" data-ends={snap.stage.endsAt ?? ''}>
            {snap.stage.endsAt
              ? `${T.until[l]} ${formatTime(Date.parse(snap.stage.endsAt), event.timezone, l)}`
              : ''}
          </p>
          <p class="next" id="stage-next-wrap" hidden={!snap.stage.next}>
            {T.next[l]}: <span id="stage-next">{snap.stage.next?.title ?? ''}</span>
          </p>
        </section>
        <aside class="qr">
          <img src={qr} alt={askUrl} width={480} height={480} />
          <p>{T.askFromPhone[l]}</p>
          <p class="url">{askUrl.replace(/^https?:\/\//, '')}</p>
        </aside>
        <section class="screen-q" id="screen-q" hidden={!q}>
          <p class="label" style="color:#0b5cad">
            {T.onScreen[l]}
          </p>
          <p class="qtext" id="screen-q-text">
            {q?.text ?? ''}
          </p>
          <p class="meta" id="screen-q-meta">
            {q
              ? `${q.channel === 'onsite' ? T.hall[l] : T.online[l]} · ${q.author ?? T.anon[l]}${q.speaker ? ` → ${q.speaker.name}` : ''}`
              : ''}
          </p>
        </section>
        <PollBlock poll={poll} l={l} />
      </Shell>,
    );
  });

  app.get('/e/:slug/overlay', { schema }, async (req, reply) => {
    const { event, snap, l } = await load(req, req.params.slug);
    const person = snap.stage.now?.people[0];
    const q = snap.screen.question;
    return sendPage(
      reply,
      <Shell
        l={l}
        title={`${T.overlay[l]} — ${event.title}`}
        css={OVERLAY_CSS}
        view="overlay"
        eventId={event.id}
        tz={event.timezone}
      >
        <div class="lower" id="lower" hidden={!person}>
          <p class="name" id="lower-name">
            {person?.fullName ?? ''}
          </p>
          <p class="pos" id="lower-pos">
            {[person?.position, person?.institution].filter(Boolean).join(', ')}
          </p>
        </div>
        <div class="oq" id="screen-q" hidden={!q}>
          <p class="qtext" id="screen-q-text">
            {q?.text ?? ''}
          </p>
          <p class="meta" id="screen-q-meta">
            {q ? `${q.channel === 'onsite' ? T.hall[l] : T.online[l]} · ${q.author ?? T.anon[l]}` : ''}
          </p>
        </div>
      </Shell>,
    );
  });
};
