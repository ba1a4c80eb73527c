// What the door says about a scan while it has no connection, from the roster kept on the phone: the
// same answers the server would give (refusals included), so staff are not told "welcome" and then,
// after the sync, that the person was never allowed in.
import type { Tone } from './_checkin-feedback.js';
import type { DoorWindow, RosterPerson } from './_checkin-store.js';
import { type DoorWords, fill, type Texts } from './_checkin-words.js';

export interface OfflineVerdict {
  tone: Tone;
  title: string;
  lines: string[];
  /** Green: queue the scan for the sync and mark the person arrived on this phone. */
  admit: boolean;
}

export function offlineVerdict(
  p: RosterPerson | undefined,
  scannedAt: number,
  w: DoorWindow | null,
  t: Texts,
  words: DoorWords,
): OfflineVerdict {
  const red = (title: string, ...lines: string[]): OfflineVerdict => ({
    tone: 'red',
    title,
    lines,
    admit: false,
  });
  if (!p) return red(t.notInList!);
  // Outside the doors' window the server would refuse it: say so now rather than after the sync.
  if (w && scannedAt < w.doorsOpen)
    return red(p.name, fill(t.notOpenYet!, { when: words.when(w.doorsOpen) }));
  if (w && scannedAt > w.closes) return red(p.name, fill(t.closedAt!, { when: words.when(w.closes) }));
  if (p.status === 'cancelled') return red(p.name, t.cancelled!);
  if (p.status !== 'confirmed') return red(p.name, t.waitlisted!);
  if (p.mode === 'online') return red(p.name, t.registeredOnline!);
  if (p.checkedInAt) {
    const already = [
      fill(t.alreadyAt!, { time: words.when(p.checkedInAt) }),
      p.checkedInBy ? fill(t.by!, { name: p.checkedInBy }) : '',
    ].join(' ');
    return { tone: 'amber', title: p.name, lines: [already, words.modeLine(p)], admit: false };
  }
  return {
    tone: 'green',
    title: p.name,
    lines: [`${t.welcome}. ${t.offlineSaved}`, words.modeLine(p)],
    admit: true,
  };
}
