import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../../i18n/index.js';
import { CsrfField } from '../../../web/page.js';
import type { EventRow } from '../../events/index.js';
import { displayPhone } from '../phone.js';
import { printedName } from '../registrations.presenter.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { MODE_TEXT, type RegistrationsService } from '../registrations.service.js';
import type { RegistrationMode } from '../registrations.tables.js';
import { TT } from '../tickets/ticket.view.js';
import { RT, waTicketLink } from './console.text.js';

type Counts = Awaited<ReturnType<RegistrationsService['counts']>>;
type PerMode = Record<RegistrationMode, number | null>;

/** Places per mode (taken / capacity, left, waitlisted) and the other statuses. */
export function CountCards(props: {
  l: Locale;
  modes: RegistrationMode[];
  counts: Counts;
  cap: PerMode;
  room: PerMode;
}) {
  const { l, counts, cap, room } = props;
  return (
    <div class="grid">
      {props.modes.map((m) => (
        <div class="card">
          <strong>{MODE_TEXT[m][l]}</strong>
          <p style="margin:.25rem 0">
            {counts[m]} / {cap[m] ?? RT.unlimited[l]} {room[m] !== null ? `(${RT.left[l]} ${room[m]})` : ''}
          </p>
          <p class="muted" style="margin:0">
            {TT.status.waitlisted[l]}: {m === 'onsite' ? counts.waitlistedOnsite : counts.waitlistedOnline}
          </p>
        </div>
      ))}
      <div class="card">
        <p style="margin:0">
          {TT.status.pending[l]}: {counts.pending}
          <br />
          {TT.status.cancelled[l]}: {counts.cancelled} · {TT.status.declined[l]}: {counts.declined}
        </p>
      </div>
    </div>
  );
}

interface ListFilterState {
  search: string;
  mode: RegistrationMode | undefined;
  status: RegistrationRow['status'] | undefined;
}

/** Share text, exports with the same filters, and the search/filter form. */
export function ListTools(props: {
  l: Locale;
  event: EventRow;
  base: string;
  share: string;
  f: ListFilterState;
}) {
  const { l, event, share } = props;
  const { search, mode, status } = props.f;
  const exportQs = new URLSearchParams({
    ...(search ? { q: search } : {}),
    ...(mode ? { mode } : {}),
    ...(status ? { status } : {}),
  });
  const { base } = props;
  return (
    <>
      <p class="row">
        <a class="btn secondary" href={share} rel="noopener">
          {RT.share[l]}
        </a>
        <a class="btn secondary" href={`/api/v1/events/${event.id}/registrations?format=csv&${exportQs}`}>
          {RT.exportCsv[l]}
        </a>
        <a class="btn secondary" href={`/api/v1/events/${event.id}/registrations?format=xlsx&${exportQs}`}>
          {RT.exportXlsx[l]}
        </a>
      </p>
      <form method="get" action={base} class="row">
        <input
          name="q"
          value={search}
          aria-label={RT.search[l]}
          placeholder={RT.search[l]}
          style="flex:2 1 14rem"
        />
        <select name="mode" aria-label={RT.mode[l]} style="flex:1 1 8rem">
          <option value="">{`${RT.mode[l]}: ${RT.all[l]}`}</option>
          {(['onsite', 'online'] as const).map((m) => (
            <option value={m} selected={mode === m}>
              {MODE_TEXT[m][l]}
            </option>
          ))}
        </select>
        <select name="status" aria-label={RT.status[l]} style="flex:1 1 8rem">
          <option value="">{`${RT.status[l]}: ${RT.all[l]}`}</option>
          {(['confirmed', 'waitlisted', 'pending', 'cancelled', 'declined'] as const).map((st) => (
            <option value={st} selected={status === st}>
              {TT.status[st][l]}
            </option>
          ))}
        </select>
        <button type="submit">{RT.filter[l]}</button>
      </form>
    </>
  );
}

/** The registrations with the per-row actions (confirm, switch mode, cancel/decline, WhatsApp). */
export function RegistrationsTable(props: {
  req: FastifyRequest;
  event: EventRow;
  base: string;
  rows: RegistrationRow[];
  ticketUrl: (code: string) => string;
}) {
  const { event, rows } = props;
  const l = props.req.locale;
  const { base } = props;
  const csrf = <CsrfField req={props.req} />;
  return (
    <>
      {rows.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{RT.name[l]}</th>
                <th>{RT.contact[l]}</th>
                <th>{RT.mode[l]}</th>
                <th>{RT.status[l]}</th>
                <th>{RT.seat[l]}</th>
                <th>{RT.actions[l]}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const act = `${base}/${r.id}/action`;
                const active =
                  r.status === 'confirmed' || r.status === 'waitlisted' || r.status === 'pending';
                return (
                  <tr>
                    <td>
                      <a href={`${base}/${r.id}`}>{printedName(r)}</a>
                      {r.institution ? <div class="muted">{r.institution}</div> : null}
                    </td>
                    <td>
                      {r.phone ? displayPhone(r.phone) : ''}
                      {r.email ? <div class="muted">{r.email}</div> : null}
                    </td>
                    <td>{MODE_TEXT[r.mode][l]}</td>
                    <td>{TT.status[r.status][l]}</td>
                    <td>{r.seat_id ?? ''}</td>
                    <td>
                      {active ? (
                        <div class="row">
                          {r.status !== 'confirmed' ? (
                            <form method="post" action={act}>
                              {csrf}
                              <button name="action" value="confirm" type="submit">
                                {RT.confirm[l]}
                              </button>
                            </form>
                          ) : null}
                          <form method="post" action={act}>
                            {csrf}
                            <button
                              name="action"
                              value={`mode:${r.mode === 'onsite' ? 'online' : 'onsite'}`}
                              type="submit"
                              class="secondary"
                            >
                              {TT.switchTo(MODE_TEXT[r.mode === 'onsite' ? 'online' : 'onsite'])[l]}
                            </button>
                          </form>
                          <form method="post" action={act}>
                            {csrf}
                            <button
                              name="action"
                              value={r.status === 'pending' ? 'decline' : 'cancel'}
                              type="submit"
                              class="danger"
                            >
                              {r.status === 'pending' ? RT.decline[l] : RT.cancel[l]}
                            </button>
                          </form>
                          <a href={waTicketLink(event, r, props.ticketUrl(r.ticket_code), l)} rel="noopener">
                            {RT.sendWa[l]}
                          </a>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{RT.none[l]}</p>
      )}
    </>
  );
}
