import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors } from '../../../errors.js';
import { IdParam } from '../../../http/params.js';
import { parseOrThrow } from '../../../http/validation.js';
import type { Text } from '../../../i18n/index.js';
import { slugify } from '../../../shared/ids.js';
import { parseLocalDateTime, toLocalInput } from '../../../shared/time.js';
import { FormFields, type FormValues, SavedQuery, saveOrShowAgain } from '../../../web/forms.js';
import { Notice } from '../../../web/layout.js';
import { CsrfField } from '../../../web/page.js';
import { CF, consoleFrame } from '../../../web/participants-frame.js';
import { type EventRow, loadEventFor } from '../../events/index.js';
import { type Question, SettingsInput } from '../registrations.schemas.js';

const ST = {
  opens: { id: 'Pendaftaran dibuka (kosong: sekarang)', en: 'Registration opens (empty: now)' },
  closes: {
    id: 'Pendaftaran ditutup (kosong: saat acara selesai)',
    en: 'Registration closes (empty: when the event ends)',
  },
  approval: {
    id: 'Setiap pendaftaran perlu persetujuan panitia',
    en: 'Every registration needs the organizers’ approval',
  },
  waitlist: {
    id: 'Bila penuh, pendaftar masuk daftar tunggu (jika tidak dicentang: pendaftaran ditolak)',
    en: 'When full, people join the waitlist (unticked: registration is refused)',
  },
  seatMode: { id: 'Pembagian kursi aula', en: 'Hall seat assignment' },
  seatModes: {
    registration: {
      id: 'Otomatis saat pendaftaran terkonfirmasi',
      en: 'Automatically when a registration is confirmed',
    },
    checkin: { id: 'Saat registrasi ulang di pintu masuk', en: 'At check-in at the door' },
    none: { id: 'Tanpa nomor kursi', en: 'No seat numbers' },
  } satisfies Record<string, Text>,
  questions: { id: 'Pertanyaan tambahan (satu per baris)', en: 'Extra questions (one per line)' },
  questionsHint: {
    id: 'Format: Pertanyaan | text / choice / multi | opsi1; opsi2 | wajib. Contoh: Jenis usaha | choice | Kuliner; Kerajinan; Jasa | wajib',
    en: 'Format: Question | text / choice / multi | option1; option2 | required. E.g.: Business type | choice | Food; Crafts; Services | required',
  },
  controller: { id: 'Pengendali data (nama lembaga)', en: 'Data controller (institution name)' },
  contact: {
    id: 'Kontak untuk hak atas data (e-mail/WhatsApp)',
    en: 'Contact for data rights (e-mail/WhatsApp)',
  },
  purpose: { id: 'Tujuan pemrosesan data', en: 'Purpose of processing' },
  retention: {
    id: 'Masa simpan data kontak (hari setelah acara)',
    en: 'Contact data retention (days after the event)',
  },
  capacity: { id: 'Kapasitas saat ini', en: 'Current capacity' },
  capacityHint: {
    id: 'Kapasitas aula mengikuti denah kursi bila ada, selain itu kapasitas ruangan di data acara. Kapasitas daring diatur di data acara.',
    en: 'The hall capacity follows the seat plan when there is one, otherwise the venue capacity of the event. The online capacity is set in the event details.',
  },
  save: { id: 'Simpan', en: 'Save' },
  saved: { id: 'Pengaturan tersimpan.', en: 'Settings saved.' },
  unlimited: { id: 'tanpa batas', en: 'unlimited' },
} as const;

/** "Label | kind | a; b | wajib" lines → questions (ids from the label, kept stable when labels repeat). */
function parseQuestionLines(text: string): Question[] {
  const out: Question[] = [];
  text
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const [label = '', kind = 'text', opts = '', req = ''] = line.split('|').map((x) => x.trim());
      const k = (
        ['text', 'choice', 'multi'].includes(kind.toLowerCase()) ? kind.toLowerCase() : 'bad'
      ) as Question['kind'];
      if ((k as string) === 'bad') {
        throw errors.validation({
          id: `Baris ${i + 1}: jenis harus text, choice atau multi.`,
          en: `Line ${i + 1}: the kind must be text, choice or multi.`,
        });
      }
      let id = slugify(label).slice(0, 30) || `q${i + 1}`;
      while (out.some((q) => q.id === id)) id = `${id}-${i + 1}`;
      out.push({
        id,
        label,
        kind: k,
        options: opts
          ? opts
              .split(';')
              .map((o) => o.trim())
              .filter(Boolean)
          : [],
        required: /^(wajib|required|ya|yes)$/i.test(req),
      });
    });
  return out;
}

const questionLines = (qs: Question[]) =>
  qs
    .map((q) =>
      [q.label, q.kind, q.options.join('; '), q.required ? 'wajib' : ''].join(' | ').replace(/( \| )+$/, ''),
    )
    .join('\n');

/** The posted fields as typed (the first of repeated ones); absent ones stay undefined. */
const fields = (v: FormValues): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? x[0] : x]));

/** The organizer's registration settings page and its form post. */
export const settingsPages: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;
  const regs = app.ctx.services.registrations;

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    opts: { error?: string; saved?: boolean; status?: number } = {},
  ) {
    const l = req.locale;
    const s = await regs.settings(event);
    const cap = await regs.capacities(event);
    const tz = event.timezone;
    return consoleFrame(
      req,
      reply,
      event,
      CF.settings,
      <>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        {opts.saved ? <Notice kind="ok">{ST.saved[l]}</Notice> : null}
        <div class="card">
          <strong>{ST.capacity[l]}:</strong> {l === 'id' ? 'luring' : 'hall'} {cap.onsite ?? ST.unlimited[l]}{' '}
          · {l === 'id' ? 'daring' : 'online'} {cap.online ?? ST.unlimited[l]}
          <p class="muted" style="margin:.25rem 0 0">
            {ST.capacityHint[l]}
          </p>
        </div>
        <form method="post" action={`/console/events/${event.id}/registration-settings`}>
          <CsrfField req={req} />
          <label for="s-opens">{ST.opens[l]}</label>
          <input
            id="s-opens"
            name="opensAt"
            type="datetime-local"
            value={s.opensAt ? toLocalInput(s.opensAt, tz) : ''}
          />
          <label for="s-closes">{ST.closes[l]}</label>
          <input
            id="s-closes"
            name="closesAt"
            type="datetime-local"
            value={s.closesAt !== event.ends_at ? toLocalInput(s.closesAt, tz) : ''}
          />
          <label class="inline">
            <input type="checkbox" name="approval" value="yes" checked={s.approval} /> {ST.approval[l]}
          </label>
          <label class="inline">
            <input type="checkbox" name="waitlist" value="yes" checked={s.waitlist} /> {ST.waitlist[l]}
          </label>
          <label for="s-seat">{ST.seatMode[l]}</label>
          <select id="s-seat" name="seatMode">
            {(['registration', 'checkin', 'none'] as const).map((m) => (
              <option value={m} selected={s.seatMode === m}>
                {ST.seatModes[m][l]}
              </option>
            ))}
          </select>
          <label for="s-q">{ST.questions[l]}</label>
          <textarea id="s-q" name="questions" rows={4} aria-describedby="s-q-hint">
            {questionLines(s.questions)}
          </textarea>
          <small class="muted" id="s-q-hint">
            {ST.questionsHint[l]}
          </small>
          <label for="s-ctrl">{ST.controller[l]}</label>
          <input id="s-ctrl" name="privacyController" maxLength={300} value={s.privacyController ?? ''} />
          <label for="s-contact">{ST.contact[l]}</label>
          <input id="s-contact" name="privacyContact" maxLength={300} value={s.privacyContact ?? ''} />
          <label for="s-purpose">{ST.purpose[l]}</label>
          <textarea id="s-purpose" name="privacyPurpose" rows={2} maxLength={1000}>
            {s.privacyPurpose ?? ''}
          </textarea>
          <label for="s-ret">{ST.retention[l]}</label>
          <input
            id="s-ret"
            name="retentionDays"
            type="number"
            min={1}
            max={3650}
            value={String(s.retentionDays)}
          />
          <p>
            <button type="submit">{ST.save[l]}</button>
          </p>
        </form>
      </>,
      opts.status,
    );
  }

  app.register(async (plain) => {
    const pages = plain.withTypeProvider<ZodTypeProvider>();
    const load = (req: FastifyRequest, id: string) => loadEventFor(req, db, id, 'organize');
    pages.get(
      '/console/events/:id/registration-settings',
      { schema: { hide: true, params: IdParam, querystring: SavedQuery } },
      async (req, reply) => show(req, reply, await load(req, req.params.id), { saved: !!req.query.saved }),
    );
    pages.post(
      '/console/events/:id/registration-settings',
      { schema: { hide: true, params: IdParam, body: FormFields } },
      async (req, reply) => {
        const event = await load(req, req.params.id);
        const save = async (values: FormValues) => {
          const b = fields(values);
          const tz = event.timezone;
          const when = (v: string | undefined, field: string) => {
            if (!v) return null;
            const ms = parseLocalDateTime(v, tz);
            if (ms === null)
              throw errors.validation({ id: `${field}: tanggal tidak sah`, en: `${field}: invalid date` });
            return new Date(ms).toISOString();
          };
          const patch = parseOrThrow(SettingsInput, {
            opensAt: when(b.opensAt, 'opensAt'),
            closesAt: when(b.closesAt, 'closesAt'),
            approval: b.approval === 'yes',
            waitlist: b.waitlist === 'yes',
            seatMode: b.seatMode,
            questions: parseQuestionLines(b.questions ?? ''),
            privacyController: b.privacyController,
            privacyContact: b.privacyContact,
            privacyPurpose: b.privacyPurpose,
            retentionDays: Number(b.retentionDays || 365),
          });
          await regs.saveSettings(event, patch);
          return `/console/events/${event.id}/registration-settings?saved=1`;
        };
        // A refused post shows the stored settings again with the message.
        return saveOrShowAgain(req, reply, save, (form) =>
          show(req, reply, event, { error: form.error?.message, status: form.status }),
        );
      },
    );
  });
};
