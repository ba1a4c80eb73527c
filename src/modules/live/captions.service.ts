import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { errors } from '../../errors.js';
import type { Realtime } from '../../realtime/realtime.js';
import { newId } from '../../shared/ids.js';
import type { CaptionDto } from '../../shared/realtime.js';
import { isoInZone } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import { captionsRepository as repo } from './captions.repository.js';

/** Lines a joining screen gets in its snapshot (the live page shows the last few). */
const SNAPSHOT_LINES = 8;

type LineRow = Awaited<ReturnType<typeof repo.lines>>[number];

const present = (r: LineRow, tz: string): CaptionDto => ({
  id: r.id,
  text: r.text,
  at: isoInZone(Number(r.created_at), tz),
  edited: r.edited_at !== null,
});

/** The newest lines for a joining client's snapshot. */
export async function recentCaptions(db: Db, eventId: string): Promise<CaptionDto[]> {
  const [rows, tz] = await Promise.all([repo.lines(db, eventId, SNAPSHOT_LINES), repo.zone(db, eventId)]);
  return rows.map((r) => present(r, tz));
}

/**
 * Live captions: a captioner (typing, or the browser's speech recognition at the caption desk) adds
 * lines; a moderator corrects the last one. Each goes through the live room to the live page, the
 * projector band and the overlay; all are kept as the transcript for the report's appendix.
 */
export function createCaptionsService(ctx: AppContext, deps: { realtime: Realtime }) {
  const { db } = ctx;
  const rt = deps.realtime;
  const publish = (eventId: string, d: CaptionDto) =>
    rt.publish(eventId, async () => ({ staff: { t: 'caption', d }, pub: 'same' }));

  return {
    async addLine(event: EventRow, text: string, source: 'typed' | 'speech', userId: string | null) {
      const now = Date.now();
      const row = {
        id: newId(),
        event_id: event.id,
        text,
        source,
        created_by: userId,
        created_at: now,
        edited_at: null,
      };
      await repo.insert(db, row);
      const dto = present(row, event.timezone);
      await publish(event.id, dto);
      return dto;
    },

    /** Corrects the event's last line (the one the room is reading now). */
    async correctLast(event: EventRow, text: string) {
      const last = await repo.last(db, event.id);
      if (!last) throw errors.noCaptionYet();
      const now = Date.now();
      await repo.correct(db, event.id, last.id, text, now);
      const dto = present({ ...last, text, edited_at: now }, event.timezone);
      await publish(event.id, dto);
      return dto;
    },

    async transcript(event: EventRow) {
      return (await repo.lines(db, event.id)).map((r) => ({
        ...present(r, event.timezone),
        source: r.source,
      }));
    },
  };
}
