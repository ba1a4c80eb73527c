import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import type { Realtime } from '../../realtime/realtime.js';
import { realtimeRepository } from '../../realtime/realtime.repository.js';
import { fullName } from '../../shared/names.js';
import type { LiveRole, SettingsDto, SnapshotDto, StageDto, StageItem } from '../../shared/realtime.js';
import { isoInZone } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import type { QaService } from '../qa/index.js';
import { recentCaptions } from './captions.service.js';
import { liveRepository as repo } from './live.repository.js';

const DEFAULT_ZONE = 'Asia/Jakarta';

interface RundownItem extends StageItem {
  endsAt: string | null;
  /** Planned length in ms (null: no end time), the stage timer's default. */
  plannedMs: number | null;
}

/** The rundown with its people, in order (the stage pointer walks it). */
async function loadRundown(db: Db, eventId: string, tz: string): Promise<RundownItem[]> {
  const { items, people, links } = await repo.rundown(db, eventId);
  const byId = new Map(people.map((p) => [p.id, p]));
  return items.map((i) => ({
    id: i.id,
    kind: i.kind,
    title: i.title,
    startsAt: isoInZone(Number(i.starts_at), tz),
    endsAt: i.ends_at ? isoInZone(Number(i.ends_at), tz) : null,
    plannedMs: i.ends_at ? Number(i.ends_at) - Number(i.starts_at) : null,
    people: links
      .filter((l) => l.agenda_item_id === i.id)
      .map((l) => byId.get(l.person_id))
      .filter((p) => !!p)
      .map((p) => ({
        id: p.id,
        fullName: fullName({ frontTitles: p.front_titles, name: p.name, backTitles: p.back_titles }),
        position: p.position,
        institution: p.institution,
        presence: p.presence,
      })),
  }));
}

/** Now and next on stage, with the timer; read with `db` or inside a live update's transaction. */
async function loadStage(db: Db, eventId: string): Promise<StageDto> {
  const zone = await repo.eventZone(db, eventId);
  const tz = zone ?? DEFAULT_ZONE;
  const [state, rundown] = await Promise.all([
    repo.state(db, eventId),
    zone ? loadRundown(db, eventId, tz) : [],
  ]);
  const idx = state?.agenda_item_id ? rundown.findIndex((i) => i.id === state.agenda_item_id) : -1;
  const strip = (i: RundownItem | undefined): StageItem | null =>
    i ? { id: i.id, kind: i.kind, title: i.title, startsAt: i.startsAt, people: i.people } : null;
  return {
    now: idx >= 0 ? strip(rundown[idx]) : null,
    // Before anything is on stage, "next" is the first item of the rundown.
    next: strip(rundown[idx + 1]),
    startedAt: idx >= 0 && state?.stage_started_at ? isoInZone(Number(state.stage_started_at), tz) : null,
    endsAt: idx >= 0 && state?.stage_ends_at ? isoInZone(Number(state.stage_ends_at), tz) : null,
    serverTime: isoInZone(Date.now(), tz),
  };
}

async function loadSettings(db: Db, eventId: string): Promise<SettingsDto> {
  const s = await repo.state(db, eventId);
  return {
    moderation: s?.moderation ?? 'pre',
    qaOpen: s ? !!s.qa_open : true,
    openVoting: !!s?.open_voting,
  };
}

/** The stage pointer and timer, the Q&A settings, and the snapshot a joining client starts from. */
export function createLiveService(ctx: AppContext, deps: { realtime: Realtime; qa: QaService }) {
  const { db } = ctx;
  const { realtime: rt, qa } = deps;

  const snapshot = async (eventId: string, role: LiveRole): Promise<SnapshotDto> => {
    const [q, stage, captions] = await Promise.all([
      qa.snapshot(eventId, role),
      loadStage(db, eventId),
      recentCaptions(db, eventId),
    ]);
    return { ...q, stage, captions };
  };
  rt.setSnapshotProvider((_db, eventId, role) => snapshot(eventId, role));

  const publishStage = (eventId: string) =>
    rt.publish(eventId, async (trx) => ({
      staff: { t: 'stage', d: await loadStage(trx, eventId) },
      pub: 'same',
    }));

  const ensure = (eventId: string) => realtimeRepository.ensureState(db, eventId);

  const service = {
    rt,
    stage: (event: EventRow) => loadStage(db, event.id),
    snapshot: (event: EventRow, role: LiveRole) => snapshot(event.id, role),
    rundown: (event: EventRow) => loadRundown(db, event.id, event.timezone),

    /**
     * Rundown and people edits (the program module, through the API or the console) emit
     * `event.updated`; the stage message carries now/next with their people, so live pages, projector
     * and overlay follow at once. Subscribed once per app with `on` (once in the cluster): the published
     * update itself reaches every node through the bus. Returns the unsubscribe.
     */
    followProgramChanges: (): (() => void) =>
      ctx.bus.on('event.updated', async ({ eventId }) => {
        // No live row yet: nobody has opened the room, and every page renders the stage when it loads.
        if (!(await repo.state(db, eventId))) return;
        await publishStage(eventId);
      }),

    /**
     * Puts an item on stage (null: nothing). The timer runs for `timerMinutes` when given, otherwise
     * for the item's planned length; null switches it off.
     */
    async setStage(event: EventRow, itemId: string | null, timerMinutes?: number | null): Promise<StageDto> {
      await ensure(event.id);
      const now = Date.now();
      if (itemId === null) {
        await repo.setStage(db, event.id, null, null, null);
      } else {
        const item = (await loadRundown(db, event.id, event.timezone)).find((i) => i.id === itemId);
        if (!item) throw errors.notFound(what.agendaItem);
        const length =
          timerMinutes === undefined ? item.plannedMs : timerMinutes === null ? null : timerMinutes * 60_000;
        await repo.setStage(db, event.id, item.id, now, length ? now + length : null);
      }
      await publishStage(event.id);
      return loadStage(db, event.id);
    },

    /** Moves the stage one item forward or back along the rundown. */
    async step(event: EventRow, dir: 1 | -1): Promise<StageDto> {
      const [state, rundown] = await Promise.all([
        repo.state(db, event.id),
        loadRundown(db, event.id, event.timezone),
      ]);
      if (!rundown.length) throw errors.rundownEmpty();
      const idx = state?.agenda_item_id ? rundown.findIndex((i) => i.id === state.agenda_item_id) : -1;
      const target = Math.min(Math.max(idx + dir, 0), rundown.length - 1);
      return service.setStage(event, rundown[target]!.id);
    },

    async settings(event: EventRow): Promise<SettingsDto> {
      await ensure(event.id);
      return loadSettings(db, event.id);
    },

    async updateSettings(
      event: EventRow,
      patch: { moderation?: 'pre' | 'auto'; qaOpen?: boolean; openVoting?: boolean },
    ): Promise<SettingsDto> {
      await ensure(event.id);
      await repo.setSettings(db, event.id, {
        ...(patch.moderation ? { moderation: patch.moderation } : {}),
        ...(patch.qaOpen !== undefined ? { qa_open: patch.qaOpen ? 1 : 0 } : {}),
        ...(patch.openVoting !== undefined ? { open_voting: patch.openVoting ? 1 : 0 } : {}),
      });
      await rt.publish(event.id, async (trx) => ({
        staff: { t: 'settings', d: await loadSettings(trx, event.id) },
        pub: 'same',
      }));
      return loadSettings(db, event.id);
    },
  };
  return service;
}

export type LiveService = ReturnType<typeof createLiveService>;
