import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { registrationRow } from '../../../../test/helpers/factories.js';
import { publishedEvent } from '../../../../test/helpers/registrations.js';
import type { EventRow } from '../../events/index.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { WAITLIST_AHEAD_CAP } from '../registrations.schemas.js';
import { type TicketInput, ticketBodyWays } from './ticket.body.js';

// What a person may type, where it lands in the markup: quotes, ampersands, angle brackets, a would-be marker.
const NASTY = ['Siti "Ani" <b>& Co</b>', "O'Brien & <script>x</script>", 'Dewi \u0001 Lestari', 'Ñandú ✓'];

describe('the ticket body filled into its kept markup', () => {
  let t: TestApp;
  let event: EventRow;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const e = await publishedEvent(t);
    event = (await t.app.ctx.services.events.findById(e.id))!;
  });
  afterAll(async () => {
    await t.close();
  });

  function input(r: RegistrationRow, over: Partial<TicketInput> = {}): TicketInput {
    return {
      l: 'id',
      event,
      r,
      url: `http://aula.test/t/${r.ticket_code}`,
      waitlistPosition: null,
      otherRoom: null,
      modes: ['onsite', 'online'],
      seatMode: 'registration',
      doorsOpenAt: null,
      toldAt: null,
      sections: '<section><h2>Presensi daring</h2></section>',
      questions: [],
      retentionDays: 365,
      erasedAfter: '30 Desember 2032',
      ...over,
    };
  }

  it('is byte for byte the whole rendering, for every state, language and value a person may type', () => {
    let compared = 0;
    const shapes = new Set<string>();
    for (const status of ['confirmed', 'waitlisted', 'pending', 'cancelled', 'declined'] as const)
      for (const mode of ['onsite', 'online'] as const)
        for (const [k, name] of NASTY.entries()) {
          const r = {
            ...registrationRow(event.id, {
              name,
              front_titles: k % 2 ? 'Dr.' : null,
              back_titles: k % 2 ? 'S.E., M.M.' : null,
              institution: k === 2 ? null : `Lembaga ${name}`,
              email: k % 2 ? `a${k}@example.test` : null,
              phone: k === 3 ? null : `+62812345678${k}0`,
              mode,
            }),
            status,
            seat_id: k === 1 ? `B-${k}<"` : null,
            consents: k % 2 ? JSON.stringify({ privacy: { given: true }, reminders: { given: true } }) : null,
          } as RegistrationRow;
          for (const l of ['id', 'en'] as const)
            for (const over of [
              {},
              { done: 'new' },
              { done: 'existing', openData: true },
              { waitlistPosition: 7, toldAt: r.email, otherRoom: 3 },
              { waitlistPosition: WAITLIST_AHEAD_CAP + 2, otherRoom: 0, seatMode: 'checkin' },
              { doorsOpenAt: Number(event.starts_at) - 3_600_000, modes: ['onsite'] as const },
            ] satisfies Partial<TicketInput>[]) {
              const ways = ticketBodyWays(input(r, { l, ...over }));
              expect(ways.stencil).toBe(ways.whole);
              expect(ways.cut).toBe(true);
              shapes.add(ways.whole.replaceAll(r.ticket_code, ''));
              compared++;
            }
        }
    expect(compared).toBe(5 * 2 * NASTY.length * 2 * 6);
    // The matrix reaches many different pages, not one page many times.
    expect(shapes.size).toBeGreaterThan(200);
  });

  it('renders a ticket with answers to the event’s own questions whole, answers escaped', () => {
    const r = {
      ...registrationRow(event.id, { name: 'Budi' }),
      answers: JSON.stringify({ q1: '<i>UMKM</i> & "kuliner"', q2: ['a', 'b<'] }),
    } as RegistrationRow;
    const questions = [
      { id: 'q1', label: 'Bidang <usaha>', type: 'text', required: false },
      { id: 'q2', label: 'Minat', type: 'checkbox', required: false, options: ['a', 'b<'] },
    ] as unknown as TicketInput['questions'];
    const ways = ticketBodyWays(input(r, { questions }));
    expect(ways.cut).toBe(false);
    expect(ways.stencil).toBe(ways.whole);
    expect(ways.whole).toContain('<dd>&lt;i>UMKM&lt;/i> &amp; &quot;kuliner&quot;</dd>');
    expect(ways.whole).toContain('<strong>Bidang &lt;usaha></strong>');
    expect(ways.whole).toContain('<dd>a, b&lt;</dd>');
  });

  it('escapes what a person typed and keeps other modules’ sections as they were rendered', () => {
    const r = { ...registrationRow(event.id, { name: NASTY[1]!, mode: 'onsite' }) } as RegistrationRow;
    // Twice: the second is filled into the markup the first one cut.
    for (let n = 0; n < 2; n++) {
      const { stencil } = ticketBodyWays(input(r));
      expect(stencil).not.toContain('<script>');
      expect(stencil).toContain("O'Brien &amp; &lt;script>x&lt;/script>");
      expect(stencil).toContain('<section><h2>Presensi daring</h2></section>');
      expect(stencil).not.toContain('\u0001');
      expect(stencil).toContain(`/t/${r.ticket_code}/cancel`);
      expect(stencil).toMatch(/<path d="M\d/);
    }
  });
});
