import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import { errors } from '../../errors.js';
import type { EventRow } from '../events/index.js';
import { MODE_TEXT, type Places } from './registrations.places.js';
import { type RegistrationRow, registrationsRepository as repo } from './registrations.repository.js';
import type { Settings } from './settings/settings.service.js';

/**
 * Places given rather than taken: the organizer approves a pending (or waitlisted) registration, and the
 * waitlists move up when a capacity grew. Like every change, these hold the counter row first.
 */
export function createPromotions(ctx: AppContext, places: Places, settings: Settings) {
  const { db, bus } = ctx;
  const { seatIfDue, promoteInTx, announce, eventOf } = places;
  return {
    /** Organizer's approval of a pending (or waitlisted) registration: confirmed if there is room. */
    async approve(r: RegistrationRow): Promise<RegistrationRow> {
      if (r.status === 'confirmed') return r;
      if (r.status !== 'pending' && r.status !== 'waitlisted') throw errors.ticketInactive();
      const event = await eventOf(r);
      const s = await settings.get(event);
      const row = await inTransaction(db, async (trx) => {
        await repo.ensureCounter(trx, event.id, r.mode);
        const cap = await settings.capacity(event, r.mode, trx);
        const counted = r.source !== 'invitation';
        if (counted && !(await repo.takePlace(trx, event.id, r.mode, cap))) {
          // A waitlisted person stays where they are: the mode is full, which is not "no waitlist".
          if (r.status === 'waitlisted') throw errors.noRoomToConfirm(MODE_TEXT[r.mode]);
          if (!s.waitlist) throw errors.modeFull(MODE_TEXT[r.mode]);
          if (
            !(await repo.updateIf(trx, r.id, 'pending', {
              status: 'waitlisted',
              waitlist_at: places.queuedAt(),
            }))
          ) {
            throw errors.registrationChanged();
          }
          return (await repo.findById(trx, r.id))!;
        }
        if (
          !(await repo.updateIf(trx, r.id, r.status, {
            status: 'confirmed',
            confirmed_at: Date.now(),
            promoted_at: Date.now(),
            waitlist_at: null,
          }))
        ) {
          throw errors.registrationChanged();
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
      const s = await settings.get(event);
      const all: string[] = [];
      for (const mode of ['online', 'onsite'] as const) {
        const promoted = await inTransaction(db, async (trx) => {
          await repo.ensureCounter(trx, event.id, mode);
          await repo.lockCounter(trx, event.id, mode);
          return promoteInTx(trx, event, s, mode);
        });
        await announce(event.id, mode, promoted);
        all.push(...promoted);
      }
      return all;
    },
  };
}
