import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors, what } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Locale, Text } from '../../i18n/index.js';
import { formatDateTime } from '../../shared/time.js';
import { Notice } from '../../web/layout.js';
import { asPage, CsrfField } from '../../web/page.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { CF, consoleFrame } from './console.frame.js';
import { displayPhone, waDigits } from './phone.js';
import { fileFrom, type ImportResult, runImport } from './registrations.import.routes.js';
import { printedName, ticketUrl } from './registrations.presenter.js';
import type { RegistrationRow } from './registrations.repository.js';
import { UpdateRegistrationInput } from './registrations.schemas.js';
import { MODE_TEXT, type RegistrationsService } from './registrations.service.js';
import { TT } from './ticket.view.js';

export const RT = {
  counts: { id: 'Jumlah', en: 'Counts' },
  capacity: { id: 'Kapasitas', en: 'Capacity' },
  unlimited: { id: 'tanpa batas', en: 'unlimited' },
  left: { id: 'sisa', en: 'left' },
  search: {
    id: 'Cari nama, instansi, nomor, e-mail, kursi',
    en: 'Search name, institution, number, e-mail, seat',
  },
  all: { id: 'Semua', en: 'All' },
  filter: { id: 'Tampilkan', en: 'Show' },
  exportCsv: { id: 'Unduh CSV', en: 'Download CSV' },
  exportXlsx: { id: 'Unduh XLSX', en: 'Download XLSX' },
  name: { id: 'Nama', en: 'Name' },
  institution: { id: 'Instansi', en: 'Institution' },
  contact: { id: 'Kontak', en: 'Contact' },
  mode: { id: 'Kehadiran', en: 'Mode' },
  status: { id: 'Status', en: 'Status' },
  seat: { id: 'Kursi', en: 'Seat' },
  actions: { id: 'Tindakan', en: 'Actions' },
  confirm: { id: 'Konfirmasi', en: 'Confirm' },
  cancel: { id: 'Batalkan', en: 'Cancel' },
  decline: { id: 'Tolak', en: 'Decline' },
  edit: { id: 'Ubah', en: 'Edit' },
  sendWa: { id: 'Kirim tiket via WhatsApp', en: 'Send the ticket by WhatsApp' },
  addTitle: { id: 'Tambah peserta secara manual', en: 'Add a participant by hand' },
  add: { id: 'Tambahkan', en: 'Add' },
  consentManual: {
    id: 'Peserta telah membaca pemberitahuan privasi dan menyetujui pemrosesan datanya.',
    en: 'The participant has read the privacy notice and agreed to the processing of their data.',
  },
  importTitle: { id: 'Impor dari CSV / XLSX', en: 'Import from CSV / XLSX' },
  importHint: {
    id: 'Kolom yang dikenali: Nama, Gelar depan, Gelar belakang, Instansi, WhatsApp, E-mail, Kehadiran (luring/daring). Anda melihat pratinjau lebih dulu; tidak ada yang disimpan selama masih ada baris yang salah.',
    en: 'Recognized columns: Name, Front titles, Back titles, Institution, WhatsApp, E-mail, Mode (onsite/online). You see a preview first; nothing is saved while any row is wrong.',
  },
  defaultMode: { id: 'Kehadiran bila kolomnya kosong', en: 'Mode when the column is empty' },
  preview: { id: 'Pratinjau', en: 'Preview' },
  doImport: (n: number): Text => ({ id: `Impor ${n} baris`, en: `Import ${n} rows` }),
  importErrors: (n: number): Text => ({
    id: `${n} baris bermasalah. Perbaiki berkasnya lalu unggah lagi; belum ada yang disimpan.`,
    en: `${n} rows have problems. Fix the file and upload it again; nothing has been saved yet.`,
  }),
  imported: (c: number, e: number): Text => ({
    id: `${c} peserta ditambahkan, ${e} sudah terdaftar sebelumnya.`,
    en: `${c} participants added, ${e} were already registered.`,
  }),
  line: { id: 'Baris', en: 'Line' },
  ok: { id: 'OK', en: 'OK' },
  share: { id: 'Bagikan acara lewat WhatsApp', en: 'Share the event on WhatsApp' },
  shareText: (title: string, when: string, url: string): Text => ({
    id: `${title}\n${when}\nDaftar (luring/daring): ${url}`,
    en: `${title}\n${when}\nRegister (hall/online): ${url}`,
  }),
  ticketMsg: (title: string, url: string): Text => ({
    id: `Halo, berikut tiket Anda untuk "${title}": ${url}`,
    en: `Hello, here is your ticket for "${title}": ${url}`,
  }),
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  none: { id: 'Belum ada pendaftar.', en: 'No registrations yet.' },
  frontTitles: { id: 'Gelar depan', en: 'Front titles' },
  backTitles: { id: 'Gelar belakang', en: 'Back titles' },
  phone: { id: 'WhatsApp', en: 'WhatsApp' },
  email: { id: 'E-mail', en: 'E-mail' },
  save: { id: 'Simpan', en: 'Save' },
  moveSeat: { id: 'Pindah ke kursi (kosongkan untuk melepas)', en: 'Move to seat (empty to clear)' },
} satisfies Record<string, unknown>;

type Q = { q?: string; mode?: string; status?: string; done?: string };

export function waTicketLink(event: EventRow, r: RegistrationRow, url: string, l: Locale) {
  return `https://wa.me/${r.phone ? waDigits(r.phone) : ''}?text=${encodeURIComponent(RT.ticketMsg(event.title, url)[l])}`;
}

export async function registrationsConsole(app: FastifyInstance, regs: RegistrationsService) {
  const { db, config } = app.ctx;
  const base = (e: EventRow) => `/console/events/${e.id}/registrations`;

  async function listPage(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    opts: {
      error?: string;
      notice?: string;
      importResult?: ImportResult;
      carry?: { data: string; filename: string; mode: string } | undefined;
      status?: number;
    } = {},
  ) {
    const l = req.locale;
    const q = (req.query ?? {}) as Q;
    const mode = q.mode === 'onsite' || q.mode === 'online' ? q.mode : undefined;
    const status = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'declined'].includes(q.status ?? '')
      ? (q.status as RegistrationRow['status'])
      : undefined;
    const search = typeof q.q === 'string' ? q.q.slice(0, 100) : '';
    const [rows, counts, room, s] = await Promise.all([
      regs.list(event, { q: search || undefined, mode, status }),
      regs.counts(event.id),
      regs.room(event),
      regs.settings(event),
    ]);
    const cap = await regs.capacities(event);
    const eventUrl = `${config.publicUrl}/e/${event.slug}`;
    const share = `https://wa.me/?text=${encodeURIComponent(RT.shareText(event.title, formatDateTime(event.starts_at, event.timezone, l), eventUrl)[l])}`;
    const exportQs = new URLSearchParams({
      ...(search ? { q: search } : {}),
      ...(mode ? { mode } : {}),
      ...(status ? { status } : {}),
    });
    const csrf = <CsrfField req={req} />;
    return consoleFrame(
      req,
      reply,
      event,
      CF.registrations,
      <>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        {opts.notice || q.done ? <Notice kind="ok">{opts.notice ?? RT.saved[l]}</Notice> : null}
        <div class="grid">
          {s.modes.map((m) => (
            <div class="card">
              <strong>{MODE_TEXT[m][l]}</strong>
              <p style="margin:.25rem 0">
                {counts[m]} / {cap[m] ?? RT.unlimited[l]}{' '}
                {room[m] !== null ? `(${RT.left[l]} ${room[m]})` : ''}
              </p>
              <p class="muted" style="margin:0">
                {TT.status.waitlisted[l]}:{' '}
                {m === 'onsite' ? counts.waitlistedOnsite : counts.waitlistedOnline}
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
        <form method="get" action={base(event)} class="row">
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
                  const act = `${base(event)}/${r.id}/action`;
                  const active =
                    r.status === 'confirmed' || r.status === 'waitlisted' || r.status === 'pending';
                  return (
                    <tr>
                      <td>
                        <a href={`${base(event)}/${r.id}`}>{printedName(r)}</a>
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
                            <a
                              href={waTicketLink(event, r, ticketUrl(config, r.ticket_code), l)}
                              rel="noopener"
                            >
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
        <details class="card">
          <summary>
            <strong>{RT.addTitle[l]}</strong>
          </summary>
          <form method="post" action={`${base(event)}/add`}>
            {csrf}
            <label for="add-name">{RT.name[l]}</label>
            <input id="add-name" name="name" required minLength={2} maxLength={120} />
            <div class="grid">
              <div>
                <label for="add-front">{RT.frontTitles[l]}</label>
                <input id="add-front" name="frontTitles" maxLength={60} />
              </div>
              <div>
                <label for="add-back">{RT.backTitles[l]}</label>
                <input id="add-back" name="backTitles" maxLength={80} />
              </div>
            </div>
            <label for="add-inst">{RT.institution[l]}</label>
            <input id="add-inst" name="institution" maxLength={200} />
            <label for="add-phone">{RT.phone[l]}</label>
            <input id="add-phone" name="phone" type="tel" maxLength={40} />
            <label for="add-email">{RT.email[l]}</label>
            <input id="add-email" name="email" type="email" maxLength={200} />
            <label for="add-mode">{RT.mode[l]}</label>
            <select id="add-mode" name="mode">
              {s.modes.map((m) => (
                <option value={m}>{MODE_TEXT[m][l]}</option>
              ))}
            </select>
            <label class="inline">
              <input type="checkbox" name="consent" value="yes" required /> {RT.consentManual[l]}
            </label>
            <p>
              <button type="submit">{RT.add[l]}</button>
            </p>
          </form>
        </details>
        <details class="card" open={!!opts.importResult}>
          <summary>
            <strong>{RT.importTitle[l]}</strong>
          </summary>
          <p class="muted">{RT.importHint[l]}</p>
          {opts.importResult ? <ImportPreview r={opts.importResult} l={l} /> : null}
          {opts.carry && opts.importResult ? (
            <form method="post" action={`${base(event)}/import/confirm`} class="card">
              {csrf}
              <input type="hidden" name="data" value={opts.carry.data} />
              <input type="hidden" name="filename" value={opts.carry.filename} />
              <input type="hidden" name="mode" value={opts.carry.mode} />
              <label class="inline">
                <input type="checkbox" name="consent" value="yes" required /> {RT.consentManual[l]}
              </label>
              <p>
                <button type="submit">{RT.doImport(opts.importResult.total)[l]}</button>
              </p>
            </form>
          ) : null}
          <form method="post" action={`${base(event)}/import`} enctype="multipart/form-data">
            {csrf}
            <label for="imp-file">CSV / XLSX</label>
            <input id="imp-file" name="file" type="file" accept=".csv,.xlsx,text/csv" required />
            <label for="imp-mode">{RT.defaultMode[l]}</label>
            <select id="imp-mode" name="mode">
              {s.modes.map((m) => (
                <option value={m}>{MODE_TEXT[m][l]}</option>
              ))}
            </select>
            <p>
              <button type="submit" class="secondary">
                {RT.preview[l]}
              </button>
            </p>
          </form>
        </details>
      </>,
      opts.status,
    );
  }

  app.register(async (pages) => {
    pages.addHook('onRequest', async (req) => asPage(req));
    const load = (req: FastifyRequest) =>
      loadEventFor(req, db, (req.params as { id: string }).id, 'organize');
    const loadReg = async (req: FastifyRequest) => {
      const event = await load(req);
      const r = await regs.findById((req.params as { regId: string }).regId);
      if (!r || r.event_id !== event.id) throw errors.notFound(what.registration);
      return { event, r };
    };
    const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, string>;
    const fail = async (req: FastifyRequest, reply: FastifyReply, event: EventRow, err: unknown) => {
      if (err instanceof AppError && err.status < 500)
        return listPage(req, reply, event, { error: err.text[req.locale], status: err.status });
      throw err;
    };

    pages.get('/console/events/:id/registrations', async (req, reply) =>
      listPage(req, reply, await load(req)),
    );

    pages.post('/console/events/:id/registrations/add', async (req, reply) => {
      const event = await load(req);
      const b = body(req);
      try {
        await regs.register(
          event,
          {
            name: b.name ?? '',
            frontTitles: b.frontTitles,
            backTitles: b.backTitles,
            institution: b.institution,
            phone: b.phone,
            email: b.email,
            mode: b.mode as 'onsite',
            consent: b.consent === 'yes',
          },
          { source: 'manual' },
        );
      } catch (err) {
        return fail(req, reply, event, err);
      }
      return reply.redirect(`${base(event)}?done=1`, 303);
    });

    pages.post('/console/events/:id/registrations/:regId/action', async (req, reply) => {
      const { event, r } = await loadReg(req);
      const a = body(req).action ?? '';
      try {
        if (a === 'confirm') await regs.approve(r);
        else if (a === 'cancel' || a === 'decline')
          await regs.cancelRow(r, a === 'cancel' ? 'cancelled' : 'declined');
        else if (a === 'mode:onsite' || a === 'mode:online') await regs.switchRow(r, a.slice(5) as 'onsite');
        else throw errors.validation({ id: 'Tindakan tidak dikenal.', en: 'Unknown action.' });
      } catch (err) {
        return fail(req, reply, event, err);
      }
      return reply.redirect(`${base(event)}?done=1`, 303);
    });

    // Step 1: the upload is previewed (nothing written); a clean file comes back as a hidden field to confirm.
    pages.post('/console/events/:id/registrations/import', async (req, reply) => {
      const event = await load(req);
      try {
        const { data, fields, filename } = await fileFrom(req);
        const mode = fields.mode === 'onsite' || fields.mode === 'online' ? fields.mode : null;
        const result = await runImport(
          regs,
          event,
          { data, filename },
          { dryRun: true, consent: false, mode, locale: req.locale },
        );
        const bad = result.rows.filter((x) => !x.ok).length;
        return listPage(req, reply, event, {
          importResult: result,
          carry: bad ? undefined : { data: data.toString('base64'), filename, mode: mode ?? '' },
          ...(bad ? { error: RT.importErrors(bad)[req.locale], status: 400 } : {}),
        });
      } catch (err) {
        return fail(req, reply, event, err);
      }
    });

    // Step 2: the organizer confirms (and vouches for consent); every row is checked again before writing.
    pages.post('/console/events/:id/registrations/import/confirm', async (req, reply) => {
      const event = await load(req);
      const b = body(req);
      try {
        const mode = b.mode === 'onsite' || b.mode === 'online' ? b.mode : null;
        const data = Buffer.from(b.data ?? '', 'base64');
        const result = await runImport(
          regs,
          event,
          { data, filename: b.filename ?? 'import.csv' },
          { dryRun: false, consent: b.consent === 'yes', mode, locale: req.locale },
        );
        if (result.dryRun)
          return listPage(req, reply, event, {
            importResult: result,
            error: RT.importErrors(result.rows.filter((x) => !x.ok).length)[req.locale],
            status: 400,
          });
        return listPage(req, reply, event, {
          notice: RT.imported(result.created, result.existing)[req.locale],
        });
      } catch (err) {
        return fail(req, reply, event, err);
      }
    });

    pages.get('/console/events/:id/registrations/:regId', async (req, reply) => {
      const { event, r } = await loadReg(req);
      return editPage(req, reply, event, r);
    });

    pages.post('/console/events/:id/registrations/:regId', async (req, reply) => {
      const { event, r } = await loadReg(req);
      const b = body(req);
      try {
        const p = parseOrThrow(UpdateRegistrationInput, {
          name: b.name,
          frontTitles: b.frontTitles,
          backTitles: b.backTitles,
          institution: b.institution,
          phone: b.phone ?? '',
          email: b.email ?? '',
          seat: b.seat ?? null,
        });
        let cur = await regs.editDetails(r, {
          name: p.name ?? r.name,
          front_titles: p.frontTitles ?? null,
          back_titles: p.backTitles ?? null,
          institution: p.institution ?? null,
          phone: p.phone ?? null,
          email: p.email ?? null,
        });
        if (r.mode === 'onsite' && (p.seat ?? null) !== (r.seat_id ?? null))
          cur = await regs.moveSeat(cur, p.seat ?? null);
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return editPage(req, reply, event, r, err.text[req.locale], err.status);
        throw err;
      }
      return reply.redirect(`${base(event)}?done=1`, 303);
    });
  });

  function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    r: RegistrationRow,
    error?: string,
    status = 200,
  ) {
    const l = req.locale;
    const f = (name: string, label: Text, value: string | null, type: 'text' | 'tel' | 'email' = 'text') => (
      <>
        <label for={`e-${name}`}>{label[l]}</label>
        <input id={`e-${name}`} name={name} type={type as 'text'} value={value ?? ''} />
      </>
    );
    return consoleFrame(
      req,
      reply,
      event,
      CF.registrations,
      <>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <p>
          {TT.status[r.status][l]} · {MODE_TEXT[r.mode][l]} ·{' '}
          <a href={`/t/${r.ticket_code}`} rel="noopener">
            {TT.ticket[l]}
          </a>
        </p>
        <form method="post" action={`${base(event)}/${r.id}`}>
          <CsrfField req={req} />
          {f('name', RT.name, r.name)}
          {f('frontTitles', RT.frontTitles, r.front_titles)}
          {f('backTitles', RT.backTitles, r.back_titles)}
          {f('institution', RT.institution, r.institution)}
          {f('phone', RT.phone, r.phone ? displayPhone(r.phone) : '', 'tel')}
          {f('email', RT.email, r.email, 'email')}
          {r.mode === 'onsite' ? f('seat', RT.moveSeat, r.seat_id) : null}
          <p>
            <button type="submit">{RT.save[l]}</button>
          </p>
        </form>
      </>,
      status,
    );
  }
}

function ImportPreview(props: { r: ImportResult; l: Locale }) {
  const { r, l } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{RT.line[l]}</th>
            <th>{RT.name[l]}</th>
            <th>{RT.status[l]}</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.slice(0, 500).map((row) => (
            <tr>
              <td>{row.line}</td>
              <td>{row.name}</td>
              <td>
                {row.ok ? (
                  <span class="badge ok">{RT.ok[l]}</span>
                ) : (
                  <span class="badge bad">{row.errors.join('; ')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
