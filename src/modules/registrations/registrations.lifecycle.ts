import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import { errors, what } from '../../errors.js';
import { ACTIVE, MODE_TEXT, type Places } from './registrations.places.js';
import { type RegistrationRow, registrationsRepository as repo } from './registrations.repository.js';
import type { RegistrationMode } from './registrations.tables.js';
import type { Settings } from './settings/settings.service.js';

/**
 * What the participant (or an organizer) does to a registration after sign-up: cancel and switch mode.
 * Each change locks the counter row(s) it touches first, so a freed place is taken exactly once.
 */
export function createLifecycle(ctx: AppContext, places: Places, settings: Settings) {
  const { db, bus } = ctx;
  const { seatIfDue, promoteInTx, announce, eventOf } = places;
  const lifecycle = {
    /** Cancels a ticket; its place goes to the first person on that mode's waitlist, in the same transaction. */
    async cancel(ticketCode: string): Promise<{ registration: RegistrationRow; changed: boolean }> {
      const r = await repo.findByTicketCode(db, ticketCode);
      if (!r) throw errors.notFound(what.ticket);
      return lifecycle.cancelRow(r);
    },

    async cancelRow(r: RegistrationRow, newStatus: 'cancelled' | 'declined' = 'cancelled') {
      if (!ACTIVE.has(r.status)) return { registration: r, changed: false };
      const event = await eventOf(r);
      const s = await settings.get(event);
      const counted = r.source !== 'invitation';
      const { row, promoted } = await inTransaction(db, async (trx) => {
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
        if (!ok) throw errors.registrationChanged();
        let promoted: string[] = [];
        if (cur.status === 'confirmed' && counted) {
          await repo.releasePlace(trx, event.id, cur.mode);
          promoted = await promoteInTx(trx, event, s, cur.mode);
        }
        return { row: { ...(await repo.findById(trx, r.id))!, previous: cur.status }, promoted };
      });
      const { previous, ...registration } = row as RegistrationRow & { previous?: RegistrationRow['status'] };
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
      return lifecycle.switchRow(r, mode);
    },

    async switchRow(r: RegistrationRow, mode: RegistrationMode): Promise<RegistrationRow> {
      if (!ACTIVE.has(r.status)) throw errors.ticketInactive();
      if (r.mode === mode) return r;
      const event = await eventOf(r);
      const s = await settings.get(event);
      if (!s.modes.includes(mode)) throw errors.modeUnavailable(MODE_TEXT[mode]);
      if (r.source === 'invitation') {
        throw errors.invitedGuestMode();
      }
      const { row, promoted } = await inTransaction(db, async (trx) => {
        for (const m of ['online', 'onsite'] as const) {
          await repo.ensureCounter(trx, event.id, m);
          await repo.lockCounter(trx, event.id, m);
        }
        const cur = (await repo.findById(trx, r.id))!;
        if (!ACTIVE.has(cur.status)) throw errors.ticketInactive();
        if (cur.mode === mode) return { row: cur, promoted: [] as string[] };
        let status = cur.status;
        if (cur.status !== 'pending') {
          const cap = await settings.capacity(event, mode, trx);
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
        if (!ok) throw errors.registrationChanged();
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
  };
  return lifecycle;
}
