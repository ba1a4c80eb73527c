import type { AppContext } from '../../context.js';
import type { EventRow } from '../events/index.js';
import { seatingService } from '../seating/index.js';
import { registrationsRepository } from './registrations.repository.js';

export { displayPhone, normalizePhone, waDigits } from './phone.js';
export { presentTicket, printedName, ticketUrl } from './registrations.presenter.js';
export type { RegistrationRow } from './registrations.repository.js';
/** Reads for other modules (certificates, evaluation, reports): by id, by ticket code, the list with filters. */
export const {
  findById: findRegistration,
  findByTicketCode: findRegistrationByTicket,
  list: listRegistrations,
  statsCounts: registrationStatsFor,
} = registrationsRepository;
export { createPrivacyService } from './privacy.service.js';
export { registrationsRoutes } from './registrations.routes.js';
export { Email, Phone, type RegisterData, RegisterInput } from './registrations.schemas.js';
export { createRegistrationsService, MODE_TEXT, type RegistrationsService } from './registrations.service.js';
export type { RegistrationMode, RegistrationSource, RegistrationStatus } from './registrations.tables.js';

/**
 * Gives a confirmed hall registration the first free seat (attendance calls it when seats are assigned
 * at check-in). Returns the seat label, the one it already had, or null when there is no plan or no seat.
 */
export async function assignSeat(
  ctx: AppContext,
  event: EventRow,
  registrationId: string,
): Promise<string | null> {
  const seat = await ctx.db.transaction().execute(async (trx) => {
    await seatingService.lockHall(trx, event.id);
    return seatingService.assignInTx(trx, event.id, registrationId);
  });
  if (seat) await ctx.bus.emit('registration.changed', { eventId: event.id, registrationId, change: 'seat' });
  return seat;
}
