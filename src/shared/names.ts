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
