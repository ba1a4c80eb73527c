import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Text } from '../../i18n/index.js';
import { newId, newSecretToken } from '../../shared/ids.js';
import { formatDateTime } from '../../shared/time.js';
import { type EventRow, eventsRepository } from '../events/index.js';
import { seatingService } from '../seating/index.js';
import {
  type RegistrationRow,
  registrationsRepository as repo,
  type Tx,
} from './registrations.repository.js';
import { NOTICE_VERSION, type Question, type RegisterData, RegisterInput } from './registrations.schemas.js';
import { type ResolvedSettings, settingsService } from './registrations.settings.js';
import type { RegistrationMode, RegistrationSource } from './registrations.tables.js';

export const MODE_TEXT: Record<RegistrationMode, Text> = {
  onsite: { id: 'luring (di aula)', en: 'in the hall' },
  online: { id: 'daring', en: 'online' },
};

const ACTIVE = new Set(['confirmed', 'waitlisted', 'pending']);
const sameName = (a: string, b: string) =>
  a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');

/** Checks the answers to the organizer's questions; unknown keys are dropped, choices must be offered ones. */
export function checkAnswers(
  questions: Question[],
  answers: RegisterData['answers'],
  enforceRequired: boolean,
) {
  const out: Record<string, string | string[]> = {};
  for (const q of questions) {
    const a = answers?.[q.id];
    const empty = a === undefined || (typeof a === 'string' ? a === '' : a.length === 0);
    if (empty) {
      if (q.required && enforceRequired) {
        throw errors.validation({
          id: `Pertanyaan "${q.label}" wajib dijawab.`,
          en: `The question "${q.label}" must be answered.`,
        });
      }
      continue;
    }
    const values = typeof a === 'string' ? [a] : a!;
    if (q.kind !== 'text' && values.some((v) => !q.options.includes(v))) {
      throw errors.validation({
        id: `Pilih jawaban yang tersedia untuk "${q.label}".`,
        en: `Choose one of the offered answers for "${q.label}".`,
      });
    }
    if (q.kind === 'choice' && values.length > 1) {
      throw errors.validation({
        id: `Pilih satu jawaban untuk "${q.label}".`,
        en: `Choose one answer for "${q.label}".`,
      });
    }
    out[q.id] = q.kind === 'multi' ? values : values[0]!;
  }
  return out;
}

/** Bodies already validated by a route's schema: the service does not parse (and normalize phones) twice. */
const parsedInputs = new WeakSet<object>();
export function markParsed<T extends object>(input: T): T {
  parsedInputs.add(input);
  return input;
}

export function createRegistrationsService(ctx: AppContext) {
  const { db, bus } = ctx;

  /**
   * Confirms `r` in its mode if there is room (counter row, conditional), else puts it on the waitlist.
   * Runs inside the caller's transaction; for the hall it also hands out a seat when seats are assigned
   * at registration. Returns the new status.
   */
  async function place(
    trx: Tx,
    event: EventRow,
    s: ResolvedSettings,
    mode: RegistrationMode,
    counted: boolean,
  ) {
    if (!counted) return 'confirmed' as const;
    const capacity = await settingsService.capacity(trx, event, mode);
    if (await repo.upsertTakePlace(trx, event.id, mode, capacity)) return 'confirmed' as const;
    if (!s.waitlist) throw errors.modeFull(MODE_TEXT[mode]);
    return 'waitlisted' as const;
  }

  async function seatIfDue(
    trx: Tx,
    event: EventRow,
    s: ResolvedSettings,
    id: string,
    status: string,
    mode: RegistrationMode,
  ) {
    // Every caller holds the hall's counter row (it just took or moved a hall place), so seat picks are serialized.
    if (status === 'confirmed' && mode === 'onsite' && s.seatMode === 'registration') {
      return seatingService.assignNewInTx(trx, event.id, id);
    }
    return null;
  }

  /** Moves people from the waitlist of `mode` into free places, first come first served. */
  async function promoteInTx(
    trx: Tx,
    event: EventRow,
    s: ResolvedSettings,
    mode: RegistrationMode,
  ): Promise<string[]> {
    const promoted: string[] = [];
    const capacity = await settingsService.capacity(trx, event, mode);
    await repo.ensureCounter(trx, event.id, mode);
    for (;;) {
      const next = await repo.firstWaitlisted(trx, event.id, mode);
      if (!next) break;
      if (!(await repo.takePlace(trx, event.id, mode, capacity))) break;
      const ok = await repo.updateIf(trx, next.id, 'waitlisted', {
        status: 'confirmed',
        confirmed_at: Date.now(),
        waitlist_at: null,
      });
      if (!ok) {
        await repo.releasePlace(trx, event.id, mode);
        continue;
      }
      await seatIfDue(trx, event, s, next.id, 'confirmed', mode);
      promoted.push(next.id);
    }
    return promoted;
  }

  async function announce(eventId: string, mode: RegistrationMode, promoted: string[]) {
    for (const id of promoted) await bus.emit('registration.promoted', { eventId, registrationId: id, mode });
  }

  async function eventOf(r: RegistrationRow): Promise<EventRow> {
    const e = await eventsRepository.findByIdOrSlug(db, r.event_id);
    if (!e) throw errors.notFound(what.event);
    return e;
  }

  const service = {
    settings: (event: EventRow) => settingsService.get(db, event),

    /**
     * Registers one person. Registering again with the same phone or e-mail returns the existing ticket
     * (`created: false`) — the unique indexes on (event, e-mail) and (event, phone) settle races.
     */
    async register(
      event: EventRow,
      input: RegisterInput,
      opts: { source?: RegistrationSource } = {},
    ): Promise<{ registration: RegistrationRow; created: boolean }> {
      const data = parsedInputs.has(input) ? (input as RegisterData) : parseOrThrow(RegisterInput, input);
      const source = opts.source ?? 'self';
      const self = source === 'self';
      const s = await settingsService.get(db, event);
      const now = Date.now();
      if (self) {
        if (event.status !== 'published') throw errors.eventNotOpen();
        if (s.opensAt && now < s.opensAt)
          throw errors.registrationClosed('before', formatDateTime(s.opensAt, event.timezone, 'id'));
        if (now >= s.closesAt) throw errors.registrationClosed('after', '');
        if (!data.email && !data.phone) {
          throw errors.validation({
            id: 'Isi nomor WhatsApp atau e-mail agar tiket dapat dikirim.',
            en: 'Give a WhatsApp number or an e-mail so the ticket can reach you.',
          });
        }
      }
      if (!s.modes.includes(data.mode)) throw errors.modeUnavailable(MODE_TEXT[data.mode]);
      const answers = checkAnswers(s.questions, data.answers, self);
      const consents = {
        privacy: { at: now, version: NOTICE_VERSION, channel: source },
        ...Object.fromEntries(
          Object.entries(data.consents ?? {}).map(([k, v]) => [k, { given: v === true, at: now }]),
        ),
      };

      const counted = source !== 'invitation';
      const pending = s.approval && self;
      /** One attempt in one transaction: a new row, or a cancelled one of the same person brought back. */
      const attempt = (existing: RegistrationRow | null) =>
        db.transaction().execute(async (trx): Promise<RegistrationRow> => {
          const status = pending ? ('pending' as const) : await place(trx, event, s, data.mode, counted);
          const fields = {
            front_titles: data.frontTitles,
            name: data.name,
            back_titles: data.backTitles,
            institution: data.institution,
            email: data.email ?? null,
            phone: data.phone ?? null,
            mode: data.mode,
            status,
            source,
            seat_id: null,
            waitlist_at: status === 'waitlisted' ? now : null,
            answers: JSON.stringify(answers),
            consents: JSON.stringify(consents),
            locale: data.locale ?? 'id',
            confirmed_at: status === 'confirmed' ? now : null,
            cancelled_at: null,
          };
          if (existing) {
            // A cancelled registration comes back to life: same row, same ticket link.
            if (!(await repo.updateIf(trx, existing.id, existing.status, fields))) {
              throw errors.conflict('changed', conflictText);
            }
            await seatIfDue(trx, event, s, existing.id, status, data.mode);
            return (await repo.findById(trx, existing.id))!;
          }
          const row: RegistrationRow = {
            id: newId(),
            event_id: event.id,
            ticket_code: newSecretToken(),
            ...fields,
            created_at: now,
            updated_at: now,
          };
          await repo.insert(trx, row);
          row.seat_id = await seatIfDue(trx, event, s, row.id, status, data.mode);
          return row;
        });

      let row: RegistrationRow;
      try {
        // The common case first, with no look-up: the unique indexes on (event, phone) and (event, e-mail)
        // answer "already registered", atomically with the place taken in the same transaction.
        row = await attempt(null);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const existing = await service.findExisting(event, data.email ?? null, data.phone ?? null);
        if (!existing) throw errors.alreadyRegistered(false);
        if (ACTIVE.has(existing.status)) {
          if (!self || sameName(existing.name, data.name)) return { registration: existing, created: false };
          const resent = !!existing.email && ctx.mailer.enabled;
          if (resent) {
            await bus.emit('registration.changed', {
              eventId: event.id,
              registrationId: existing.id,
              change: 'resend',
            });
          }
          throw errors.alreadyRegistered(resent);
        }
        try {
          row = await attempt(existing);
        } catch (err2) {
          if (isUniqueViolation(err2)) throw errors.contactTaken();
          throw err2;
        }
      }
      await bus.emit('registration.created', {
        eventId: event.id,
        registrationId: row.id,
        status: row.status,
        mode: row.mode,
        source,
      });
      return { registration: row, created: true };
    },

    async findExisting(event: EventRow, email: string | null, phone: string | null) {
      const rows = await repo.findByContact(db, event.id, email, phone);
      return rows.find((r) => ACTIVE.has(r.status)) ?? rows[0] ?? null;
    },

    findByTicketCode: (code: string) => repo.findByTicketCode(db, code),
    findById: (id: string) => repo.findById(db, id),

    /** Cancels a ticket; its place goes to the first person on that mode's waitlist, in the same transaction. */
    async cancel(ticketCode: string): Promise<{ registration: RegistrationRow; changed: boolean }> {
      const r = await repo.findByTicketCode(db, ticketCode);
      if (!r) throw errors.notFound(what.ticket);
      return service.cancelRow(r);
    },

    async cancelRow(r: RegistrationRow, newStatus: 'cancelled' | 'declined' = 'cancelled') {
      if (!ACTIVE.has(r.status)) return { registration: r, changed: false };
      const event = await eventOf(r);
      const s = await settingsService.get(db, event);
      const counted = r.source !== 'invitation';
      const { row, promoted } = await db.transaction().execute(async (trx) => {
        await repo.ensureCounter(trx, event.id, r.mode);
        await repo.lockCounter(trx, event.id, r.mode);
        const cur = (await repo.findById(trx, r.id))!;
        if (!ACTIVE.has(cur.status)) return { row: cur, promoted: [] as string[] };
        const ok = await repo.updateIf(trx, cur.id, cur.status, {
          status: newStatus,
          seat_id: null,
          waitlist_at: null,
          cancelled_at: Date.now(),
        });
        if (!ok) throw errors.conflict('changed', conflictText);
        let promoted: string[] = [];
        if (cur.status === 'confirmed' && counted) {
          await repo.releasePlace(trx, event.id, cur.mode);
          promoted = await promoteInTx(trx, event, s, cur.mode);
        }
        return { row: { ...(await repo.findById(trx, r.id))!, previous: cur.status }, promoted };
      });
      const { previous, ...registration } = row as RegistrationRow & { previous?: string };
      if (previous) {
        await bus.emit('registration.cancelled', {
          eventId: event.id,
          registrationId: r.id,
          mode: r.mode,
          wasStatus: previous,
        });
      }
      await announce(event.id, r.mode, promoted);
      return { registration, changed: !!previous };
    },

    /**
     * Moves a registration to the other mode when that mode has room (a waitlisted person is confirmed
     * there). The freed place goes to the old mode's waitlist. Both counters are locked in a fixed order.
     */
    async switchMode(ticketCode: string, mode: RegistrationMode): Promise<RegistrationRow> {
      const r = await repo.findByTicketCode(db, ticketCode);
      if (!r) throw errors.notFound(what.ticket);
      return service.switchRow(r, mode);
    },

    async switchRow(r: RegistrationRow, mode: RegistrationMode): Promise<RegistrationRow> {
      if (!ACTIVE.has(r.status)) throw errors.ticketInactive();
      if (r.mode === mode) return r;
      const event = await eventOf(r);
      const s = await settingsService.get(db, event);
      if (!s.modes.includes(mode)) throw errors.modeUnavailable(MODE_TEXT[mode]);
      if (r.source === 'invitation') {
        throw errors.conflict('invitation_seat', {
          id: 'Tamu undangan mengubah kehadiran melalui panitia.',
          en: 'Invited guests change their attendance through the organizers.',
        });
      }
      const { row, promoted } = await db.transaction().execute(async (trx) => {
        for (const m of ['online', 'onsite'] as const) {
          await repo.ensureCounter(trx, event.id, m);
          await repo.lockCounter(trx, event.id, m);
        }
        const cur = (await repo.findById(trx, r.id))!;
        if (!ACTIVE.has(cur.status)) throw errors.ticketInactive();
        if (cur.mode === mode) return { row: cur, promoted: [] as string[] };
        let status = cur.status;
        if (cur.status !== 'pending') {
          const cap = await settingsService.capacity(trx, event, mode);
          if (!(await repo.takePlace(trx, event.id, mode, cap))) throw errors.noRoomToSwitch(MODE_TEXT[mode]);
          status = 'confirmed';
        }
        const now = Date.now();
        const ok = await repo.updateIf(trx, cur.id, cur.status, {
          mode,
          status,
          seat_id: null,
          waitlist_at: null,
          confirmed_at: status === 'confirmed' ? now : cur.confirmed_at,
        });
        if (!ok) throw errors.conflict('changed', conflictText);
        let promoted: string[] = [];
        if (cur.status === 'confirmed') {
          await repo.releasePlace(trx, event.id, cur.mode);
          promoted = await promoteInTx(trx, event, s, cur.mode);
        }
        await seatIfDue(trx, event, s, cur.id, status, mode);
        return { row: (await repo.findById(trx, cur.id))!, promoted };
      });
      await bus.emit('registration.changed', {
        eventId: event.id,
        registrationId: r.id,
        change: `mode:${mode}`,
      });
      await announce(event.id, r.mode, promoted);
      return row;
    },

    /** Organizer's approval of a pending (or waitlisted) registration: confirmed if there is room. */
    async approve(r: RegistrationRow): Promise<RegistrationRow> {
      if (r.status === 'confirmed') return r;
      if (r.status !== 'pending' && r.status !== 'waitlisted') throw errors.ticketInactive();
      const event = await eventOf(r);
      const s = await settingsService.get(db, event);
      const row = await db.transaction().execute(async (trx) => {
        await repo.ensureCounter(trx, event.id, r.mode);
        const cap = await settingsService.capacity(trx, event, r.mode);
        const counted = r.source !== 'invitation';
        if (counted && !(await repo.takePlace(trx, event.id, r.mode, cap))) {
          if (r.status === 'waitlisted' || !s.waitlist) throw errors.modeFull(MODE_TEXT[r.mode]);
          if (
            !(await repo.updateIf(trx, r.id, 'pending', { status: 'waitlisted', waitlist_at: Date.now() }))
          ) {
            throw errors.conflict('changed', conflictText);
          }
          return (await repo.findById(trx, r.id))!;
        }
        if (
          !(await repo.updateIf(trx, r.id, r.status, {
            status: 'confirmed',
            confirmed_at: Date.now(),
            waitlist_at: null,
          }))
        ) {
          throw errors.conflict('changed', conflictText);
        }
        await seatIfDue(trx, event, s, r.id, 'confirmed', r.mode);
        return (await repo.findById(trx, r.id))!;
      });
      if (row.status === 'confirmed') await announce(event.id, r.mode, [r.id]);
      else
        await bus.emit('registration.changed', {
          eventId: event.id,
          registrationId: r.id,
          change: 'waitlisted',
        });
      return row;
    },

    /** Fills free places of both modes from their waitlists (after a capacity grew). */
    async fillFromWaitlist(event: EventRow): Promise<string[]> {
      const s = await settingsService.get(db, event);
      const all: string[] = [];
      for (const mode of ['online', 'onsite'] as const) {
        const promoted = await db.transaction().execute(async (trx) => {
          await repo.ensureCounter(trx, event.id, mode);
          await repo.lockCounter(trx, event.id, mode);
          return promoteInTx(trx, event, s, mode);
        });
        await announce(event.id, mode, promoted);
        all.push(...promoted);
      }
      return all;
    },

    /** Organizer moves a hall registration to a seat (or clears it); the hall lock serializes seat changes. */
    async moveSeat(r: RegistrationRow, label: string | null): Promise<RegistrationRow> {
      await db.transaction().execute(async (trx) => {
        await seatingService.lockHall(trx, r.event_id);
        await seatingService.moveInTx(trx, r.event_id, r.id, label);
      });
      await bus.emit('registration.changed', { eventId: r.event_id, registrationId: r.id, change: 'seat' });
      return (await repo.findById(db, r.id))!;
    },

    async editDetails(
      r: RegistrationRow,
      patch: Partial<
        Pick<RegistrationRow, 'name' | 'front_titles' | 'back_titles' | 'institution' | 'email' | 'phone'>
      >,
    ) {
      try {
        await repo.update(db, r.id, patch);
      } catch (err) {
        if (isUniqueViolation(err)) throw errors.contactTaken();
        throw err;
      }
      await bus.emit('registration.changed', {
        eventId: r.event_id,
        registrationId: r.id,
        change: 'details',
      });
      return (await repo.findById(db, r.id))!;
    },

    list: (event: EventRow, f: Parameters<typeof repo.list>[2] = {}) => repo.list(db, event.id, f),
    waitlistPosition: (r: RegistrationRow) => repo.waitlistPosition(db, r),

    async counts(eventId: string) {
      const rows = await repo.counts(db, eventId);
      const get = (mode: string | null, status: string) =>
        rows
          .filter((x) => (mode === null || x.mode === mode) && x.status === status)
          .reduce((a, x) => a + Number(x.n), 0);
      return {
        onsite: get('onsite', 'confirmed'),
        online: get('online', 'confirmed'),
        waitlisted: get(null, 'waitlisted'),
        cancelled: get(null, 'cancelled'),
        pending: get(null, 'pending'),
        declined: get(null, 'declined'),
        waitlistedOnsite: get('onsite', 'waitlisted'),
        waitlistedOnline: get('online', 'waitlisted'),
      };
    },

    async capacities(event: EventRow) {
      return {
        onsite: await settingsService.capacity(db, event, 'onsite'),
        online: await settingsService.capacity(db, event, 'online'),
      };
    },

    /** Free places left per mode (null = unlimited). */
    async room(event: EventRow) {
      const out: Record<RegistrationMode, number | null> = { onsite: null, online: null };
      for (const mode of ['onsite', 'online'] as const) {
        const cap = await settingsService.capacity(db, event, mode);
        out[mode] = cap === null ? null : Math.max(0, cap - (await repo.counter(db, event.id, mode)));
      }
      return out;
    },
  };
  return service;
}

const conflictText: Text = {
  id: 'Pendaftaran ini baru saja berubah. Muat ulang lalu coba lagi.',
  en: 'This registration just changed. Reload and try again.',
};

export type RegistrationsService = ReturnType<typeof createRegistrationsService>;
