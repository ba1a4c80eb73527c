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
