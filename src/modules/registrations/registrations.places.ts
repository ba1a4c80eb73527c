import type { AppContext } from '../../context.js';
import { errors, what } from '../../errors.js';
import type { Text } from '../../i18n/index.js';
import type { EventRow } from '../events/index.js';
import type { SeatingService } from '../seating/index.js';
import {
  type RegistrationRow,
  registrationsRepository as repo,
  type Tx,
} from './registrations.repository.js';
import type { RegistrationMode } from './registrations.tables.js';
import type { ResolvedSettings, Settings } from './settings/settings.service.js';

export const MODE_TEXT: Record<RegistrationMode, Text> = {
  onsite: { id: 'luring (di aula)', en: 'in the hall' },
  online: { id: 'daring', en: 'online' },
};

/** Statuses that hold (or wait for) a place. */
export const ACTIVE = new Set(['confirmed', 'waitlisted', 'pending']);

/**
 * The place ledger every use case shares: taking a place against the counter row, seating, and moving
 * the waitlist up. These run inside the caller's transaction; the caller holds the counter row.
 */
export function createPlaces(ctx: AppContext, settings: Settings, seating: SeatingService) {
  const { bus } = ctx;
  let lastQueued = 0;
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
      return seating.assignNewInTx(trx, event.id, id);
    }
    return null;
  }

  return {
    seatIfDue,

    /**
     * The waitlist's arrival time. Strictly increasing within this service (one per app): people queued in
     * the same millisecond keep their order (ties would otherwise fall back to the random part of the id).
     */
    queuedAt(): number {
      lastQueued = Math.max(Date.now(), lastQueued + 1);
      return lastQueued;
    },

    /** Confirms in `mode` if there is room (counter row, conditional), else the waitlist. Returns the status. */
    async place(trx: Tx, event: EventRow, s: ResolvedSettings, mode: RegistrationMode, counted: boolean) {
      if (!counted) return 'confirmed' as const;
      const capacity = await settings.capacity(event, mode, trx);
      if (await repo.upsertTakePlace(trx, event.id, mode, capacity)) return 'confirmed' as const;
      if (!s.waitlist) throw errors.modeFull(MODE_TEXT[mode]);
      return 'waitlisted' as const;
    },

    /** Moves people from the waitlist of `mode` into free places, first come first served. */
    async promoteInTx(
      trx: Tx,
      event: EventRow,
      s: ResolvedSettings,
      mode: RegistrationMode,
    ): Promise<string[]> {
      const promoted: string[] = [];
      const capacity = await settings.capacity(event, mode, trx);
      await repo.ensureCounter(trx, event.id, mode);
      for (;;) {
        const next = await repo.firstWaitlisted(trx, event.id, mode);
        if (!next) break;
        if (!(await repo.takePlace(trx, event.id, mode, capacity))) break;
        const ok = await repo.updateIf(trx, next.id, 'waitlisted', {
          status: 'confirmed',
          confirmed_at: Date.now(),
          promoted_at: Date.now(),
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
    },

    async announce(eventId: string, mode: RegistrationMode, promoted: string[]) {
      for (const id of promoted)
        await bus.emit('registration.promoted', { eventId, registrationId: id, mode });
    },

    async eventOf(r: RegistrationRow): Promise<EventRow> {
      const e = await ctx.services.events.find(r.event_id);
      if (!e) throw errors.notFound(what.event);
      return e;
    },
  };
}

export type Places = ReturnType<typeof createPlaces>;
