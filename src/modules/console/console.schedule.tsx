import type { Locale, Text } from '../../i18n/index.js';
import { formatDate, formatTimeRange } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';

const HOUR = 3_600_000;

const S = {
  heading: { id: 'Jadwal acara ikut bergeser?', en: 'Move the event’s schedule too?' },
  by: (d: string): Text => ({
    id: `Waktu mulai bergeser ${d}. Yang ikut bergeser:`,
    en: `The start moves by ${d}. What moves with it:`,
  }),
  move: { id: 'Simpan dan geser jadwalnya', en: 'Save and move the schedule' },
  keep: { id: 'Simpan tanpa menggeser', en: 'Save, leave the schedule' },
  days: (n: number): Text => ({ id: `${n} hari`, en: `${n} day${n === 1 ? '' : 's'}` }),
  hours: (n: number): Text => ({ id: `${n} jam`, en: `${n} hour${n === 1 ? '' : 's'}` }),
  minutes: (n: number): Text => ({ id: `${n} menit`, en: `${n} minute${n === 1 ? '' : 's'}` }),
  earlier: { id: 'lebih awal', en: 'earlier' },
  later: { id: 'lebih lambat', en: 'later' },
} satisfies Record<string, unknown>;

/** "1 hari 7 jam lebih lambat" */
function offsetText(ms: number, l: Locale): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / (24 * HOUR));
  const h = Math.floor((abs % (24 * HOUR)) / HOUR);
  const m = Math.round((abs % HOUR) / 60_000);
  const parts = [d ? S.days(d)[l] : '', h ? S.hours(h)[l] : '', m ? S.minutes(m)[l] : ''].filter(Boolean);
  return `${parts.join(' ')} ${(ms < 0 ? S.earlier : S.later)[l]}`;
}

export interface SchedulePreviewData {
  ms: number;
  parts: { label: Text; count: number }[];
  rundown: { title: string; starts_at: number; ends_at: number | null }[];
  /** The zone the new times are shown in (the form's). */
  timezone: string;
}

/**
 * The question before an edited start moves the day: by how much, what moves (rundown items old → new), and
 * two buttons inside the event form, so the answer is sent with everything typed.
 */
export function SchedulePreview(props: { l: Locale; event: EventRow; p: SchedulePreviewData }) {
  const { l, event, p } = props;
  return (
    <div class="card" id="geser-jadwal" role="status">
      <h2 style="margin-top:0">{S.heading[l]}</h2>
      <p>{S.by(offsetText(p.ms, l))[l]}</p>
      <ul>
        {p.parts.map((x) => (
          <li>
            {x.count > 1 ? `${x.count} ` : ''}
            {x.label[l]}
          </li>
        ))}
      </ul>
      {p.rundown.length ? (
        <ul class="muted">
          {p.rundown.map((a) => (
            <li>
              {a.title}: {formatDate(a.starts_at, event.timezone, l)},{' '}
              {formatTimeRange(a.starts_at, a.ends_at, event.timezone, l)} →{' '}
              {formatDate(a.starts_at + p.ms, p.timezone, l)},{' '}
              {formatTimeRange(
                a.starts_at + p.ms,
                a.ends_at === null ? null : a.ends_at + p.ms,
                p.timezone,
                l,
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="row">
        <button type="submit" name="schedule" value="move">
          {S.move[l]}
        </button>
        <button type="submit" name="schedule" value="keep" class="secondary">
          {S.keep[l]}
        </button>
      </p>
    </div>
  );
}
