import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { presenceCounts } from '../attendance/index.js';
import type { EventRow } from '../events/index.js';
import type { QaService } from '../qa/index.js';
import type { RegistrationsService } from '../registrations/index.js';

export const StatsOut = z.object({
  registrations: z.object({
    onsite: z.number(),
    online: z.number(),
    waitlisted: z.number(),
    cancelled: z.number(),
  }),
  attendance: z.object({ onsite: z.number(), online: z.number(), total: z.number() }),
  questions: z.object({ total: z.number(), onsite: z.number(), online: z.number(), answered: z.number() }),
});
export type Stats = z.infer<typeof StatsOut>;

/**
 * The event's numbers. The report, the dashboard and the news article all read them from here, so
 * the numbers agree everywhere. Each part is counted by the module that owns it.
 */
export function createStatsService(
  ctx: AppContext,
  deps: { registrations: RegistrationsService; qa: QaService },
) {
  const { db } = ctx;
  const { registrations, qa } = deps;
  return {
    async forEvent(event: EventRow): Promise<Stats> {
      const [regs, attendance, questions] = await Promise.all([
        // Confirmed per mode, waitlisted and cancelled.
        registrations.statsCounts(event.id),
        // People present in the hall, online, and in all, each counted once by the event's presence rule.
        presenceCounts(db, event),
        // Questions in all, by origin (hall / online), and answered; dismissed and merged ones are not counted.
        qa.questionStats(event.id),
      ]);
      return { registrations: regs, attendance, questions };
    },
  };
}
