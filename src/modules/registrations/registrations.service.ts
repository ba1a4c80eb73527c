import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { errors } from '../../errors.js';
import type { EventRow } from '../events/index.js';
import type { SeatingService } from '../seating/index.js';
import { createRegisterUseCase } from './register/register.js';
import { createLifecycle } from './registrations.lifecycle.js';
import { createPlaces } from './registrations.places.js';
import { createPromotions } from './registrations.promotions.js';
import {
  type ListFilter,
  type RegistrationRow,
  registrationsRepository as repo,
} from './registrations.repository.js';
import type { RegistrationMode } from './registrations.tables.js';
import { WaitlistPositions } from './registrations.waitlist.js';

export type { RegistrationMode };

import { createSettings } from './settings/settings.service.js';
import { FreshTickets } from './tickets/fresh-tickets.js';

export { markParsed } from './register/register.js';
export { ACTIVE, MODE_TEXT } from './registrations.places.js';
/** The row and the unions the service's methods speak (index.ts hands them on). */
export type { RegistrationRow } from './registrations.repository.js';
export type { RegistrationSource, RegistrationStatus } from './registrations.tables.js';

/**
 * The registrations service, built once in src/services.ts: sign-up (register/register.ts), cancel and
 * switch (registrations.lifecycle.ts), approve and the waitlist (registrations.promotions.ts), the
 * settings (settings/settings.service.ts), the organizer's edits, and the reads and numbers other
 * modules use (by id or ticket code, the list, counts, room). One place ledger (registrations.places.ts)
 * is shared by all of them, so the waitlist clock exists once per app.
 */
export function createRegistrationsService(ctx: AppContext, { seating }: { seating: SeatingService }) {
  const { db, bus } = ctx;
  const settings = createSettings(ctx, seating);
  const places = createPlaces(ctx, settings, seating);
  const positions = new WaitlistPositions(db, bus);

  const service = {
    settings: (event: EventRow) => settings.get(event),
    saveSettings: settings.save,
    presentSettings: settings.present,
    capacities: settings.capacities,
    ...createRegisterUseCase(ctx, places, settings),
    ...createLifecycle(ctx, places, settings),
    ...createPromotions(ctx, places, settings),

    findByTicketCode: (code: string) => repo.findByTicketCode(db, code),
    /** A form post's new row, handed to the ticket page its 303 points to (tickets/fresh-tickets.ts). */
    fresh: new FreshTickets(bus),
    findById: (id: string) => repo.findById(db, id),

    /** Organizer moves a hall registration to a seat (or clears it); the hall lock serializes seat changes. */
    async moveSeat(r: RegistrationRow, label: string | null): Promise<RegistrationRow> {
      await inTransaction(db, async (trx) => {
        await seating.lockHall(trx, r.event_id);
        await seating.moveInTx(trx, r.event_id, r.id, label);
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

    /** The registrations of an event, filtered (the organizer's list, exports); `limit` caps the rows. */
    list: (event: EventRow, f: ListFilter = {}, limit?: number) => repo.list(db, event.id, f, limit),
    /** Confirmed per mode, waitlisted and cancelled: the event's registration numbers (stats, reports). */
    statsCounts: (eventId: string) => repo.statsCounts(db, eventId),

    /**
     * Gives a confirmed hall registration the first free seat (attendance calls it when seats are assigned
     * at check-in). Returns the seat label, the one it already had, or null when there is no plan or no seat.
     */
    async assignSeat(event: EventRow, registrationId: string): Promise<string | null> {
      const seat = await seating.assign(event.id, registrationId);
      if (seat) await bus.emit('registration.changed', { eventId: event.id, registrationId, change: 'seat' });
      return seat;
    },
    /** 1-based place on the waitlist of its mode (registrations.waitlist.ts), null when not waiting. */
    waitlistPosition: (r: RegistrationRow) => positions.of(r),

    /** After a capacity may have grown (event edited, seat plan redrawn): lets the waitlist in. */
    async refill(eventId: string) {
      const e = await ctx.services.events.find(eventId);
      if (e) await service.fillFromWaitlist(e);
    },

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

    /**
     * Brings the place counters in step with registrations written in bulk outside sign-up (the demo's
     * seminar of 2021): each mode's counter becomes the confirmed places held, under the counter row's lock.
     */
    async recountPlaces(event: EventRow) {
      await inTransaction(db, async (trx) => {
        for (const mode of ['onsite', 'online'] as const) {
          await repo.ensureCounter(trx, event.id, mode);
          await repo.lockCounter(trx, event.id, mode);
          await repo.recount(trx, event.id, mode);
        }
      });
    },

    /** Free places left per mode (null = unlimited). */
    async room(event: EventRow) {
      return { onsite: await service.roomIn(event, 'onsite'), online: await service.roomIn(event, 'online') };
    },

    /** Free places left in one mode (null = unlimited): the ticket page asks only about the mode it offers. */
    async roomIn(event: EventRow, mode: RegistrationMode): Promise<number | null> {
      const cap = await settings.capacity(event, mode, db);
      return cap === null ? null : Math.max(0, cap - (await repo.counter(db, event.id, mode)));
    },
  };
  return service;
}

export type RegistrationsService = ReturnType<typeof createRegistrationsService>;
