import { z } from 'zod';
import { bilingual } from '../../http/validation.js';
import { formatDate } from '../../shared/time.js';
import type { EventRow, OrgRow } from './events.rows.js';

/**
 * The city (Kota/Kabupaten) a document is signed in, as typed ("Kota Probolinggo"): plain text, no markup,
 * at most 100 characters. Blank means "the organization's".
 */
export const City = z
  .string()
  .trim()
  .max(100)
  .refine((v) => !/[<>{}]/.test(v), {
    message: bilingual({
      id: 'tidak boleh berisi markup (< > { })',
      en: 'must not contain markup (< > { })',
    }),
  })
  .nullish()
  .transform((v) => (v ? v : null));

/** The event's city, else its organization's; null when neither is set. */
export const signingCity = (event: Pick<EventRow, 'city'>, org: Pick<OrgRow, 'city'> | null) =>
  event.city || org?.city || null;

/**
 * The place-and-date line above every signature ("Kota Probolinggo, 30 Desember 2021"); dots where the
 * city is unknown, so the line is filled in by hand rather than taken from the address.
 */
export function signatureLine(city: string | null, at: number, tz: string, locale: 'id' | 'en' = 'id') {
  const date = formatDate(at, tz, locale).replace(/^[^,]+, /, '');
  return `${city || '……………………'}, ${date}`;
}
