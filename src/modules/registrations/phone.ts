import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Indonesian numbers as people type them — "0812-3456-7890", "+62 812 3456 7890", "62812…", "(0341) 551234" —
 * to E.164 ("+6281234567890"), or null when it is not a valid number. Country code 62 without the plus is
 * common in WhatsApp copy-paste, so digits starting with 62 are read as international.
 */
export function normalizePhone(input: string): string | null {
  const raw = input.trim();
  if (!raw) return null;
  const digits = raw.replace(/[^\d+]/g, '');
  const candidate = digits.startsWith('62') ? `+${digits}` : digits;
  const parsed = parsePhoneNumberFromString(candidate, 'ID');
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

/** "+6281234567890" → "0812-3456-7890" for Indonesian numbers (how organizers write them), else E.164. */
export function displayPhone(e164: string): string {
  // Stored numbers are E.164 already: an Indonesian one needs no parsing (libphonenumber's parse was 4% of
  // the ticket page's CPU, which shows the number in "Data saya").
  if (/^\+62\d{8,13}$/.test(e164)) return `0${e164.slice(3)}`.replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3');
  const p = parsePhoneNumberFromString(e164);
  if (!p) return e164;
  if (p.countryCallingCode === '62') {
    const n = `0${p.nationalNumber}`;
    return n.replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3');
  }
  return p.formatInternational();
}

/** The digits wa.me wants: country code, no plus, no leading zero. */
export const waDigits = (e164: string) => e164.replace(/^\+/, '');

/**
 * The digits to look for when someone reads out a number (or part of one) at the door, in any local spelling:
 * "0813 1000 0005", "+62 813-1000-0005", "62813.1000.0005" all give "81310000005", what every stored E.164
 * number "+62…" contains. Null when the text has letters (it is a name) or fewer than 4 digits.
 */
export function phoneSearchDigits(text: string): string | null {
  if (/\p{L}/u.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 4) return null;
  // A whole number that parses: its national number, exactly.
  const full = normalizePhone(text);
  if (full?.startsWith('+62')) return full.slice(3);
  const national = digits.replace(/^(?:62|0)/, '');
  return national.length >= 4 ? national : digits;
}
