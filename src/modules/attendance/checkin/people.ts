import { createHash } from 'node:crypto';
import { type AppError, errors } from '../../../errors.js';
import type { Text } from '../../../i18n/index.js';
import { endSentence, fullName } from '../../../shared/names.js';
import type { RegistrationLite } from './checkin.repository.js';

// The person as the door sees them: the name with titles, the welcome, and why a ticket is refused.

/** The hash a door device keeps instead of the ticket code (see RosterOut). */
export const ticketHash = (code: string) => createHash('sha256').update(code).digest('hex').slice(0, 32);

export const welcome = (b: { name: string; seat: string | null }): Text => ({
  id: `${endSentence(`Selamat datang, ${b.name}`)}${b.seat ? ` Kursi ${b.seat}.` : ''}`,
  en: `${endSentence(`Welcome, ${b.name}`)}${b.seat ? ` Seat ${b.seat}.` : ''}`,
});

/** The person as the door (and the attendance table) shows them. */
export function personBrief(reg: RegistrationLite) {
  return {
    id: reg.id,
    name: fullName({ frontTitles: reg.front_titles, name: reg.name, backTitles: reg.back_titles }),
    institution: reg.institution,
    mode: reg.mode,
    seat: reg.seat_id,
  };
}

/** Why this ticket cannot be checked in at the door, or null when it can. */
export function refuse(reg: RegistrationLite): AppError | null {
  const name = fullName({ frontTitles: reg.front_titles, name: reg.name, backTitles: reg.back_titles });
  if (reg.status === 'cancelled') return errors.ticketCancelled(name);
  if (reg.status !== 'confirmed')
    return reg.status === 'waitlisted'
      ? errors.ticketWaitlisted(name)
      : errors.ticketNotConfirmed(name, reg.status);
  if (reg.mode === 'online') return errors.registeredOnline({ id: reg.id, name });
  return null;
}
