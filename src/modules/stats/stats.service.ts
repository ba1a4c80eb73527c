import { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { EventRow } from '../events/index.js';
import { attendanceStats } from './parts/attendance.js';
import { questionStats } from './parts/questions.js';
import { registrationStats } from './parts/registrations.js';

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
 * the numbers agree everywhere. Each part is computed by the owning module's repository query.
 */
export const statsService = {
  async forEvent(db: Db, event: EventRow): Promise<Stats> {
    const [registrations, attendance, questions] = await Promise.all([
      registrationStats(ctx.services.registrations, event.id),
      attendanceStats(db, event.id),
      questionStats(db, event.id),
    ]);
    return { registrations, attendance, questions };
  },
};
