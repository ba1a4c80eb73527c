import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors } from '../../errors.js';
import type { EventRow } from '../events/index.js';
import { seatingService } from '../seating/index.js';
import { createLifecycle } from './registrations.lifecycle.js';
import { createPlaces } from './registrations.places.js';
import { createRegisterUseCase } from './registrations.register.js';
import { type RegistrationRow, registrationsRepository as repo } from './registrations.repository.js';
import { settingsService } from './registrations.settings.js';
import type { RegistrationMode } from './registrations.tables.js';

export { ACTIVE, MODE_TEXT } from './registrations.places.js';
export { markParsed } from './registrations.register.js';

/**
 * The registrations service other code uses: sign-up (registrations.register.ts), the lifecycle of a
 * registration (registrations.lifecycle.ts), the organizer's edits, and the numbers (counts, room).
 */
export function createRegistrationsService(ctx: AppContext) {
  const { db, bus } = ctx;
  const places = createPlaces(ctx);

  const service = {
    settings: (event: EventRow) => settingsService.get(db, event),
    ...createRegisterUseCase(ctx, places),
    ...createLifecycle(ctx, places),

    findByTicketCode: (code: string) => repo.findByTicketCode(db, code),
    findById: (id: string) => repo.findById(db, id),

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

export type RegistrationsService = ReturnType<typeof createRegistrationsService>;
