import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, errors, what } from '../../errors.js';
import { IdParam } from '../../http/params.js';
import type { Text } from '../../i18n/index.js';
import { fullName } from '../../shared/names.js';
import { FormFields, formBody, SavedNotice, SavedQuery, str } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import { CF, consoleFrame } from '../../web/participants-frame.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import {
  type ComputedPlan,
  type DistancingRule,
  parseLabels,
  parseRows,
  type SeatLayout,
} from './seating.layout.js';
import { ruleText, seatMapPdf } from './seating.pdf.js';
import type { PlanView } from './seating.service.js';

const T = {
  title: { id: 'Denah kursi', en: 'Seat plan' },
  intro: {
    id: 'Gambar aula sebagai baris kursi (baris A paling depan). Aturan jarak menentukan kursi yang boleh dipakai, dan dari situ kapasitas aula.',
    en: 'Draw the hall as rows of seats (row A at the front). The distancing rule decides which seats may be used, and from that the hall capacity.',
  },
  rows: { id: 'Jumlah baris', en: 'Number of rows' },
  seats: {
    id: 'Kursi per baris (satu angka, atau per baris: 10, 10, 12)',
    en: 'Seats per row (one number, or per row: 10, 10, 12)',
  },
  aisles: { id: 'Lorong setelah kursi nomor (mis. 5, 10)', en: 'Aisle after seat number (e.g. 5, 10)' },
  blocked: { id: 'Kursi diblokir (mis. A1, A2, C7)', en: 'Blocked seats (e.g. A1, A2, C7)' },
  reserved: { id: 'Kursi untuk tamu undangan (mis. A3, A5)', en: 'Seats for invited guests (e.g. A3, A5)' },
  rule: { id: 'Aturan jarak', en: 'Distancing rule' },
  kinds: {
    none: { id: 'Tanpa jarak', en: 'No distancing' },
    gap: { id: 'Kursi dan baris kosong di antara peserta', en: 'Empty seats and rows between people' },
    checkerboard: { id: 'Papan catur (selang-seling)', en: 'Checkerboard (alternating)' },
  } satisfies Record<string, Text>,
  seatGap: { id: 'Kursi kosong di antara dua peserta', en: 'Empty seats between two people' },
  rowGap: { id: 'Baris kosong di antara baris terisi', en: 'Empty rows between used rows' },
  preview: { id: 'Pratinjau', en: 'Preview' },
  save: { id: 'Simpan denah', en: 'Save the plan' },
  remove: {
    id: 'Hapus denah (semua nomor kursi dilepas)',
    en: 'Remove the plan (all seat numbers are cleared)',
  },
  capacity: { id: 'Kapasitas aula', en: 'Hall capacity' },
  capacityLine: (c: ComputedPlan): Text => ({
    id: `${c.capacity} kursi untuk umum, ${c.reserved.length} kursi tamu undangan (${c.usable.length} kursi dipakai dari ${c.cells.flat().length}).`,
    en: `${c.capacity} public seats, ${c.reserved.length} guest seats (${c.usable.length} used seats of ${c.cells.flat().length}).`,
  }),
  previewNote: { id: 'Pratinjau — belum disimpan.', en: 'Preview — not saved yet.' },
  saved: { id: 'Denah tersimpan.', en: 'The plan is saved.' },
  pdf: { id: 'Cetak denah dengan nama (PDF)', en: 'Print the seat map with names (PDF)' },
  none: {
    id: 'Belum ada denah. Kapasitas aula mengikuti kapasitas ruangan di data acara.',
    en: 'No plan yet. The hall capacity follows the venue capacity in the event details.',
  },
  front: { id: 'Depan / panggung', en: 'Front / stage' },
  legend: {
    id: 'Hijau: dipakai · Kuning: tamu undangan · Abu-abu muda: dikosongkan aturan jarak · Abu-abu: diblokir · Tebal: sudah terisi',
    en: 'Green: used · Yellow: invited guests · Light grey: kept empty by the rule · Grey: blocked · Bold: taken',
  },
} as const;

type Values = Record<string, string>;

function valuesFrom(v: PlanView | null): Values {
  if (!v)
    return {
      rows: '8',
      seats: '10',
      aisles: '5',
      blocked: '',
      reserved: '',
      kind: 'gap',
      seatGap: '1',
      rowGap: '1',
    };
  const same = v.layout.rows.every((n) => n === v.layout.rows[0]);
  return {
    rows: String(v.layout.rows.length),
    seats: same ? String(v.layout.rows[0]) : v.layout.rows.join(', '),
    aisles: v.layout.aisles.join(', '),
    blocked: v.layout.blocked.join(', '),
    reserved: v.layout.reserved.join(', '),
    kind: v.rule.kind,
    seatGap: String(v.rule.seatGap),
    rowGap: String(v.rule.rowGap),
  };
}

function planFrom(b: Values): { layout: SeatLayout; rule: DistancingRule } {
  const n = Number(b.rows);
  if (!Number.isInteger(n) || n < 1 || n > 60) {
    throw errors.validation({ id: 'Jumlah baris harus 1–60.', en: 'The number of rows must be 1–60.' });
  }
  const nums = (s: string | undefined) =>
    (s ?? '')
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(Number);
  return {
    layout: {
      rows: parseRows(n, b.seats ?? ''),
      aisles: nums(b.aisles),
      blocked: parseLabels(b.blocked ?? ''),
      reserved: parseLabels(b.reserved ?? ''),
    },
    rule: {
      kind: (b.kind ?? 'none') as DistancingRule['kind'],
      seatGap: Number(b.seatGap || 0),
      rowGap: Number(b.rowGap || 0),
    },
  };
}

const COLORS: Record<string, string> = {
  usable: '#dafbe1',
  reserved: '#fff8c5',
  empty: '#f4f6f8',
  blocked: '#c9ced4',
};

/** The hall as a grid of labelled boxes (front at the top); holders' names in the tooltip and for screen readers. */
function SeatGrid(props: {
  c: ComputedPlan;
  aisles: number[];
  holders?: PlanView['holders'];
  l: 'id' | 'en';
}) {
  const aisles = new Set(props.aisles);
  return (
    <figure class="table-wrap" style="margin:0" aria-label={T.title[props.l]}>
      <p class="muted" style="text-align:center;margin:.25rem 0">
        {T.front[props.l]}
      </p>
      {props.c.cells.map((row) => (
        <div style="display:flex;gap:3px;margin:3px 0;white-space:nowrap">
          {row.map((cell) => {
            const h = props.holders?.get(cell.label);
            const name = h ? fullName(h) : '';
            return (
              <>
                <span
                  class={`seat seat-${cell.kind}`}
                  title={name ? `${cell.label}: ${name}` : cell.label}
                  style={`display:inline-block;min-width:2.4rem;padding:.15rem .2rem;text-align:center;font-size:.75rem;border:1px solid #8c959f;border-radius:.25rem;background:${COLORS[cell.kind]};${h ? 'font-weight:700;border-width:2px' : ''}`}
                >
                  {cell.label}
                  {name ? <span class="skip"> {name}</span> : null}
                </span>
                {aisles.has(cell.seat) && cell.seat < row.length ? (
                  <span style="display:inline-block;width:1rem" aria-hidden="true" />
                ) : null}
              </>
            );
          })}
        </div>
      ))}
      <p class="muted">{T.legend[props.l]}</p>
    </figure>
  );
}

/** The drawing and the rule as a form: preview shows the result, save stores it. */
function PlanForm(props: { req: FastifyRequest; base: string; v: Values }) {
  const { req, base, v } = props;
  const l = req.locale;
  return (
    <form method="post" action={`${base}/seating`}>
      <CsrfField req={req} />
      <div class="grid">
        <div>
          <label for="sp-rows">{T.rows[l]}</label>
          <input id="sp-rows" name="rows" type="number" min={1} max={60} required value={v.rows} />
        </div>
        <div>
          <label for="sp-seats">{T.seats[l]}</label>
          <input id="sp-seats" name="seats" required value={v.seats} />
        </div>
      </div>
      <label for="sp-aisles">{T.aisles[l]}</label>
      <input id="sp-aisles" name="aisles" value={v.aisles} />
      <label for="sp-blocked">{T.blocked[l]}</label>
      <input id="sp-blocked" name="blocked" value={v.blocked} />
      <label for="sp-reserved">{T.reserved[l]}</label>
      <input id="sp-reserved" name="reserved" value={v.reserved} />
      <fieldset>
        <legend>
          <strong>{T.rule[l]}</strong>
        </legend>
        {(['none', 'gap', 'checkerboard'] as const).map((k) => (
          <label class="inline">
            <input type="radio" name="kind" value={k} checked={v.kind === k} /> {T.kinds[k][l]}
          </label>
        ))}
        <div class="grid">
          <div>
            <label for="sp-sgap">{T.seatGap[l]}</label>
            <input id="sp-sgap" name="seatGap" type="number" min={0} max={5} value={v.seatGap} />
          </div>
          <div>
            <label for="sp-rgap">{T.rowGap[l]}</label>
            <input id="sp-rgap" name="rowGap" type="number" min={0} max={5} value={v.rowGap} />
          </div>
        </div>
      </fieldset>
      <p class="row">
        <button type="submit" name="op" value="preview" class="secondary">
          {T.preview[l]}
        </button>
        <button type="submit" name="op" value="save">
          {T.save[l]}
        </button>
      </p>
    </form>
  );
}

export const seatingPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const seating = app.ctx.services.seating;
  app.ctx.ui.consoleLinks.push({ key: 'seating', order: 12, label: T.title, path: '/seating' });
  const load = (req: FastifyRequest, id: string) => loadEventFor(req, db, id, 'organize');

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    opts: { values?: Values; preview?: ComputedPlan; error?: string; saved?: string; status?: number } = {},
  ) {
    const l = req.locale;
    const view = await seating.view(event.id);
    const v = opts.values ?? valuesFrom(view);
    const base = `/console/events/${event.id}`;
    const shown = opts.preview ?? view?.computed ?? null;
    return consoleFrame(
      req,
      reply,
      event,
      CF.seating,
      <>
        <p class="muted">{T.intro[l]}</p>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        <SavedNotice saved={opts.saved} l={l} text={T.saved} />
        {shown ? (
          <section class="card" aria-live="polite">
            <h3 style="margin:0">{T.capacity[l]}</h3>
            <p id="seat-capacity" data-capacity={String(shown.capacity)}>
              <strong>{T.capacityLine(shown)[l]}</strong>
            </p>
            {opts.preview ? (
              <p class="muted">{T.previewNote[l]}</p>
            ) : view ? (
              <p class="muted">{ruleText(view, l)}</p>
            ) : null}
            <SeatGrid
              c={shown}
              aisles={opts.preview ? planFrom(v).layout.aisles : (view?.layout.aisles ?? [])}
              holders={opts.preview ? undefined : view?.holders}
              l={l}
            />
            {view && !opts.preview ? (
              <p>
                <a class="btn secondary" href={`${base}/seating/denah.pdf`}>
                  {T.pdf[l]}
                </a>
              </p>
            ) : null}
          </section>
        ) : (
          <p class="notice">{T.none[l]}</p>
        )}
        <PlanForm req={req} base={base} v={v} />
        {view ? (
          <form method="post" action={`${base}/seating/delete`}>
            <CsrfField req={req} />
            <button type="submit" class="danger">
              {T.remove[l]}
            </button>
          </form>
        ) : null}
      </>,
      opts.status ?? 200,
    );
  }

  app.get(
    '/console/events/:id/seating',
    { schema: { hide: true, params: IdParam, querystring: SavedQuery } },
    async (req, reply) => show(req, reply, await load(req, req.params.id), { saved: req.query.saved }),
  );

  app.post(
    '/console/events/:id/seating',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const event = await load(req, req.params.id);
      const posted = formBody(req);
      const b: Values = Object.fromEntries(Object.keys(posted).map((k) => [k, str(posted, k)]));
      try {
        const plan = planFrom(b);
        if (b.op === 'preview') return show(req, reply, event, { values: b, preview: seating.preview(plan) });
        await seating.save(event, plan);
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return show(req, reply, event, { values: b, error: err.text[req.locale], status: err.status });
        throw err;
      }
      return reply.redirect(`/console/events/${event.id}/seating?saved=1`, 303);
    },
  );

  app.post(
    '/console/events/:id/seating/delete',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const event = await load(req, req.params.id);
      await seating.remove(event);
      return reply.redirect(`/console/events/${event.id}/seating`, 303);
    },
  );

  app.get(
    '/console/events/:id/seating/denah.pdf',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      const view = await seating.view(event.id);
      if (!view) throw errors.notFound(what.seatPlan);
      const pdf = await seatMapPdf(event, view, req.locale);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="denah-${event.slug}.pdf"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf));
    },
  );
};
