import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { Locale } from '../../i18n/index.js';
import type { PollDto, SnapshotDto } from '../../shared/realtime.js';
import { formatTime } from '../../shared/time.js';
import { sendPage } from '../../web/render.js';
import { loadEventFor } from '../events/index.js';
import { SlugParams } from './live.params.js';
import { KIND_SCREEN_CSS } from './live.poll-kinds.js';
import { T } from './live.text.js';

/**
 * The hall screen and the stream overlay: public views (they show only what participants may see),
 * large type, no header. Their island (client/projector.ts) keeps them live.
 */
const PROJECTOR_CSS = `
*{box-sizing:border-box}html{font:min(2.1vw,3.7vh)/1.25 system-ui,-apple-system,Segoe UI,Roboto,Noto Sans,sans-serif;background:#0b1d33;color:#fff}
html,body{height:100%;margin:0;overflow:hidden}
body{padding:2.5vh 2.5vw;display:grid;grid-template-columns:minmax(0,1fr) auto;grid-template-rows:auto minmax(0,1fr);gap:2.5vh 2vw}
.fit{overflow:hidden;font-size:calc(var(--k,1)*1em)}
.label{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.7em;color:#9ec5ff}
.stage{grid-column:1;grid-row:1;max-height:36vh;min-width:0}
h1{font-size:2.1em;margin:.1em 0;line-height:1.1;overflow-wrap:anywhere}
.people{list-style:none;padding:0;margin:.3em 0;font-size:1.05em}.people li{overflow-wrap:anywhere}.people li span{color:#c8d6e5}
.timer{font-size:1.5em;font-variant-numeric:tabular-nums;margin:.2em 0;color:#ffd166}
.next{color:#c8d6e5;margin:.2em 0;overflow-wrap:anywhere}
.qr{grid-column:2;grid-row:1;width:min(16vw,27vh);text-align:center;background:#fff;color:#0b1d33;border-radius:1vh;padding:1vh;align-self:start}
.qr img{width:100%;height:auto;image-rendering:pixelated;display:block}.qr p{margin:.3em 0 0;font-weight:700;font-size:.75em;line-height:1.15}
.qr .url{font-size:.5em;font-weight:400;overflow-wrap:anywhere}
.main{grid-column:1/span 2;grid-row:2;display:flex;gap:2vw;min-height:0}
.main section{flex:1 1 0;min-width:0;min-height:0;border-radius:1vh;padding:2vh 2vw}
.screen-q{background:#fff;color:#0b1d33}
.screen-q .qtext{font-size:1.7em;line-height:1.25;margin:.2em 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.screen-q .meta{margin:.6em 0 0;color:#445;font-size:.9em;overflow-wrap:anywhere}
.poll{background:#132c4c}
.poll h2{margin:.2em 0 .4em;font-size:1.35em;line-height:1.15;overflow-wrap:anywhere}
.open-voting{margin:-.2em 0 .4em;font-size:.75em;color:#ffd166}
.results{list-style:none;padding:0;margin:0}.results li{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.15em .6em;margin:.35em 0}
.results .label-o{overflow-wrap:anywhere}.results .bar{grid-column:1;height:.5em;background:#ffd166;border-radius:.25em;min-width:2px}
.results .n{grid-row:1/span 2;grid-column:2;text-align:right;font-size:1.15em;font-variant-numeric:tabular-nums}
[hidden]{display:none!important}
`;

// The overlay sits over the stream picture: a lower third (bottom left) and a column on the right for
// the question and the poll on screen, whose text shrinks (both alike) to stay inside the frame.
const OVERLAY_CSS = `
*{box-sizing:border-box}html,body{margin:0;height:100%;overflow:hidden;background:transparent;font:min(1.5vw,2.7vh)/1.3 system-ui,-apple-system,Segoe UI,Roboto,Noto Sans,sans-serif;color:#fff}
body{width:100vw;height:100vh;position:relative}
.fit{overflow:hidden;font-size:calc(var(--k,1)*1em)}
.lower{position:absolute;left:3vw;bottom:5vh;max-width:50vw;max-height:24vh;background:rgba(11,29,51,.88);border-left:.4em solid #ffd166;padding:.5em .9em;border-radius:.2em}
.lower .name{font-size:1.3em;font-weight:700;margin:0;overflow-wrap:anywhere}.lower .pos{margin:0;color:#c8d6e5;font-size:.9em;overflow-wrap:anywhere}
.side{position:absolute;right:3vw;top:5vh;bottom:5vh;width:42vw;display:flex;flex-direction:column;gap:.6em}
.side .oq,.side .poll{flex:none;border-radius:.3em;padding:.6em .9em}
.oq{background:rgba(255,255,255,.95);color:#0b1d33}
.oq .qtext{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}.oq .meta{margin:.3em 0 0;font-size:.75em;color:#445}
.poll{background:rgba(11,29,51,.9)}.poll .label{display:none}
.poll h2{margin:0 0 .3em;font-size:1.1em;overflow-wrap:anywhere}
.open-voting{margin:0 0 .3em;font-size:.75em;color:#ffd166}
.results{list-style:none;padding:0;margin:0}.results li{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.1em .5em;margin:.2em 0}
.results .label-o{overflow-wrap:anywhere}.results .bar{grid-column:1;height:.4em;background:#ffd166;border-radius:.2em;min-width:2px}
.results .n{grid-row:1/span 2;grid-column:2;text-align:right;font-variant-numeric:tabular-nums}
[hidden]{display:none!important}
`;

/** The poll on screen (its results drawn by the island too; poll kinds plug in there and here). */
function PollBlock(props: { poll: PollDto | undefined; l: Locale; fit?: boolean; open: boolean }) {
  const p = props.poll;
  const total = Math.max(1, p ? p.options.reduce((n, o) => n + o.votes, 0) : 1);
  return (
    <section class={props.fit ? 'poll fit' : 'poll'} id="screen-poll" hidden={!p} data-id={p?.id ?? ''}>
      <p class="label">{T.poll[props.l]}</p>
      <h2 id="screen-poll-q">{p?.question ?? ''}</h2>
      <p class="open-voting" id="screen-poll-open" hidden={!props.open}>
        {T.openVotingShort[props.l]}
      </p>
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
        <style>{props.css + KIND_SCREEN_CSS}</style>
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
        <section class="stage fit" id="stage">
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
        <main class="main">
          <section class="screen-q fit" id="screen-q" hidden={!q}>
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
          <PollBlock poll={poll} l={l} fit open={snap.settings.openVoting} />
        </main>
      </Shell>,
    );
  });

  app.get('/e/:slug/overlay', { schema }, async (req, reply) => {
    const { event, snap, l } = await load(req, req.params.slug);
    const person = snap.stage.now?.people[0];
    const q = snap.screen.question;
    const poll = snap.polls.find((p) => p.id === snap.screen.pollId);
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
        <div class="lower fit" id="lower" hidden={!person}>
          <p class="name" id="lower-name">
            {person?.fullName ?? ''}
          </p>
          <p class="pos" id="lower-pos">
            {[person?.position, person?.institution].filter(Boolean).join(', ')}
          </p>
        </div>
        <div class="side fit" id="side">
          <div class="oq" id="screen-q" hidden={!q}>
            <p class="qtext" id="screen-q-text">
              {q?.text ?? ''}
            </p>
            <p class="meta" id="screen-q-meta">
              {q ? `${q.channel === 'onsite' ? T.hall[l] : T.online[l]} · ${q.author ?? T.anon[l]}` : ''}
            </p>
          </div>
          <PollBlock poll={poll} l={l} open={snap.settings.openVoting} />
        </div>
      </Shell>,
    );
  });
};
