import { PerEventCache } from '../../bus/per-event-cache.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { inTransaction, type Tx } from '../../db/transaction.js';
import { errors } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import type { EventRow } from '../events/index.js';
import {
  type ComputedPlan,
  computePlan,
  DistancingRule,
  LayoutError,
  PlanInput,
  SeatLayout,
  violations,
} from './seating.layout.js';
import { seatingRepository as repo, type SeatPlanRow, type SeatRow } from './seating.repository.js';

export interface PlanView {
  layout: SeatLayout;
  rule: DistancingRule;
  computed: ComputedPlan;
  /** Seat label → holder (a registration or an invitation). */
  holders: Map<
    string,
    {
      name: string;
      frontTitles: string | null;
      backTitles: string | null;
      kind: 'registration' | 'invitation';
      id: string;
    }
  >;
  updatedAt: number;
}

function parsePlan(row: SeatPlanRow) {
  return {
    layout: SeatLayout.parse(JSON.parse(row.layout)),
    rule: DistancingRule.parse(JSON.parse(row.rule)),
  };
}

/** Parses and computes a drawing; a drawing that cannot be laid out is a 400 naming the problem. */
function computeOrRefuse(input: unknown): {
  layout: SeatLayout;
  rule: DistancingRule;
  computed: ComputedPlan;
} {
  const { layout, rule } = parseOrThrow(PlanInput, input);
  try {
    return { layout, rule, computed: computePlan(layout, rule) };
  } catch (err) {
    if (err instanceof LayoutError) throw errors.validation(err.text);
    throw err;
  }
}

/**
 * A new plan must still seat everyone confirmed for the hall, and every seat someone holds must stay
 * usable and keep its kind (a guest on a guest seat, a participant on a public one). Runs under the hall lock.
 */
async function refuseIfPeopleLoseSeats(trx: Db | Tx, eventId: string, computed: ComputedPlan) {
  const confirmed = await repo.countHallConfirmed(trx, eventId);
  if (confirmed > computed.capacity) throw errors.seatPlanTooSmall(confirmed, computed.capacity);
  const usable = new Map(computed.usable.map((c) => [c.label, c]));
  const problems: string[] = [];
  for (const o of await repo.occupants(trx, eventId)) {
    const cell = usable.get(o.seat_id!);
    const guest = o.source === 'invitation';
    if (!cell || (cell.kind === 'reserved') !== guest) problems.push(o.seat_id!);
  }
  for (const i of await repo.invitationSeats(trx, eventId)) {
    if (usable.get(i.seat_id!)?.kind !== 'reserved') problems.push(i.seat_id!);
  }
  if (problems.length) throw errors.seatsInUse([...new Set(problems)].sort().join(', '));
}

/** A participant moves only to a free, usable seat of their kind (guests on guest seats). */
async function refuseUnlessSeatFits(
  trx: Db | Tx,
  eventId: string,
  reg: { id: string; mode: string; status: string; source: string },
  label: string,
) {
  if (reg.mode !== 'onsite' || !['confirmed', 'pending'].includes(reg.status)) throw errors.seatNotForMode();
  const seat = await repo.findSeat(trx, eventId, label);
  if (!seat) throw errors.seatUnusable(label, 'registration');
  if ((seat.reserved === 1) !== (reg.source === 'invitation'))
    throw errors.seatReserved(label, seat.reserved === 1);
  const holder = await repo.seatHolder(trx, eventId, label);
  if (holder && holder.id !== reg.id) throw errors.seatTaken(label, 'registration');
}

/**
 * The seat plan and who sits where. Methods named `…InTx` (and `capacity`, `lockHall`) take the
 * caller's transaction: registrations confirm a hall place and hand out its seat in one transaction.
 */
export function createSeatingService(ctx: AppContext) {
  const { db, bus } = ctx;
  // The hall's size is read on every ticket page; `replace` and `remove` (the plan's only writers) emit the
  // drop. A transaction (a registration taking a place) always reads the row itself.
  const capacities = new PerEventCache<number | null>(bus, ['seating.changed']);
  const capacityOf = async (q: Db | Tx, eventId: string) => {
    const plan = await repo.getPlan(q, eventId);
    return plan ? plan.usable_count - plan.reserved_count : null;
  };
  const service = {
    /** Public hall capacity from the plan, or null when the event has no seat plan. */
    capacity: (trx: Db | Tx, eventId: string): Promise<number | null> =>
      trx === db ? capacities.get(eventId, () => capacityOf(db, eventId)) : capacityOf(trx, eventId),

    async view(eventId: string): Promise<PlanView | null> {
      const row = await repo.getPlan(db, eventId);
      if (!row) return null;
      const { layout, rule } = parsePlan(row);
      const computed = computePlan(layout, rule);
      const holders: PlanView['holders'] = new Map();
      for (const r of await repo.occupants(db, eventId)) {
        holders.set(r.seat_id!, {
          name: r.name,
          frontTitles: r.front_titles,
          backTitles: r.back_titles,
          kind: 'registration',
          id: r.id,
        });
      }
      for (const i of await repo.invitationSeats(db, eventId)) {
        if (!holders.has(i.seat_id!)) {
          holders.set(i.seat_id!, {
            name: i.name,
            frontTitles: i.front_titles,
            backTitles: i.back_titles,
            kind: 'invitation',
            id: i.id,
          });
        }
      }
      return { layout, rule, computed, holders, updatedAt: row.updated_at };
    },

    /** Computes a plan without saving it (the console's preview). */
    preview(input: unknown): ComputedPlan {
      return computeOrRefuse(input).computed;
    },

    /**
     * Saves the drawing and the rule. Refused, with nothing written, when people already hold seats the new
     * plan no longer offers, or when more people are confirmed for the hall than the new plan seats.
     */
    async save(event: EventRow, input: unknown): Promise<ComputedPlan> {
      const { layout, rule, computed } = computeOrRefuse(input);
      const now = Date.now();
      await inTransaction(db, async (trx) => {
        await repo.lockHall(trx, event.id);
        await refuseIfPeopleLoseSeats(trx, event.id, computed);
        const seats: SeatRow[] = computed.usable.map((c) => ({
          event_id: event.id,
          label: c.label,
          row_no: c.row,
          col_no: c.seat,
          reserved: c.kind === 'reserved' ? 1 : 0,
        }));
        await repo.replacePlan(
          trx,
          {
            event_id: event.id,
            layout: JSON.stringify(layout),
            rule: JSON.stringify(rule),
            usable_count: computed.usable.length,
            reserved_count: computed.reserved.length,
            updated_at: now,
          },
          seats,
        );
      });
      await bus.emit('seating.changed', { eventId: event.id });
      return computed;
    },

    /** Removes the plan; every seat assignment of the event is cleared with it. */
    async remove(event: EventRow): Promise<void> {
      await inTransaction(db, async (trx) => {
        await repo.lockHall(trx, event.id);
        await repo.deletePlan(trx, event.id);
      });
      await bus.emit('seating.changed', { eventId: event.id });
    },

    /**
     * Gives a confirmed hall registration the first free public seat in a transaction of its own
     * (seats assigned at check-in). Returns the seat label, the one it already had, or null.
     */
    assign: (eventId: string, registrationId: string): Promise<string | null> =>
      inTransaction(db, async (trx) => {
        await repo.lockHall(trx, eventId);
        return service.assignInTx(trx, eventId, registrationId);
      }),

    /**
     * Gives a confirmed hall registration the first free public seat. The caller holds the hall lock
     * (inside its transaction): two people can never be handed the same seat, and the unique index on
     * (event, seat) stands behind it.
     */
    async assignInTx(trx: Db | Tx, eventId: string, registrationId: string): Promise<string | null> {
      const reg = await repo.registrationSeat(trx, registrationId);
      if (!reg || reg.event_id !== eventId) return null;
      if (reg.seat_id) return reg.seat_id;
      if (reg.mode !== 'onsite' || reg.status !== 'confirmed') return null;
      const label = await repo.firstFreeSeat(trx, eventId);
      if (!label) return null;
      await repo.setSeat(trx, registrationId, label);
      return label;
    },

    /**
     * The registration path's variant: the caller just confirmed `registrationId` for the hall inside its
     * transaction and holds the hall's counter row, so nothing needs re-reading or re-locking.
     */
    async assignNewInTx(trx: Db | Tx, eventId: string, registrationId: string): Promise<string | null> {
      const label = await repo.firstFreeSeat(trx, eventId);
      if (label) await repo.setSeat(trx, registrationId, label);
      return label;
    },

    /** Moves a registration to a named seat (or clears it with null). The caller holds the hall lock. */
    async moveInTx(
      trx: Db | Tx,
      eventId: string,
      registrationId: string,
      label: string | null,
    ): Promise<string | null> {
      const reg = await repo.registrationSeat(trx, registrationId);
      if (!reg || reg.event_id !== eventId) return null;
      if (label === null) {
        await repo.setSeat(trx, registrationId, null);
        return null;
      }
      const l = label.trim().toUpperCase();
      await refuseUnlessSeatFits(trx, eventId, reg, l);
      await repo.setSeat(trx, registrationId, l);
      return l;
    },

    lockHall: (trx: Db | Tx, eventId: string) => repo.lockHall(trx, eventId),
    findSeat: (eventId: string, label: string) => repo.findSeat(db, eventId, label),
    violations,
  };
  return service;
}

export type SeatingService = ReturnType<typeof createSeatingService>;
