import type { AppContext } from '../../../context.js';
import { AppError, errors, what } from '../../../errors.js';
import type { AuthUser } from '../../../http/types.js';
import type { Text } from '../../../i18n/index.js';
import { fullName } from '../../../shared/names.js';
import type { EventRow } from '../../events/index.js';
import { type RegistrationsService, ticketUrl } from '../../registrations/index.js';
import { checkinRepository as repo } from './checkin.repository.js';
import type { CheckinResult, CheckinService, SyncItemResult } from './checkin.service.js';

interface WalkInInput {
  name: string;
  phone?: string;
  email?: string;
  institution?: string;
  /** Checked by the schema: only `true` gets this far. */
  consent: boolean;
}

/** A walk-in the full hall could only put on its waitlist: registered, not checked in. An outcome, not an error. */
interface WaitlistedWalkIn {
  result: 'waitlisted';
  first: false;
  scanId: string | null;
  message: Text;
  registration: { id: string; name: string; institution: string | null; mode: 'onsite'; seat: null };
  walkIn: true;
}

export type WalkInResult = CheckinResult | WaitlistedWalkIn;

interface WalkInOpts {
  /** The id the device gave this walk-in (its scan id): a replay, or a race, registers one person. */
  scanId?: string;
  device?: string;
  scannedAt?: number | string;
  sentAt?: number;
  override?: { reason: string };
}

/** A claim older than this belongs to a request that died; another request may finish the walk-in. */
const STALE_MS = 30_000;
/** How long a replay waits for the request that holds the claim before asking the device to retry. */
const WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The registration's client reference for a walk-in id (namespaced: other callers may have their own). */
export const walkInClientRef = (scanId: string) => `walkin:${scanId}`;

/**
 * People at the door without a ticket, registered through the registrations module (so hall capacity,
 * the waitlist, duplicates and seats follow its rules) and checked in. The device's id for the walk-in
 * is claimed first (a primary key), so an offline queue replayed twice, or two racing syncs, register
 * the person once and answer the same way every time.
 */
export function createWalkInService(
  ctx: AppContext,
  deps: { checkins: CheckinService; registrations: RegistrationsService },
) {
  const { db, bus } = ctx;
  const { checkins, registrations } = deps;

  function waitlisted(
    reg: { id: string; name: string; institution: string | null },
    scanId: string | null,
  ): WaitlistedWalkIn {
    return {
      result: 'waitlisted',
      first: false,
      scanId,
      walkIn: true,
      registration: { id: reg.id, name: reg.name, institution: reg.institution, mode: 'onsite', seat: null },
      message: {
        id: `Aula penuh: ${reg.name} terdaftar di daftar tunggu luring, belum check-in.`,
        en: `The hall is full: ${reg.name} is on the hall waitlist, not checked in.`,
      },
    };
  }

  /** Registers and checks in; `claimed` says the walk-in id is this request's to finish. */
  async function register(
    event: EventRow,
    input: WalkInInput,
    opts: WalkInOpts,
    user: AuthUser,
    claimed: boolean,
  ): Promise<WalkInResult> {
    const finish = (outcome: 'checked_in' | 'waitlisted' | 'refused', registrationId: string | null) =>
      claimed && opts.scanId
        ? repo.finishWalkIn(db, event.id, opts.scanId, { outcome, registrationId })
        : Promise.resolve();
    // The walk-in id goes with the registration (unique per event), so a request that takes over the claim of
    // one that died after registering gets that registration back instead of a second person.
    const clientRef = claimed && opts.scanId ? walkInClientRef(opts.scanId) : undefined;
    let registration: Awaited<ReturnType<typeof registrations.register>>['registration'];
    let created: boolean;
    try {
      ({ registration, created } = await registrations.register(
        event,
        { ...input, mode: 'onsite', consent: true },
        { source: 'walkin', clientRef },
      ));
    } catch (err) {
      // The hall is full and the event keeps no waitlist: a final answer, the same on every replay.
      if (err instanceof AppError && err.code === 'full') {
        await finish('refused', null);
        throw errors.hallFull(input.name);
      }
      // Bad input or a taken contact: nothing was registered, so a corrected retry may use the id again.
      if (claimed && opts.scanId) await repo.releaseWalkIn(db, event.id, opts.scanId);
      throw err;
    }
    const reg = await repo.registrationById(db, event.id, registration.id);
    if (!reg) throw errors.ticketNotFound();
    if (reg.status === 'waitlisted') {
      await finish('waitlisted', reg.id);
      return waitlisted(brief(reg), opts.scanId ?? null);
    }
    try {
      const r = await checkins.writeArrival(event, reg, { ...opts, method: 'walkin' }, user);
      await finish('checked_in', reg.id);
      if (r.first) await bus.emit('attendance.changed', { eventId: event.id, kind: 'checkin' });
      // This walk-in's own registration (first time or after a takeover), not someone matched by phone or e-mail.
      return { ...r, walkIn: created || (!!clientRef && registration.client_ref === clientRef) };
    } catch (err) {
      // Someone already registered online, cancelled, or pending: the answer is final for this id.
      await finish('refused', reg.id);
      throw err;
    }
  }

  const brief = (r: {
    id: string;
    front_titles: string | null;
    name: string;
    back_titles: string | null;
    institution: string | null;
  }) => ({
    id: r.id,
    name: fullName({ frontTitles: r.front_titles, name: r.name, backTitles: r.back_titles }),
    institution: r.institution,
  });

  /** The answer for a walk-in id another request finished: the same as the first time. */
  async function replayDone(
    event: EventRow,
    scanId: string,
    done: { outcome: string; registration_id: string | null },
    input: WalkInInput,
    opts: WalkInOpts,
    user: AuthUser,
  ): Promise<WalkInResult> {
    if (done.outcome === 'checked_in') {
      const again = await checkins.replay(event, scanId);
      if (again) return { ...again, walkIn: true };
    }
    const reg = done.registration_id ? await repo.registrationById(db, event.id, done.registration_id) : null;
    if (done.outcome === 'refused' && !reg) throw errors.hallFull(input.name);
    if (!reg) throw errors.ticketNotFound();
    // Waitlisted then promoted since: the person is here, so this is the arrival.
    if (reg.status === 'waitlisted') return waitlisted(brief(reg), scanId);
    const r = await checkins.writeArrival(event, reg, { ...opts, method: 'walkin' }, user);
    if (r.first) await bus.emit('attendance.changed', { eventId: event.id, kind: 'checkin' });
    return { ...r, walkIn: true };
  }

  const service = {
    async walkIn(
      event: EventRow,
      input: WalkInInput,
      opts: WalkInOpts,
      user: AuthUser,
    ): Promise<WalkInResult> {
      if (input.consent !== true) {
        throw errors.validation({
          id: 'Peserta harus menyetujui pemberitahuan privasi.',
          en: 'The person must agree to the privacy notice.',
        });
      }
      // Outside the doors' window nobody is registered either (unless staff override with a reason).
      await checkins.checkDoorWindow(event, opts);
      const id = opts.scanId;
      if (!id) return register(event, input, opts, user, false);
      const started = Date.now();
      for (;;) {
        const now = Date.now();
        if (await repo.claimWalkIn(db, event.id, id, now)) return register(event, input, opts, user, true);
        const row = await repo.findWalkIn(db, event.id, id);
        if (!row) continue; // released by a failed attempt a moment ago: claim it again
        if (row.outcome !== 'pending') return replayDone(event, id, row, input, opts, user);
        const claimedAt = Number(row.claimed_at);
        if (now - claimedAt > STALE_MS && (await repo.reclaimWalkIn(db, event.id, id, claimedAt, now))) {
          return register(event, input, opts, user, true);
        }
        if (now - started > WAIT_MS) throw errors.walkInBusy();
        await sleep(50);
      }
    },

    /**
     * A device's queue with walk-ins among the scans: the scans go through the check-in sync (one
     * transaction), the walk-ins one by one after it (each registration takes its own transaction).
     * Answers come back in the queue's order.
     */
    async sync(
      event: EventRow,
      items: {
        scanId: string;
        ticketCode?: string;
        registrationId?: string;
        walkIn?: WalkInInput;
        scannedAt: number;
        method?: 'qr' | 'search' | 'manual';
        override?: { reason: string };
      }[],
      device: string | undefined,
      user: AuthUser,
      sentAt?: number,
    ): Promise<(SyncItemResult | WaitlistedWalkIn)[]> {
      const scans = items.flatMap(({ walkIn, ...s }) => (walkIn ? [] : [s]));
      const scanned = scans.length ? await checkins.sync(event, scans, device, user, sentAt) : [];
      const out: (SyncItemResult | WaitlistedWalkIn)[] = [];
      let next = 0;
      for (const item of items) {
        if (!item.walkIn) {
          out.push(scanned[next++]!);
          continue;
        }
        try {
          out.push(
            await service.walkIn(
              event,
              item.walkIn,
              { scanId: item.scanId, device, scannedAt: item.scannedAt, sentAt, override: item.override },
              user,
            ),
          );
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          out.push({ result: 'error', scanId: item.scanId, error: { code: err.code, message: err.text } });
        }
      }
      return out;
    },

    /**
     * The ticket link of a walk-in the door just registered, for the door to show as a QR code the person
     * scans with their phone: their ticket is what votes and answers polls in the live room. Only walk-ins,
     * only for a few hours after registering, so the door cannot read anyone else's ticket.
     */
    async walkInTicketUrl(event: EventRow, registrationId: string): Promise<string> {
      const r = await repo.walkInTicket(db, event.id, registrationId);
      if (
        r?.source !== 'walkin' ||
        r.status === 'cancelled' ||
        Date.now() - Number(r.created_at) > HANDOVER_MS
      )
        throw errors.notFound(what.registration);
      return ticketUrl(ctx.config, r.ticket_code);
    },
  };
  return service;
}

/** How long after registering a walk-in the door may still show their ticket. */
const HANDOVER_MS = 3 * 3600_000;
