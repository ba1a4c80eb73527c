/**
 * Aula speaks Bahasa Indonesia first and English second. Every user-facing string is a `Text`
 * holding both, so the compiler refuses a string that lacks its English twin.
 */
import { BoundedMemo } from '../shared/memo.js';

export type Locale = 'id' | 'en';
const DEFAULT_LOCALE: Locale = 'id';

export interface Text {
  id: string;
  en: string;
}

export function tr(locale: Locale, text: Text): string {
  return text[locale];
}

/** Picks the locale from `?lang=`, the `lang` cookie, then Accept-Language; Indonesian otherwise. */
export function pickLocale(
  query: unknown,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Locale {
  const q = typeof query === 'string' ? query : undefined;
  if (q === 'id' || q === 'en') return q;
  if (cookie === 'id' || cookie === 'en') return cookie;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  return byHeader.get(acceptLanguage, () => fromAcceptLanguage(acceptLanguage));
}

/** Phones send a few distinct Accept-Language values; each is read once (bounded: the header is the client's). */
const byHeader = new BoundedMemo<Locale>(200);

function fromAcceptLanguage(header: string): Locale {
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('id') || tag.startsWith('in')) return 'id';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}
