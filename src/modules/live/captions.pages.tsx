import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Text } from '../../i18n/index.js';
import { FormFields } from '../../web/forms.js';
import { CsrfField, page } from '../../web/page.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { CaptionText } from './captions.routes.js';
import { LIVE_CSS } from './live.components.js';
import { ConsoleNav } from './live.console.views.js';

const C = {
  title: { id: 'Meja takarir', en: 'Caption desk' },
  intro: {
    id: 'Ketik apa yang diucapkan pembicara; tekan Enter untuk mengirim satu baris. Baris tampil di halaman langsung, proyektor (pita takarir) dan overlay.',
    en: 'Type what the speaker says; press Enter to send a line. Lines show on the live page, the projector (caption band) and the overlay.',
  },
  line: { id: 'Baris takarir', en: 'Caption line' },
  send: { id: 'Kirim baris', en: 'Send line' },
  speech: { id: 'Pengenalan suara (bahasa Indonesia)', en: 'Speech recognition (Indonesian)' },
  speechStart: { id: 'Mulai dengarkan', en: 'Start listening' },
  speechNone: {
    id: 'Peramban ini tidak punya pengenalan suara; ketik baris secara manual.',
    en: 'This browser has no speech recognition; type the lines instead.',
  },
  correct: { id: 'Koreksi baris terakhir', en: 'Correct the last line' },
  save: { id: 'Simpan koreksi', en: 'Save correction' },
  recent: { id: 'Baris terakhir', en: 'Latest lines' },
  none: { id: 'Belum ada baris.', en: 'No lines yet.' },
  bands: {
    id: 'Pita takarir di layar: buka proyektor atau overlay dengan ?captions=1.',
    en: 'Caption band on screens: open the projector or overlay with ?captions=1.',
  },
} satisfies Record<string, Text>;

/**
 * The caption desk (moderators and organizers): a captioner types lines, or the browser's speech
 * recognition feeds them where it exists (no speech model is bundled); the last line can be corrected.
 * The forms work without JavaScript; the island (client/captions.ts) sends on Enter and adds speech.
 */
export const captionPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const { captions } = app.ctx.services;

  function staffEvent(req: FastifyRequest, id: string) {
    requireUser(req);
    return loadEventFor(req, db, id, 'moderate');
  }

  app.get('/console/events/:id/captions', { schema: { hide: true, params: IdParam } }, async (req, reply) => {
    const event = await staffEvent(req, req.params.id);
    const l = req.locale;
    const lines = (await captions.transcript(event)).slice(-10);
    const action = `/console/events/${event.id}/captions`;
    return page(
      req,
      reply,
      { title: `${C.title[l]} — ${event.title}`, nav: 'console', scripts: ['/assets/captions.js'] },
      <>
        <style>{LIVE_CSS}</style>
        <h1>{C.title[l]}</h1>
        <p class="muted">{event.title}</p>
        <ConsoleNav base={`/console/events/${event.id}`} l={l} />
        <p>{C.intro[l]}</p>
        <div id="caption-desk" data-event={event.id} data-csrf={req.user?.csrf ?? ''}>
          <form method="post" action={action} id="caption-form" class="card">
            <CsrfField req={req} />
            <label for="caption-line">{C.line[l]}</label>
            <input id="caption-line" name="text" required maxLength={500} autocomplete="off" />
            <button type="submit">{C.send[l]}</button>
            <p id="caption-msg" role="status" class="muted" />
          </form>
          <div class="card" id="speech-box" hidden>
            <h2>{C.speech[l]}</h2>
            <button type="button" id="speech-toggle" class="secondary">
              {C.speechStart[l]}
            </button>
            <p id="speech-interim" class="muted" />
          </div>
          <p id="speech-none" class="muted" hidden>
            {C.speechNone[l]}
          </p>
          <form method="post" action={`${action}/last`} id="correct-form" class="card">
            <CsrfField req={req} />
            <label for="caption-correct">{C.correct[l]}</label>
            <input
              id="caption-correct"
              name="text"
              required
              maxLength={500}
              value={lines.at(-1)?.text ?? ''}
              autocomplete="off"
            />
            <button type="submit" class="secondary">
              {C.save[l]}
            </button>
          </form>
          <h2>{C.recent[l]}</h2>
          <ol id="caption-lines" class="captions-list">
            {lines.map((x) => (
              <li data-id={x.id}>{x.text}</li>
            ))}
          </ol>
          {lines.length ? null : (
            <p class="muted" id="caption-none">
              {C.none[l]}
            </p>
          )}
          <p class="muted">{C.bands[l]}</p>
        </div>
      </>,
    );
  });

  const Line = z.object({ text: z.string().max(4000), _csrf: z.string().optional() });
  app.post(
    '/console/events/:id/captions',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const event = await staffEvent(req, req.params.id);
      const text = parseOrThrow(CaptionText, parseOrThrow(Line, req.body).text);
      await captions.addLine(event, text, 'typed', req.user?.id ?? null);
      return reply.redirect(`/console/events/${event.id}/captions`, 303);
    },
  );
  app.post(
    '/console/events/:id/captions/last',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const event = await staffEvent(req, req.params.id);
      await captions.correctLast(event, parseOrThrow(CaptionText, parseOrThrow(Line, req.body).text));
      return reply.redirect(`/console/events/${event.id}/captions`, 303);
    },
  );
};
