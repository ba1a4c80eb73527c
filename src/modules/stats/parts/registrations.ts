import type { RegistrationsService } from '../../registrations/index.js';

// Confirmed per mode, waitlisted and cancelled.
export async function registrationStats(regs: RegistrationsService, eventId: string) {
  return regs.statsCounts(eventId);
}
