import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale, Text } from '../../i18n/index.js';
import { formatTime } from '../../shared/time.js';
import { SavedQuery } from '../../web/forms.js';
import { CsrfField } from '../../web/page.js';
import type { EventRow } from '../events/index.js';
import { base, fill, T } from './attendance.console.js';
import type { AttendanceService } from './attendance.service.js';
import { when } from './checkin/window.js';

// The dashboard's people table, one page at a time with a name search: at 20,000 people the whole table
// was a second of work and a third of a megabyte per load, to correct one person.

type PeoplePage = Awaited<ReturnType<AttendanceService['listPage']>>;
type Row = PeoplePage['rows'][number];

/** People per page of the table. */
export const PAGE_SIZE = 100;

/** The dashboard's query: what was saved, the name searched for and the page (a bad value shows page 1). */
export const DashboardQuery = SavedQuery.extend({
  cari: z.string().max(100).optional().catch(undefined),
  hal: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

const P = {
  search: { id: 'Cari nama', en: 'Search by name' },
  find: { id: 'Cari', en: 'Search' },
  shown: {
    id: 'Menampilkan {from}–{to} dari {total} peserta',
    en: 'Showing {from}–{to} of {total} participants',
  },
  none: { id: 'Tidak ada peserta dengan nama itu.', en: 'No participant has that name.' },
  prev: { id: '← Sebelumnya', en: '← Previous' },
  next: { id: 'Berikutnya →', en: 'Next →' },
  onsite: { id: 'Luring', en: 'In person' },
  online: { id: 'Daring', en: 'Online' },
  clock: { id: '⚠ jam HP pemindai selisih >5 menit', en: '⚠ scanning phone’s clock >5 minutes off' },
} satisfies Record<string, Text>;

function pageLink(event: EventRow, q: string, page: number) {
  const u = new URLSearchParams();
  if (q) u.set('cari', q);
  if (page > 1) u.set('hal', String(page));
  const s = u.toString();
  return `${base(event)}${s ? `?${s}` : ''}#peserta`;
}

/** The links to the pages beside this one (above and below a long table), after a · when `lead`. */
function PageLinks(props: { event: EventRow; list: PeoplePage; q: string; l: Locale; lead?: boolean }) {
  const { event, list, q, l } = props;
  const links = [
    list.page > 1 ? <a href={pageLink(event, q, list.page - 1)}>{P.prev[l]}</a> : null,
    list.page < list.pages ? <a href={pageLink(event, q, list.page + 1)}>{P.next[l]}</a> : null,
  ].filter(Boolean);
  return (
    <>
      {links.map((a, i) => (
        <>
          {i > 0 || props.lead !== false ? ' · ' : null}
          {a}
        </>
      ))}
    </>
  );
}

/** The search box, where this page is in the list, and the links to the pages beside it. */
function Pager(props: { event: EventRow; list: PeoplePage; q: string; l: Locale }) {
  const { event, list, q, l } = props;
  const from = (list.page - 1) * PAGE_SIZE + 1;
  const to = from + list.rows.length - 1;
  return (
    <>
      <form method="get" action={`${base(event)}#peserta`} class="row">
        <label for="cari-peserta" style="width:100%">
          {P.search[l]}
        </label>
        <input id="cari-peserta" name="cari" value={q} maxLength={100} style="flex:1" />
        <button type="submit" class="secondary">
          {P.find[l]}
        </button>
      </form>
      <p class="muted">
        {list.rows.length
          ? fill(P.shown[l], { from, to, total: list.total.toLocaleString(l === 'id' ? 'id-ID' : 'en') })
          : P.none[l]}
        <PageLinks {...props} />
      </p>
    </>
  );
}

/** What the record shows for one person: check-in, join, codes, report minutes. */
function evidence(r: Row, event: EventRow, l: Locale): string {
  return [
    // With the date when it was not today (an arrival recorded days before is not "08.30").
    r.checkedInAt
      ? `check-in ${when(Date.parse(r.checkedInAt), event.timezone)[l]}${r.checkedInBy ? ` (${r.checkedInBy})` : ''}`
      : null,
    r.clockFlagged ? P.clock[l] : null,
    r.joinedAt ? `join ${formatTime(Date.parse(r.joinedAt), event.timezone, l)}` : null,
    r.codes ? `${r.codes} ${T.codes[l].toLowerCase()}` : null,
    r.reportMinutes != null ? `${r.reportMinutes} min` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One page of the confirmed registrations, each with its correction form (organizers). */
export function PeopleTable(props: { req: FastifyRequest; event: EventRow; list: PeoplePage; q: string }) {
  const { req, event, q } = props;
  const { rows } = props.list;
  const l = req.locale;
  return (
    <>
      <h2 id="peserta">{T.people[l]}</h2>
      <Pager event={event} list={props.list} q={q} l={l} />
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
                <td>{(r.mode === 'onsite' ? P.onsite : P.online)[l]}</td>
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
                <td class="muted">{evidence(r, event, l)}</td>
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
      {props.list.pages > 1 ? (
        <p class="muted">
          <PageLinks event={event} list={props.list} q={q} l={l} lead={false} />
        </p>
      ) : null}
    </>
  );
}
