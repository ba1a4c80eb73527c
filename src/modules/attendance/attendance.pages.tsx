import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Locale, Text } from '../../i18n/index.js';
import { formatDateTime, formatTime } from '../../shared/time.js';
import { Notice } from '../../web/layout.js';
import { asPage, CsrfField, page } from '../../web/page.js';
import { requireUser } from '../auth/auth.plugin.js';
import { can, type EventRow, loadEventFor } from '../events/index.js';
import { CorrectionBody, NewCodeBody, SettingsBody } from './attendance.schemas.js';
import { createAttendanceService } from './attendance.service.js';
import { ONLINE_RULES } from './attendance.tables.js';
import { createImportService } from './import.service.js';
import { createOnlineService, RULE_TEXT } from './online.service.js';

const T = {
  dashboard: { id: 'Kehadiran', en: 'Attendance' },
  hall: { id: 'Hadir di aula', en: 'In the hall' },
  online: { id: 'Hadir daring', en: 'Online' },
  total: { id: 'Total hadir', en: 'Present in all' },
  of: { id: 'dari {n} terdaftar', en: 'of {n} registered' },
  arrivals: { id: 'Kedatangan per 10 menit', en: 'Arrivals per 10 minutes' },
  noArrivals: { id: 'Belum ada yang check-in.', en: 'Nobody has checked in yet.' },
  live: { id: 'Angka diperbarui langsung.', en: 'Numbers update live.' },
  lists: { id: 'Daftar hadir', en: 'Attendance lists' },
  listHall: { id: 'Peserta luring (lembar tanda tangan)', en: 'In-person participants (signing sheet)' },
  listHallPresent: { id: 'Peserta luring yang hadir', en: 'In-person participants present' },
  listOnline: { id: 'Peserta daring yang hadir', en: 'Online participants present' },
  listSpeakers: { id: 'Narasumber dan moderator', en: 'Speakers and moderator' },
  listCommittee: { id: 'Panitia', en: 'Committee' },
  rule: { id: 'Aturan hadir daring', en: 'Online presence rule' },
  minCodes: { id: 'Jumlah kode minimal', en: 'Minimum codes' },
  minPercent: { id: 'Persentase durasi minimal (%)', en: 'Minimum share of the time (%)' },
  window: { id: 'Kode presensi dibuka selama (menit)', en: 'Attendance codes stay open for (minutes)' },
  save: { id: 'Simpan', en: 'Save' },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  people: { id: 'Peserta', en: 'Participants' },
  name: { id: 'Nama', en: 'Name' },
  mode: { id: 'Mode', en: 'Mode' },
  status: { id: 'Kehadiran', en: 'Attendance' },
  evidence: { id: 'Bukti', en: 'Evidence' },
  fix: { id: 'Koreksi', en: 'Correct' },
  reason: { id: 'Alasan', en: 'Reason' },
  setOnsite: { id: 'Hadir luring', en: 'Present in person' },
  setOnline: { id: 'Hadir daring', en: 'Present online' },
  setAbsent: { id: 'Tidak hadir', en: 'Absent' },
  setAuto: { id: 'Ikuti aturan', en: 'Follow the rule' },
  absent: { id: 'Belum hadir', en: 'Not present' },
  audit: { id: 'Riwayat koreksi', en: 'Corrections log' },
  codes: { id: 'Kode presensi', en: 'Attendance codes' },
  newCode: { id: 'Buka kode baru', en: 'Open a new code' },
  label: { id: 'Keterangan (mis. Pembukaan, Penutupan)', en: 'Label (e.g. Opening, Closing)' },
  minutes: { id: 'Dibuka selama (menit)', en: 'Open for (minutes)' },
  openNow: { id: 'Sedang dibuka', en: 'Open now' },
  closed: { id: 'Ditutup', en: 'Closed' },
  close: { id: 'Tutup sekarang', en: 'Close now' },
  entries: { id: 'masuk', en: 'entered' },
  announce: {
    id: 'Umumkan kode ini. Peserta daring memasukkannya di halaman tiket mereka sebelum pukul {time}.',
    en: 'Announce this code. Online participants enter it on their ticket page before {time}.',
  },
  importTitle: { id: 'Impor laporan Zoom / Google Meet', en: 'Import a Zoom / Google Meet report' },
  importHelp: {
    id: 'Unduh laporan peserta (CSV) dari Zoom (Laporan → Penggunaan → Peserta) atau daftar kehadiran Google Meet, lalu pilih berkasnya atau tempel isinya di bawah.',
    en: 'Download the participant report (CSV) from Zoom (Reports → Usage → Participants) or the Google Meet attendance report, then choose the file or paste its content below.',
  },
  file: { id: 'Berkas CSV', en: 'CSV file' },
  paste: { id: 'Isi CSV', en: 'CSV content' },
  doImport: { id: 'Impor', en: 'Import' },
  unmatched: { id: 'Belum cocok', en: 'Not matched' },
  matched: { id: 'Cocok', en: 'Matched' },
  assign: { id: 'Pasangkan', en: 'Assign' },
  ignore: { id: 'Abaikan', en: 'Ignore' },
  choose: { id: '— pilih pendaftar —', en: '— choose a registrant —' },
  previous: { id: 'Impor sebelumnya', en: 'Earlier imports' },
  door: { id: 'Check-in di pintu', en: 'Door check-in' },
} satisfies Record<string, Text>;

const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

const DASH_CSS = `
.big{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr))}
.big .card b{display:block;font-size:2.6rem;line-height:1.1}
.bars{display:flex;align-items:flex-end;gap:2px;height:8rem;border-bottom:1px solid var(--line)}
.bars span{flex:1;background:var(--brand);min-width:4px;border-radius:2px 2px 0 0}
.code-big{font:700 3rem/1.1 ui-monospace,monospace;letter-spacing:.2em}
`;

export const attendancePages: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;
  const attendance = createAttendanceService(app.ctx);
  const online = createOnlineService(app.ctx);
  const imports = createImportService(app.ctx);

  for (const link of [
    { key: 'attendance-checkin', order: 30, label: T.door, path: '/checkin' },
    { key: 'attendance', order: 31, label: T.dashboard, path: '/attendance' },
    { key: 'attendance-codes', order: 32, label: T.codes, path: '/attendance/codes' },
    { key: 'attendance-import', order: 33, label: T.importTitle, path: '/attendance/import' },
    { key: 'attendance-lists', order: 34, label: T.lists, path: '/attendance#daftar-hadir' },
  ]) {
    app.ctx.ui.consoleLinks.push(link);
  }

  const base = (e: EventRow) => `/console/events/${e.id}/attendance`;
  const back = (e: EventRow, l: Locale) => (
    <p class="muted">
      <a href={`/console/events/${e.id}`}>← {e.title}</a> ·{' '}
      <a href={`/console/events/${e.id}/checkin`}>{T.door[l]}</a>
    </p>
  );

  async function dashboard(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    note?: { ok?: string; error?: string },
  ) {
    const l = req.locale;
    const organizer = await can(db, event, req.user, 'organize');
    const [summary, settings, rows, audit] = await Promise.all([
      attendance.summary(event),
      online.settings(event),
      organizer ? attendance.list(event) : Promise.resolve([]),
      organizer ? attendance.audit(event) : Promise.resolve([]),
    ]);
    const max = Math.max(1, ...summary.arrivals.map((a) => a.count));
    const api = `/api/v1/events/${event.id}/attendance`;
    return page(
      req,
      reply,
      {
        title: `${T.dashboard[l]} · ${event.title}`,
        nav: 'console',
        scripts: ['/assets/attendance-live.js'],
        status: note?.error ? 400 : 200,
      },
      <>
        <style>{DASH_CSS}</style>
        {back(event, l)}
        <h1>
          {T.dashboard[l]}: {event.title}
        </h1>
        {note?.ok ? <Notice kind="ok">{note.ok}</Notice> : null}
        {note?.error ? <Notice kind="error">{note.error}</Notice> : null}
        <div id="attendance-live" data-stream={`${api}/stream`} class="big" aria-live="polite">
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
        <p class="muted">{T.live[l]}</p>
        <h2>{T.arrivals[l]}</h2>
        {summary.arrivals.length ? (
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
        ) : (
          <p class="muted">{T.noArrivals[l]}</p>
        )}
        {organizer ? (
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
                <div>
                  <label for="minCodes">{T.minCodes[l]}</label>
                  <input
                    id="minCodes"
                    name="minCodes"
                    type="number"
                    min={1}
                    max={20}
                    value={settings.minCodes}
                  />
                </div>
                <div>
                  <label for="minPercent">{T.minPercent[l]}</label>
                  <input
                    id="minPercent"
                    name="minPercent"
                    type="number"
                    min={1}
                    max={100}
                    value={settings.minPercent}
                  />
                </div>
                <div>
                  <label for="codeWindowMinutes">{T.window[l]}</label>
                  <input
                    id="codeWindowMinutes"
                    name="codeWindowMinutes"
                    type="number"
                    min={1}
                    max={1440}
                    value={settings.codeWindowMinutes}
                  />
                </div>
              </div>
              <p>
                <button type="submit">{T.save[l]}</button>
              </p>
            </form>
            <h2>{T.people[l]}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{T.name[l]}</th>
                    <th>{T.mode[l]}</th>
                    <th>{T.status[l]}</th>
                    <th>{T.evidence[l]}</th>
                    <th>{T.fix[l]}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <td>
                        {r.name}
                        {r.institution ? <div class="muted">{r.institution}</div> : null}
                      </td>
                      <td>{r.mode === 'onsite' ? 'Luring' : 'Daring'}</td>
                      <td>
                        <span class={`badge ${r.present ? 'ok' : ''}`}>
                          {r.present === 'onsite'
                            ? T.setOnsite[l]
                            : r.present === 'online'
                              ? T.setOnline[l]
                              : T.absent[l]}
                        </span>
                        {r.override ? ' *' : ''}
                      </td>
                      <td class="muted">
                        {[
                          r.checkedInAt
                            ? `check-in ${formatTime(Date.parse(r.checkedInAt), event.timezone, l)}${r.checkedInBy ? ` (${r.checkedInBy})` : ''}`
                            : null,
                          r.joinedAt ? `join ${formatTime(Date.parse(r.joinedAt), event.timezone, l)}` : null,
                          r.codes ? `${r.codes} ${T.codes[l].toLowerCase()}` : null,
                          r.reportMinutes != null ? `${r.reportMinutes} min` : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </td>
                      <td>
                        <form method="post" action={`${base(event)}/corrections`} class="row">
                          <CsrfField req={req} />
                          <input type="hidden" name="registrationId" value={r.id} />
                          <select name="set" aria-label={T.fix[l]} style="width:auto">
                            <option value="onsite">{T.setOnsite[l]}</option>
                            <option value="online">{T.setOnline[l]}</option>
                            <option value="absent">{T.setAbsent[l]}</option>
                            <option value="auto">{T.setAuto[l]}</option>
                          </select>
                          <input
                            name="reason"
                            required
                            minLength={3}
                            maxLength={500}
                            placeholder={T.reason[l]}
                            aria-label={T.reason[l]}
                            style="width:12rem"
                          />
                          <button type="submit" class="secondary">
                            {T.fix[l]}
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {audit.length ? (
              <>
                <h2>{T.audit[l]}</h2>
                <ul>
                  {audit.map((a) => (
                    <li>
                      {formatDateTime(Date.parse(a.at), event.timezone, l)} · {a.by ?? '-'} ·{' '}
                      {a.action.replace('attendance.', '')}
                      {a.reason ? ` · “${a.reason}”` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </>,
    );
  }

  app.get<{ Params: { id: string } }>(
    '/console/events/:id/attendance',
    { schema: { hide: true } },
    async (req, reply) => {
      asPage(req);
      requireUser(req);
      return dashboard(req, reply, await loadEventFor(req, db, req.params.id, 'checkin'));
    },
  );

  const num = (v: unknown) => (typeof v === 'string' && v.trim() ? Number(v) : undefined);

  app.post<{ Params: { id: string }; Body: Record<string, string> }>(
    '/console/events/:id/attendance/settings',
    { schema: { hide: true } },
    async (req, reply) => {
      asPage(req);
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const b = req.body ?? {};
      try {
        const s = parseOrThrow(SettingsBody, {
          onlineRule: b.onlineRule,
          minCodes: num(b.minCodes),
          minPercent: num(b.minPercent),
          codeWindowMinutes: num(b.codeWindowMinutes),
        });
        await online.saveSettings(event, s, user);
        return dashboard(req, reply, event, { ok: T.saved[req.locale] });
      } catch (err) {
        if (err instanceof AppError) return dashboard(req, reply, event, { error: err.text[req.locale] });
        throw err;
      }
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, string> }>(
    '/console/events/:id/attendance/corrections',
    { schema: { hide: true } },
    async (req, reply) => {
      asPage(req);
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const b = req.body ?? {};
      try {
        const input = parseOrThrow(CorrectionBody, {
          registrationId: b.registrationId,
          set: b.set,
          reason: b.reason,
        });
        await attendance.correct(event, input, user);
        return reply.redirect(`${base(event)}?saved=1`, 303);
      } catch (err) {
        if (err instanceof AppError) return dashboard(req, reply, event, { error: err.text[req.locale] });
        throw err;
      }
    },
  );

  // Attendance codes: the moderator opens one at a moment of the rundown and reads it out.
  async function codesPage(req: FastifyRequest, reply: FastifyReply, event: EventRow, error?: string) {
    const l = req.locale;
    const [codes, settings] = await Promise.all([online.listCodes(event), online.settings(event)]);
    const open = codes.filter((c) => c.open);
    return page(
      req,
      reply,
      { title: `${T.codes[l]} · ${event.title}`, nav: 'console', status: error ? 400 : 200 },
      <>
        <style>{DASH_CSS}</style>
        {back(event, l)}
        <h1>{T.codes[l]}</h1>
        {error ? <Notice kind="error">{error}</Notice> : null}
        {open.map((c) => (
          <div class="card" id={`code-${c.id}`}>
            <span class="badge ok">{T.openNow[l]}</span> {c.label ?? ''}
            <div class="code-big" data-code={c.code}>
              {c.code}
            </div>
            <p>{fill(T.announce[l], { time: formatTime(Date.parse(c.closesAt), event.timezone, l) })}</p>
            <p class="muted">
              {c.entries} {T.entries[l]}
            </p>
            <form method="post" action={`${base(event)}/codes/${c.id}/close`}>
              <CsrfField req={req} />
              <button type="submit" class="secondary">
                {T.close[l]}
              </button>
            </form>
          </div>
        ))}
        <h2>{T.newCode[l]}</h2>
        <form method="post" action={`${base(event)}/codes`} class="card">
          <CsrfField req={req} />
          <label for="label">{T.label[l]}</label>
          <input id="label" name="label" maxLength={100} />
          <label for="windowMinutes">{T.minutes[l]}</label>
          <input
            id="windowMinutes"
            name="windowMinutes"
            type="number"
            min={1}
            max={1440}
            value={settings.codeWindowMinutes}
          />
          <p>
            <button type="submit">{T.newCode[l]}</button>
          </p>
        </form>
        <ul>
          {codes
            .filter((c) => !c.open)
            .map((c) => (
              <li>
                <code>{c.code}</code> {c.label ?? ''} · {formatTime(Date.parse(c.opensAt), event.timezone, l)}
                –{formatTime(Date.parse(c.closesAt), event.timezone, l)} · {c.entries} {T.entries[l]}
              </li>
            ))}
        </ul>
      </>,
    );
  }

  app.get<{ Params: { id: string } }>(
    '/console/events/:id/attendance/codes',
    { schema: { hide: true } },
    async (req, reply) => {
      asPage(req);
      requireUser(req);
      return codesPage(req, reply, await loadEventFor(req, db, req.params.id, 'moderate'));
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, string> }>(
    '/console/events/:id/attendance/codes',
    { schema: { hide: true } },
    async (req, reply) => {
      asPage(req);
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'moderate');
      const b = req.body ?? {};
      try {
        const input = parseOrThrow(NewCodeBody, {
          label: b.label?.trim() || undefined,
          windowMinutes: num(b.windowMinutes),
        });
        await online.createCode(event, input, user);
        return reply.redirect(`${base(event)}/codes`, 303);
      } catch (err) {
        if (err instanceof AppError) return codesPage(req, reply, event, err.text[req.locale]);
        throw err;
      }
    },
  );

  app.post<{ Params: { id: string; codeId: string } }>(
    '/console/events/:id/attendance/codes/:codeId/close',
    { schema: { hide: true } },
    async (req, reply) => {
      asPage(req);
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'moderate');
      await online.closeCode(event, req.params.codeId);
      return reply.redirect(`${base(event)}/codes`, 303);
    },
  );

  // Zoom / Meet report import with the review of unmatched rows.
  async function importPage(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    opts: { importId?: string; error?: string },
  ) {
    const l = req.locale;
    const [list, current, people] = await Promise.all([
      imports.list(event),
      opts.importId ? imports.present(event, opts.importId) : Promise.resolve(null),
      opts.importId ? attendance.list(event) : Promise.resolve([]),
    ]);
    return page(
      req,
      reply,
      {
        title: `${T.importTitle[l]} · ${event.title}`,
        nav: 'console',
        scripts: ['/assets/attendance-import.js'],
        status: opts.error ? 400 : 200,
      },
      <>
        {back(event, l)}
        <h1>{T.importTitle[l]}</h1>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        <p>{T.importHelp[l]}</p>
        <form method="post" action={`${base(event)}/import`} class="card" id="import-form">
          <CsrfField req={req} />
          <label for="import-file">{T.file[l]}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" />
          <input type="hidden" name="filename" id="import-filename" />
          <label for="import-csv">{T.paste[l]}</label>
          <textarea id="import-csv" name="csv" required rows={6} maxLength={1_000_000} spellcheck={false} />
          <p>
            <button type="submit">{T.doImport[l]}</button>
          </p>
        </form>
        {current ? (
          <section id="import-result">
            <h2>
              {current.filename ?? 'CSV'} · {current.source === 'zoom' ? 'Zoom' : 'Google Meet'}
            </h2>
            <p>
              <span class="badge ok">
                {T.matched[l]}: {current.matched}
              </span>{' '}
              <span class="badge warn">
                {T.unmatched[l]}: {current.unmatched}
              </span>
            </p>
            <div class="table-wrap">
              <table>
                <tbody>
                  {current.rows.map((r) => (
                    <tr>
                      <td>
                        {r.name}
                        {r.email ? <div class="muted">{r.email}</div> : null}
                      </td>
                      <td>{r.minutes} min</td>
                      <td>
                        {r.registration ? (
                          <span class="badge ok">{r.registration.name}</span>
                        ) : r.status === 'ignored' ? (
                          <span class="badge">{T.ignore[l]}</span>
                        ) : (
                          <form
                            method="post"
                            action={`${base(event)}/import/${current.id}/rows/${r.id}`}
                            class="row"
                          >
                            <CsrfField req={req} />
                            <select name="registrationId" aria-label={T.assign[l]} style="width:auto">
                              <option value="">{T.choose[l]}</option>
                              {people.map((p) => (
                                <option value={p.id}>{p.name}</option>
                              ))}
                            </select>
                            <button type="submit" class="secondary">
                              {T.assign[l]}
                            </button>
                            <button type="submit" name="ignore" value="1" class="secondary">
                              {T.ignore[l]}
                            </button>
                          </form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}
        {list.length ? (
          <>
            <h2>{T.previous[l]}</h2>
            <ul>
              {list.map((i) => (
                <li>
                  <a href={`${base(event)}/import?importId=${i.id}`}>{i.filename ?? 'CSV'}</a> · {i.total} ·{' '}
                  {T.unmatched[l]}: {i.unmatched}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>,
    );
  }

  app.get<{ Params: { id: string }; Querystring: { importId?: string } }>(
    '/console/events/:id/attendance/import',
    { schema: { hide: true } },
    async (req, reply) => {
      asPage(req);
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const importId = typeof req.query.importId === 'string' ? req.query.importId.slice(0, 40) : undefined;
      return importPage(req, reply, event, { importId });
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, string> }>(
    '/console/events/:id/attendance/import',
    { schema: { hide: true }, bodyLimit: 6 * 1024 * 1024 },
    async (req, reply) => {
      asPage(req);
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      try {
        const r = await imports.importReport(
          event,
          String(req.body?.csv ?? ''),
          req.body?.filename?.slice(0, 200) || null,
          user,
        );
        return reply.redirect(`${base(event)}/import?importId=${r.id}`, 303);
      } catch (err) {
        if (err instanceof AppError) return importPage(req, reply, event, { error: err.text[req.locale] });
        throw err;
      }
    },
  );

  app.post<{ Params: { id: string; importId: string; rowId: string }; Body: Record<string, string> }>(
    '/console/events/:id/attendance/import/:importId/rows/:rowId',
    { schema: { hide: true } },
    async (req, reply) => {
      asPage(req);
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const b = req.body ?? {};
      const registrationId = b.ignore ? null : b.registrationId || null;
      if (!b.ignore && !registrationId)
        return reply.redirect(`${base(event)}/import?importId=${req.params.importId}`, 303);
      await imports.resolveRow(event, req.params.importId, req.params.rowId, registrationId, user);
      return reply.redirect(`${base(event)}/import?importId=${req.params.importId}`, 303);
    },
  );
};
