import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../../http/params.js';
import { parseOrThrow } from '../../../http/validation.js';
import { formatDateTime, formatTime } from '../../../shared/time.js';
import {
  FormFields,
  type FormValues,
  formBody,
  formError,
  type KeptForm,
  PostForm,
  SavedNotice,
  SavedQuery,
  str,
} from '../../../web/forms.js';
import { eventToolPage } from '../../../web/tool-page.js';
import { requireUser } from '../../auth/index.js';
import { type EventRow, loadEventFor } from '../../events/index.js';
import { L } from '../messages.text.js';
import { type ReminderRule, ReminderRules } from './reminders.rules.js';

const ROWS = 4;
const T = {
  intro: {
    id: 'Pengingat dikirim lewat e-mail (dan WhatsApp bila Cloud API disiapkan) ke pendaftar yang terkonfirmasi; daftar tunggu mendapat kabar "masih menunggu" sehari sebelumnya.',
    en: 'Reminders go by e-mail (and WhatsApp with the Cloud API) to confirmed registrants; the waitlist hears it is still waiting the day before.',
  },
  when: { id: 'Kapan', en: 'When' },
  due: { id: 'Jadwal kirim', en: 'Goes out at' },
  reached: { id: 'Penerima', en: 'Reached' },
  notYet: { id: 'belum', en: 'not yet' },
  missed: {
    id: 'tidak dikirim: acara sudah lewat',
    en: 'not sent: the event had already passed',
  },
  kind: { id: 'Jenis', en: 'Kind' },
  days: { id: 'hari sebelum, pukul', en: 'days before, at' },
  minutes: { id: 'menit sebelum mulai', en: 'minutes before the start' },
  off: { id: '— (tidak dipakai)', en: '— (unused)' },
  save: { id: 'Simpan pengingat', en: 'Save reminders' },
  number: { id: 'Jumlah', en: 'Number' },
  at: { id: 'Pukul', en: 'At' },
  dayRule: (d: number, at: string) => ({
    id: `${d} hari sebelum, pukul ${at}`,
    en: `${d} days before, at ${at}`,
  }),
  minuteRule: (m: number) => ({ id: `${m} menit sebelum mulai`, en: `${m} minutes before the start` }),
} as const;

/** A rule in words; the clock time of a day rule is its due moment's, so it reads "17.00" in Indonesian. */
const describe = (r: ReminderRule, dueAt: number, tz: string, l: 'id' | 'en'): string =>
  (r.minutesBefore === undefined
    ? T.dayRule(r.daysBefore ?? 0, formatTime(dueAt, tz, l))
    : T.minuteRule(r.minutesBefore))[l];

function valuesOf(rules: ReminderRule[]): FormValues {
  const v: FormValues = {};
  rules.forEach((r, i) => {
    v[`kind${i}`] = r.minutesBefore === undefined ? 'days' : 'minutes';
    v[`n${i}`] = String(r.minutesBefore ?? r.daysBefore ?? '');
    v[`at${i}`] = r.at ?? '';
  });
  return v;
}

function rulesOf(v: FormValues) {
  const reminders: Record<string, unknown>[] = [];
  for (let i = 0; i < ROWS; i++) {
    const kind = str(v, `kind${i}`);
    const n = Number(str(v, `n${i}`));
    if (kind === 'days') reminders.push({ daysBefore: n, at: str(v, `at${i}`) });
    if (kind === 'minutes') reminders.push({ minutesBefore: n });
  }
  return parseOrThrow(ReminderRules, { reminders }).reminders;
}

/** The reminders of one event: when each goes out, how many it reached, and the form to change them. */
export const remindersPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.reminders;

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    form: KeptForm,
    saved?: string,
  ) {
    const l = req.locale;
    const schedule = await svc.schedule(event);
    const v = form.values;
    return eventToolPage(
      req,
      reply,
      event,
      L.reminders,
      <>
        <p>{T.intro[l]}</p>
        <SavedNotice saved={saved} l={l} />
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{T.when[l]}</th>
                <th>{T.due[l]}</th>
                <th>{T.reached[l]}</th>
              </tr>
            </thead>
            <tbody>
              {schedule.map((s) => (
                <tr>
                  <td>{describe(s.rule, s.dueAt, event.timezone, l)}</td>
                  <td>{formatDateTime(s.dueAt, event.timezone, l)}</td>
                  <td>{s.recipients !== null ? s.recipients : s.missed ? T.missed[l] : T.notYet[l]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <PostForm
          req={req}
          action={`/console/events/${event.id}/reminders`}
          error={form.error}
          submit={T.save[l]}
        >
          {Array.from({ length: ROWS }, (_, i) => (
            <fieldset class="row">
              <label>
                {T.kind[l]}{' '}
                <select name={`kind${i}`}>
                  {(['', 'days', 'minutes'] as const).map((k) => (
                    <option value={k} selected={str(v, `kind${i}`) === k}>
                      {(k === '' ? T.off : k === 'days' ? T.days : T.minutes)[l]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {T.number[l]}{' '}
                <input name={`n${i}`} type="number" min={0} inputMode="numeric" value={str(v, `n${i}`)} />
              </label>
              <label>
                {T.at[l]} <input name={`at${i}`} type="time" value={str(v, `at${i}`)} />
              </label>
            </fieldset>
          ))}
        </PostForm>
      </>,
      { status: form.status },
    );
  }

  app.get(
    '/console/events/:id/reminders',
    { schema: { hide: true, params: IdParam, querystring: SavedQuery } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return show(req, reply, event, { values: valuesOf(await svc.rules(event)) }, req.query.saved);
    },
  );

  app.post(
    '/console/events/:id/reminders',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const values = formBody(req);
      try {
        await svc.setRules(event, rulesOf(values));
      } catch (err) {
        const error = formError(err, req.locale);
        if (!error) throw err;
        return show(req, reply, event, { values, error, status: 400 });
      }
      return reply.redirect(`/console/events/${event.id}/reminders?saved=1`, 303);
    },
  );
};
