// The door's words built from the page's texts: times in the event's zone as people write them
// ("pukul 08.30", with the date on any other day) and the line that says hall or online and the seat.

export type Texts = Record<string, string>;

export const fill = (s: string, vars: Record<string, string>) =>
  s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');

export interface DoorWords {
  /** "pukul 08.30" today; with the date on any other day (an arrival yesterday is not "at 08.30"). */
  when(ms: number): string;
  modeLine(p: { mode: string; seat: string | null }): string;
}

export function doorWords(t: Texts, lang: string, tz: string, now: () => number = Date.now): DoorWords {
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const dates = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: tz,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = (ms: number) => {
    const p = clock.formatToParts(ms);
    const h = p.find((x) => x.type === 'hour')?.value ?? '';
    const m = p.find((x) => x.type === 'minute')?.value ?? '';
    // Indonesian writes the time with a dot (08.30), English with a colon.
    return lang === 'id' ? `${h}.${m}` : `${h}:${m}`;
  };
  return {
    when(ms) {
      const at = fill(t.at!, { time: time(ms) });
      const day = dates.format(ms);
      return day === dates.format(now()) ? at : `${day}, ${at}`;
    },
    modeLine: (p) => `${p.mode === 'onsite' ? t.onsite : t.online}${p.seat ? ` · ${t.seat} ${p.seat}` : ''}`,
  };
}
