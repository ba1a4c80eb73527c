import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import { errors, what } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { newId } from '../../shared/ids.js';
import { isoInZone } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import { attendanceRepository as repo } from './attendance.repository.js';
import { personBrief } from './checkin/people.js';
import { CLOCK_SKEW_FLAG_MS } from './checkin/window.js';
import { presenceCounts, presenceRows } from './presence.js';

const BUCKET = 10 * 60000;

/** The organizer's side: live numbers, the per-person table and manual corrections. */
export function createAttendanceService(ctx: AppContext) {
  const { db, bus } = ctx;

  const service = {
    async summary(event: EventRow) {
      const [present, arrivals, expected, open] = await Promise.all([
        presenceCounts(db, event),
        repo.arrivals(db, event.id),
        repo.expected(db, event.id),
        repo.openCodes(db, event.id, Date.now()),
      ]);
      const buckets = new Map<number, number>();
      for (const a of arrivals) {
        const b = Math.floor(Number(a.checked_in_at) / BUCKET) * BUCKET;
        buckets.set(b, (buckets.get(b) ?? 0) + 1);
      }
      const exp = (m: string) => Number(expected.find((e) => e.mode === m)?.n ?? 0);
      return {
        present,
        expected: { onsite: exp('onsite'), online: exp('online') },
        arrivals: [...buckets.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([at, count]) => ({ at: isoInZone(at, event.timezone), count })),
        openCodes: open.length,
      };
    },

    /**
     * One page of the table (a name search, `size` people from page `page`, counting from 1) and how many
     * match in all: the dashboard of a 20,000-person event shows a page, not everyone.
     */
    async listPage(event: EventRow, opts: { q: string; page: number; size: number }) {
      const q = opts.q.trim();
      const [rows, total] = await Promise.all([
        service.list(event, { q, offset: (opts.page - 1) * opts.size, limit: opts.size }),
        repo.attendanceCount(db, event.id, q),
      ]);
      return { rows, total, page: opts.page, pages: Math.max(1, Math.ceil(total / opts.size)) };
    },

    /** One line per confirmed registration: what happened and where (if anywhere) they count. */
    async list(event: EventRow, page?: { q: string; offset: number; limit: number }) {
      const tz = event.timezone;
      return (await presenceRows(db, event, page)).map((r) => ({
        ...personBrief(r),
        checkedInAt: r.checked_in_at == null ? null : isoInZone(Number(r.checked_in_at), tz),
        checkedInBy: r.checked_in_by_name,
        // The scanning phone's clock was more than 5 minutes off: the time shown is the phone's.
        clockFlagged:
          r.checkin_clock_skew != null && Math.abs(Number(r.checkin_clock_skew)) > CLOCK_SKEW_FLAG_MS,
        joinedAt: r.joined_at == null ? null : isoInZone(Number(r.joined_at), tz),
        codes: r.codes,
        reportMinutes: r.report_minutes,
        override: r.override,
        present: r.present,
      }));
    },

    /** A manual correction, always with a reason, always in the audit log. */
    async correct(
      event: EventRow,
      input: { registrationId: string; set: 'onsite' | 'online' | 'absent' | 'auto'; reason: string },
      actor: AuthUser,
    ) {
      const reg = await repo.registrationById(db, event.id, input.registrationId);
      if (!reg) throw errors.notFound(what.registration);
      if (reg.status !== 'confirmed' && input.set !== 'absent' && input.set !== 'auto') {
        throw errors.presenceNeedsConfirmed();
      }
      const before = await repo.attendanceOf(db, reg.id);
      await inTransaction(db, async (trx) => {
        if (input.set === 'absent' && before?.checked_in_at != null) await repo.clearCheckIn(trx, reg.id);
        await repo.setOverride(trx, event.id, reg.id, input.set === 'auto' ? null : input.set);
        await repo.audit(trx, {
          id: newId(),
          event_id: event.id,
          actor_user_id: actor.id,
          action: 'attendance.correction',
          target: reg.id,
          reason: input.reason,
          data: {
            name: reg.name,
            set: input.set,
            before: before
              ? {
                  checkedInAt: before.checked_in_at,
                  override: before.override,
                  checkedInBy: before.checked_in_by_name,
                }
              : null,
          },
        });
      });
      await bus.emit('attendance.changed', { eventId: event.id, kind: 'correction' });
      return (await service.list(event)).find((r) => r.id === reg.id) ?? null;
    },

    async audit(event: EventRow) {
      const rows = await repo.auditFor(db, event.id);
      return rows.map((r) => ({
        id: r.id,
        action: r.action,
        target: r.target,
        reason: r.reason,
        by: r.actor_name,
        at: isoInZone(Number(r.at), event.timezone),
        data: r.data ? (JSON.parse(r.data) as unknown) : null,
      }));
    },
  };
  return service;
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
