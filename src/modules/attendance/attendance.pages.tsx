import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Locale, Text } from '../../i18n/index.js';
import { formatDateTime, formatTime } from '../../shared/time.js';
import { ErrorNotice, type FormValues, type KeptForm, SavedNotice, str } from '../../web/forms.js';
import { CsrfField, page } from '../../web/page.js';
import { can, type EventRow } from '../events/index.js';
import { back, base, DASH_CSS, fill, num, organizerFormPost, staffEvent, T } from './attendance.console.js';
import { DashboardQuery, PAGE_SIZE, PeopleTable } from './attendance.people.js';
import { CorrectionBody, SettingsBody } from './attendance.schemas.js';
import type { AttendanceService } from './attendance.service.js';
import { ONLINE_RULES } from './attendance.tables.js';
import { RULE_TEXT } from './online/online.service.js';
import type { PresenceSettings } from './presence.js';

/** One number of the online presence rule, from 1 up to `max`. */
function NumberSetting(props: {
  name: string;
  label: string;
  min?: number;
  max: number;
  value: number | string;
}) {
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        type="number"
        min={props.min ?? 1}
        max={props.max}
        value={props.value}
      />
    </div>
  );
}

type Summary = Awaited<ReturnType<AttendanceService['summary']>>;
type AuditLine = Awaited<ReturnType<AttendanceService['audit']>>[number];

/** The number of people in the hall, online and in all, refreshed live by the attendance-live island. */
function LiveNumbers(props: { summary: Summary; api: string; l: Locale }) {
  const { summary, l } = props;
  return (
    <div id="attendance-live" data-stream={`${props.api}/stream`} class="big" aria-live="polite">
      <div class="card">
        {T.hall[l]}
        <b data-k="present.onsite">{summary.present.onsite}</b>
        <span class="muted" data-k="expected.onsite" data-template={T.of[l]}>
          {fill(T.of[l], { n: summary.expected.onsite })}
        </span>
      </div>
      <div class="card">
        {T.online[l]}
        <b data-k="present.online">{summary.present.online}</b>
        <span class="muted" data-k="expected.online" data-template={T.of[l]}>
          {fill(T.of[l], { n: summary.expected.online })}
        </span>
      </div>
      <div class="card">
        {T.total[l]}
        <b data-k="present.total">{summary.present.total}</b>
      </div>
    </div>
  );
}

/** Arrivals per 10 minutes as bars, with the time span below. */
function Arrivals(props: { summary: Summary; event: EventRow; l: Locale }) {
  const { summary, event, l } = props;
  if (!summary.arrivals.length) return <p class="muted">{T.noArrivals[l]}</p>;
  const max = Math.max(1, ...summary.arrivals.map((a) => a.count));
  return (
    <>
      <div class="bars" role="img" aria-label={T.arrivals[l]}>
        {summary.arrivals.map((a) => (
          <span
            style={`height:${Math.round((a.count / max) * 100)}%`}
            title={`${formatTime(Date.parse(a.at), event.timezone, l)}: ${a.count}`}
          />
        ))}
      </div>
      <p class="muted">
        {formatTime(Date.parse(summary.arrivals[0]!.at), event.timezone, l)} –{' '}
        {formatTime(Date.parse(summary.arrivals.at(-1)!.at) + 600_000, event.timezone, l)}
      </p>
    </>
  );
}

/** The daftar hadir downloads (organizers). */
function ListLinks(props: { api: string; l: Locale }) {
  const { api, l } = props;
  return (
    <>
      <h2 id="daftar-hadir">{T.lists[l]}</h2>
      <ul>
        {(
          [
            ['hall', '', T.listHall],
            ['hall', 'only=present&', T.listHallPresent],
            ['online', '', T.listOnline],
            ['speakers', '', T.listSpeakers],
            ['committee', '', T.listCommittee],
          ] as const
        ).map(([list, q, label]) => (
          <li>
            {label[l]}: <a href={`${api}/lists/${list}?${q}format=pdf`}>PDF</a> ·{' '}
            <a href={`${api}/lists/${list}?${q}format=xlsx`}>XLSX</a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The online presence rule (organizers). */
function RuleForm(props: {
  req: FastifyRequest;
  event: EventRow;
  settings: PresenceSettings;
  kept?: FormValues;
}) {
  const { req, event, kept } = props;
  const l = req.locale;
  // A refused form shows what was typed (a window of 1441 minutes stays 1441, next to the message).
  const typed = (k: keyof PresenceSettings) =>
    typeof kept?.[k] === 'string' ? (kept[k] as string) : undefined;
  const settings = {
    ...props.settings,
    onlineRule:
      (typed('onlineRule') as PresenceSettings['onlineRule'] | undefined) ?? props.settings.onlineRule,
  };
  const value = (k: Exclude<keyof PresenceSettings, 'onlineRule'>) => typed(k) ?? settings[k];
  return (
    <>
      <h2>{T.rule[l]}</h2>
      <form method="post" action={`${base(event)}/settings`} class="card">
        <CsrfField req={req} />
        {ONLINE_RULES.map((r) => (
          <label class="inline">
            <input type="radio" name="onlineRule" value={r} checked={settings.onlineRule === r} />
            <span>{RULE_TEXT[r][l]}</span>
          </label>
        ))}
        <div class="grid">
          <NumberSetting name="minCodes" label={T.minCodes[l]} max={20} value={value('minCodes')} />
          <NumberSetting name="minPercent" label={T.minPercent[l]} max={100} value={value('minPercent')} />
          <NumberSetting
            name="codeWindowMinutes"
            label={T.window[l]}
            max={1440}
            value={value('codeWindowMinutes')}
          />
          <NumberSetting
            name="doorsOpenMinutes"
            label={T.doorsOpen[l]}
            min={0}
            max={1440}
            value={value('doorsOpenMinutes')}
          />
          <NumberSetting
            name="onlineOpenMinutes"
            label={T.onlineOpen[l]}
            min={0}
            max={1440}
            value={value('onlineOpenMinutes')}
          />
          <NumberSetting
            name="graceMinutes"
            label={T.grace[l]}
            min={0}
            max={1440}
            value={value('graceMinutes')}
          />
        </div>
        <p>
          <button type="submit">{T.save[l]}</button>
        </p>
      </form>
    </>
  );
}

/** What each line of the log records, in words. */
const AUDIT_ACTIONS: Record<string, Text> = {
  'attendance.correction': { id: 'koreksi', en: 'correction' },
  'attendance.settings': { id: 'aturan kehadiran', en: 'presence rule' },
  'attendance.checkin_override': {
    id: 'check-in di luar jendela acara',
    en: 'check-in outside the event window',
  },
};

/** Corrections and settings changes, newest first (organizers). */
function AuditLog(props: { audit: AuditLine[]; event: EventRow; l: Locale }) {
  const { audit, event, l } = props;
  if (!audit.length) return null;
  return (
    <>
      <h2>{T.audit[l]}</h2>
      <ul>
        {audit.map((a) => (
          <li>
            {formatDateTime(Date.parse(a.at), event.timezone, l)} · {a.by ?? '-'} ·{' '}
            {AUDIT_ACTIONS[a.action]?.[l] ?? a.action.replace('attendance.', '')}
            {a.reason ? ` · “${a.reason}”` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

export const attendancePages: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const attendance = app.ctx.services.attendance;
  const online = app.ctx.services.online;

  for (const link of [
    { key: 'attendance-checkin', order: 30, label: T.door, path: '/checkin', access: 'checkin' as const },
    { key: 'attendance', order: 31, label: T.dashboard, path: '/attendance', access: 'checkin' as const },
    {
      key: 'attendance-codes',
      order: 32,
      label: T.codes,
      path: '/attendance/codes',
      access: 'moderate' as const,
    },
    { key: 'attendance-import', order: 33, label: T.importTitle, path: '/attendance/import' },
    { key: 'attendance-lists', order: 34, label: T.lists, path: '/attendance#daftar-hadir' },
  ]) {
    app.ctx.ui.consoleLinks.push(link);
  }

  /** The dashboard: live numbers for door staff; lists, the rule, corrections and their log for organizers. */
  async function dashboard(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    shown: {
      saved?: string | undefined;
      form?: KeptForm;
      q?: string | undefined;
      page?: number | undefined;
    } = {},
  ) {
    const l = req.locale;
    const organizer = await can(db, event, req.user, 'organize');
    const q = shown.q?.trim() ?? '';
    const [summary, settings, list, audit] = await Promise.all([
      attendance.summary(event),
      online.settings(event),
      organizer ? attendance.listPage(event, { q, page: shown.page ?? 1, size: PAGE_SIZE }) : null,
      organizer ? attendance.audit(event) : Promise.resolve([]),
    ]);
    const api = `/api/v1/events/${event.id}/attendance`;
    return page(
      req,
      reply,
      {
        title: `${T.dashboard[l]} · ${event.title}`,
        nav: 'console',
        scripts: ['/assets/attendance-live.js'],
        status: shown.form?.status ?? 200,
      },
      <>
        <style>{DASH_CSS}</style>
        {back(event, l)}
        <h1>
          {T.dashboard[l]}: {event.title}
        </h1>
        <SavedNotice saved={shown.saved} l={l} />
        <ErrorNotice error={shown.form?.error} />
        <LiveNumbers summary={summary} api={api} l={l} />
        <p class="muted">{T.live[l]}</p>
        <h2>{T.arrivals[l]}</h2>
        <Arrivals summary={summary} event={event} l={l} />
        {organizer ? (
          <>
            <ListLinks api={api} l={l} />
            <RuleForm
              req={req}
              event={event}
              settings={settings}
              // Only the rule form's own refusal (the corrections form posts no onlineRule).
              kept={shown.form?.values.onlineRule !== undefined ? shown.form.values : undefined}
            />
            {list ? <PeopleTable req={req} event={event} list={list} q={q} /> : null}
            <AuditLog audit={audit} event={event} l={l} />
          </>
        ) : null}
      </>,
    );
  }

  app.get(
    '/console/events/:id/attendance',
    { schema: { hide: true, params: IdParam, querystring: DashboardQuery } },
    async (req, reply) => {
      const { event } = await staffEvent(req, db, req.params.id, 'checkin');
      const { saved, cari, hal } = req.query;
      return dashboard(req, reply, event, { saved, q: cari, page: hal });
    },
  );

  organizerFormPost(
    app,
    '/console/events/:id/attendance/settings',
    async (event, b, user) => {
      const s = parseOrThrow(SettingsBody, {
        onlineRule: b.onlineRule,
        minCodes: num(str(b, 'minCodes')),
        minPercent: num(str(b, 'minPercent')),
        codeWindowMinutes: num(str(b, 'codeWindowMinutes')),
        doorsOpenMinutes: num(str(b, 'doorsOpenMinutes')),
        onlineOpenMinutes: num(str(b, 'onlineOpenMinutes')),
        graceMinutes: num(str(b, 'graceMinutes')),
      });
      await online.saveSettings(event, s, user);
      return `${base(event)}?saved=1`;
    },
    (req, reply, event, form) => dashboard(req, reply, event, { form }),
  );

  organizerFormPost(
    app,
    '/console/events/:id/attendance/corrections',
    async (event, b, user) => {
      const input = parseOrThrow(CorrectionBody, {
        registrationId: b.registrationId,
        set: b.set,
        reason: b.reason,
      });
      await attendance.correct(event, input, user);
      return `${base(event)}?saved=1`;
    },
    (req, reply, event, form) => dashboard(req, reply, event, { form }),
  );
};
