const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export interface NumberParts {
  org: string;
  /** 1–12 */
  month: number;
  year: number;
  event: string;
  role: string;
}

function fill(pattern: string, p: NumberParts, seq: string): string {
  return pattern
    .replaceAll('{seq}', seq)
    .replaceAll('{org}', p.org)
    .replaceAll('{month-roman}', ROMAN[p.month - 1]!)
    .replaceAll('{month}', String(p.month).padStart(2, '0'))
    .replaceAll('{year}', String(p.year))
    .replaceAll('{event}', p.event)
    .replaceAll('{role}', p.role);
}

/** "007/SERT/FISIP-UPM/XII/2021": the sequence is zero-padded to three digits, as typed by hand today. */
export const formatNumber = (pattern: string, p: NumberParts, seq: number) =>
  fill(pattern, p, String(seq).padStart(3, '0'));

/**
 * The counter a number draws from: the pattern filled in with everything but the sequence. Two
 * events of one organization in the same month share it, so "{seq}/SERT/FISIP/XII/2021" never
 * repeats across them; a new month or year starts again at 001, as organizers expect.
 */
export const counterScope = (pattern: string, p: NumberParts) => fill(pattern, p, '#');
