import type { Config } from '../../config.js';
import { fullName } from '../../shared/names.js';
import { isoInZone } from '../../shared/time.js';
import type { RegistrationRow } from './registrations.repository.js';
import { type RegistrationAdminDto, waitlistCapped } from './registrations.schemas.js';

/** The personal ticket page: the code is the only key to it, so it is ≥128 random bits. */
export const ticketUrl = (config: Pick<Config, 'publicUrl'>, code: string) => `${config.publicUrl}/t/${code}`;

export const printedName = (r: Pick<RegistrationRow, 'front_titles' | 'name' | 'back_titles'>) =>
  fullName({ frontTitles: r.front_titles, name: r.name, backTitles: r.back_titles });

const json = (s: string | null): Record<string, unknown> => {
  if (!s) return {};
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/** What the participant (and the public API caller) gets back: no contact data. */
export function presentTicket(config: Pick<Config, 'publicUrl'>, r: RegistrationRow, existing = false) {
  return {
    id: r.id,
    status: r.status,
    mode: r.mode,
    ticketCode: r.ticket_code,
    ticketUrl: ticketUrl(config, r.ticket_code),
    ...(r.seat_id ? { seat: r.seat_id } : {}),
    ...(existing ? { existing: true } : {}),
  };
}

export function presentAdmin(
  r: RegistrationRow,
  tz: string,
  waitlistPosition: number | null = null,
): RegistrationAdminDto {
  return {
    id: r.id,
    ticketCode: r.ticket_code,
    name: r.name,
    frontTitles: r.front_titles,
    backTitles: r.back_titles,
    fullName: printedName(r),
    institution: r.institution,
    email: r.email,
    phone: r.phone,
    mode: r.mode,
    status: r.status,
    source: r.source,
    seat: r.seat_id,
    answers: json(r.answers),
    consents: json(r.consents),
    createdAt: isoInZone(r.created_at, tz),
    waitlistPosition,
    waitlistPositionCapped: waitlistPosition !== null && waitlistCapped(waitlistPosition),
  };
}
