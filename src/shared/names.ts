/**
 * Indonesian names carry titles before and after the name ("Dr. H. Siti, S.E., M.Si."). Titles are
 * kept exactly as typed — never re-cased or "fixed" (research/indonesia.md §6).
 */
interface TitledName {
  frontTitles?: string | null;
  name: string;
  backTitles?: string | null;
}

export function fullName(p: TitledName): string {
  const front = p.frontTitles?.trim();
  const back = p.backTitles?.trim();
  let out = front ? `${front} ${p.name.trim()}` : p.name.trim();
  if (back) out += back.startsWith(',') ? back : `, ${back}`;
  return out;
}

/**
 * Ends a sentence that may end in a name: "Selamat datang, Siti, S.E." takes no second period after the
 * title's own (no "S.E.."), and a sentence already ending in ! or ? is left alone. Client islands import
 * this too, so the door and the server say the same.
 */
export function endSentence(text: string): string {
  const t = text.trimEnd();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

/** Titles that may stand before a name when people type them into the name itself ("Dr. Ahmad"). */
const FRONT_TITLE =
  /^(?:(?:prof|dr|drs|dra|ir|h|hj|kh|ns|drg|apt|ust|ustz|dr\s*\(h\.c\.\))\.?\s+|\(h\.c\.\)\s*)+/i;

/** The key a list sorts by: the name without its front titles, so "Dr. Ahmad" sorts under A. */
export function sortName(p: TitledName): string {
  return p.name.trim().replace(FRONT_TITLE, '').toLocaleLowerCase('id');
}

/** Forms of address and titles typed before a name that say nothing about who it is ("Bapak", "Dr", "Hj"). */
const TITLE_WORDS = new Set(
  'bapak bpk pak ibu bu sdr sdri saudara saudari mr mrs ms dr drs dra hj h ir prof kh ust ustadz ustazah'.split(
    ' ',
  ),
);

/**
 * A name as people say it, for finding it: no diacritics ("Sélma" → "selma"), any case, no titles before it
 * ("Dr. H.", anything with a dot) nor after the first comma (", S.E., M.Si."). Applied alike to the query and
 * to the stored names, so "selma" finds "Dr. Sélma Aulia, S.E.".
 */
export function nameSearchKey(text: string): string {
  return text
    .split(',')[0]!
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w && !w.includes('.') && !TITLE_WORDS.has(w))
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean)
    .join(' ');
}
