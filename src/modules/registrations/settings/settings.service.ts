import { PerEventCache } from '../../../bus/per-event-cache.js';
import type { AppContext } from '../../../context.js';
import type { Db } from '../../../db/database.js';
import type { Tx } from '../../../db/transaction.js';
import { errors } from '../../../errors.js';
import { isoInZone } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import type { SeatingService } from '../../seating/index.js';
import { registrationsRepository as repo, type SettingsRow } from '../registrations.repository.js';
import {
  MODES,
  type Question,
  Question as QuestionSchema,
  type SettingsData,
} from '../registrations.schemas.js';
import type { RegistrationMode, SeatMode } from '../registrations.tables.js';

export interface ResolvedSettings {
  opensAt: number | null;
  /** Registration closes at this instant; by default when the event ends (walk-ins still go through staff). */
  closesAt: number;
  approval: boolean;
  waitlist: boolean;
  seatMode: SeatMode;
  questions: Question[];
  privacyController: string | null;
  privacyContact: string | null;
  privacyPurpose: string | null;
  retentionDays: number;
  /** Modes this event offers: the hall when it has a venue, online when it has an online room; both while neither is set. */
  modes: RegistrationMode[];
}

function offeredModes(event: EventRow): RegistrationMode[] {
  const m: RegistrationMode[] = [];
  if (event.venue_name) m.push('onsite');
  if (event.online_platform) m.push('online');
  return m.length ? m : [...MODES];
}

function parseQuestions(json: string | null): Question[] {
  if (!json) return [];
  try {
    const arr = JSON.parse(json) as unknown[];
    return arr.map((q) => QuestionSchema.parse(q));
  } catch {
    return [];
  }
}

function resolveSettings(event: EventRow, row: SettingsRow | undefined): ResolvedSettings {
  return {
    opensAt: row?.opens_at ?? null,
    closesAt: row?.closes_at ?? event.ends_at,
    approval: row?.approval === 1,
    waitlist: row ? row.waitlist === 1 : true,
    seatMode: row?.seat_mode ?? 'registration',
    questions: parseQuestions(row?.questions ?? null),
    privacyController: row?.privacy_controller ?? null,
    privacyContact: row?.privacy_contact ?? null,
    privacyPurpose: row?.privacy_purpose ?? null,
    retentionDays: row?.retention_days ?? 365,
    modes: offeredModes(event),
  };
}

/**
 * Registration settings of an event (opening, approval, waitlist, questions, privacy notice) and the capacity
 * of each mode. The registrations service builds it once and shares it with its use cases; `q` lets a use
 * case read inside its own transaction.
 */
export function createSettings(ctx: AppContext, seating: SeatingService) {
  const { db, bus } = ctx;
  // Every registration and every ticket page reads the row; `save` is its only writer and emits the drop.
  const rows = new PerEventCache<SettingsRow | undefined>(bus, ['registration.settings_changed']);
  const settings = {
    async get(event: EventRow, q: Db | Tx = db): Promise<ResolvedSettings> {
      const row =
        q === db
          ? await rows.get(event.id, () => repo.getSettings(db, event.id))
          : await repo.getSettings(q, event.id);
      return resolveSettings(event, row);
    },

    /** Capacity of a mode: the seat plan (public seats) or the venue capacity for the hall; null is unlimited. */
    async capacity(event: EventRow, mode: RegistrationMode, q: Db | Tx = db): Promise<number | null> {
      if (mode === 'online') return event.online_capacity ?? null;
      return (await seating.capacity(q, event.id)) ?? event.venue_capacity ?? null;
    },

    /** Takes the parsed patch (routes get it from their schema; forms call `parseOrThrow(SettingsInput, …)`). */
    async save(event: EventRow, patch: SettingsData): Promise<ResolvedSettings> {
      const current = await repo.getSettings(db, event.id);
      const cur = resolveSettings(event, current);
      const opensAt = patch.opensAt !== undefined ? (patch.opensAt ?? null) : cur.opensAt;
      const closesAt = patch.closesAt !== undefined ? (patch.closesAt ?? null) : (current?.closes_at ?? null);
      if (opensAt !== null && closesAt !== null && closesAt <= opensAt) {
        throw errors.validation({
          id: 'Penutupan harus setelah pembukaan.',
          en: 'Closing must be after opening.',
        });
      }
      const row: SettingsRow = {
        event_id: event.id,
        opens_at: opensAt,
        closes_at: closesAt,
        approval: (patch.approval ?? cur.approval) ? 1 : 0,
        waitlist: (patch.waitlist ?? cur.waitlist) ? 1 : 0,
        seat_mode: patch.seatMode ?? cur.seatMode,
        questions: JSON.stringify(patch.questions ?? cur.questions),
        privacy_controller:
          patch.privacyController !== undefined ? patch.privacyController : cur.privacyController,
        privacy_contact: patch.privacyContact !== undefined ? patch.privacyContact : cur.privacyContact,
        privacy_purpose: patch.privacyPurpose !== undefined ? patch.privacyPurpose : cur.privacyPurpose,
        retention_days: patch.retentionDays ?? cur.retentionDays,
        updated_at: Date.now(),
      };
      await repo.upsertSettings(db, row);
      await bus.emit('registration.settings_changed', { eventId: event.id });
      return resolveSettings(event, row);
    },

    /** Capacity per mode (null = unlimited). */
    async capacities(event: EventRow) {
      return {
        onsite: await settings.capacity(event, 'onsite'),
        online: await settings.capacity(event, 'online'),
      };
    },

    async present(event: EventRow) {
      const s = await settings.get(event);
      const tz = event.timezone;
      return {
        opensAt: s.opensAt ? isoInZone(s.opensAt, tz) : null,
        closesAt: isoInZone(s.closesAt, tz),
        approval: s.approval,
        waitlist: s.waitlist,
        seatMode: s.seatMode,
        questions: s.questions,
        privacyController: s.privacyController,
        privacyContact: s.privacyContact,
        privacyPurpose: s.privacyPurpose,
        retentionDays: s.retentionDays,
        capacity: await settings.capacities(event),
        modes: s.modes,
      };
    },
  };
  return settings;
}

export type Settings = ReturnType<typeof createSettings>;
