import type { AppContext } from '../../../context.js';
import { isUniqueViolation } from '../../../db/database.js';
import { inTransaction } from '../../../db/transaction.js';
import { errors } from '../../../errors.js';
import { parseOrThrow } from '../../../http/validation.js';
import { newId, newSecretToken } from '../../../shared/ids.js';
import { formatDateTime } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import { ACTIVE, MODE_TEXT, type Places } from '../registrations.places.js';
import { type RegistrationRow, registrationsRepository as repo } from '../registrations.repository.js';
import { NOTICE_VERSION, type RegisterData, RegisterInput } from '../registrations.schemas.js';
import type { RegistrationSource } from '../registrations.tables.js';
import type { Settings } from '../settings/settings.service.js';
import { checkAnswers } from './answers.js';

/** What stays of a cancelled row a new public sign-up replaces (as `privacy` erases: counts kept, no person). */
const retired = (now: number) => ({
  front_titles: null,
  name: '—',
  back_titles: null,
  institution: null,
  email: null,
  phone: null,
  answers: null,
  anonymized_at: now,
});

/** One resend of the ticket link per registration in this time: a repeated form cannot flood the inbox. */
const RESEND_GAP_MS = 10 * 60_000;

/** Bodies already validated by a route's schema: the service does not parse (and normalize phones) twice. */
const parsedInputs = new WeakSet<object>();
export function markParsed<T extends object>(input: T): T {
  parsedInputs.add(input);
  return input;
}

/** Signing up: the one hot path (self, manual, import, walk-in, invitation), and "already registered". */
export function createRegisterUseCase(ctx: AppContext, places: Places, settings: Settings) {
  const { db, bus } = ctx;
  const { place, seatIfDue } = places;

  /** Sends the ticket link again to the e-mail on file, at most once per RESEND_GAP_MS; says what happened. */
  async function resendTicket(event: EventRow, existing: RegistrationRow, now: number) {
    if (!existing.email || !ctx.mailer.enabled) return 'committee' as const;
    if (!(await repo.claimResend(db, existing.id, now, RESEND_GAP_MS))) return 'recent' as const;
    await bus.emit('registration.changed', {
      eventId: event.id,
      registrationId: existing.id,
      change: 'resend',
    });
    return 'sent' as const;
  }

  const useCase = {
    /**
     * Registers one person. Registering again with the same phone or e-mail returns the existing ticket
     * (`created: false`) to staff; the public gets "already registered" and the link goes to the e-mail on
     * file — the unique indexes on (event, e-mail) and (event, phone) settle races. So does
     * `clientRef`, the caller's own id for this sign-up (unique per event): a retry after a crash returns the
     * registration the first attempt made, as it is, even when the person gave no phone or e-mail.
     */
    async register(
      event: EventRow,
      input: RegisterInput,
      opts: { source?: RegistrationSource; clientRef?: string } = {},
    ): Promise<{ registration: RegistrationRow; created: boolean }> {
      const data = parsedInputs.has(input) ? (input as RegisterData) : parseOrThrow(RegisterInput, input);
      const source = opts.source ?? 'self';
      const clientRef = opts.clientRef ?? null;
      const self = source === 'self';
      const s = await settings.get(event);
      const now = Date.now();
      if (self) {
        if (event.status !== 'published') throw errors.eventNotOpen();
        if (s.opensAt && now < s.opensAt)
          throw errors.registrationClosed('before', formatDateTime(s.opensAt, event.timezone, 'id'));
        if (now >= s.closesAt) throw errors.registrationClosed('after', '');
        if (!data.email && !data.phone) {
          throw errors.validation({
            id: 'Isi nomor WhatsApp atau e-mail agar tiket dapat dikirim.',
            en: 'Give a WhatsApp number or an e-mail so the ticket can reach you.',
          });
        }
      }
      if (!s.modes.includes(data.mode)) throw errors.modeUnavailable(MODE_TEXT[data.mode]);
      const answers = checkAnswers(s.questions, data.answers, self);
      const consents = {
        privacy: { at: now, version: NOTICE_VERSION, channel: source },
        ...Object.fromEntries(
          Object.entries(data.consents ?? {}).map(([k, v]) => [k, { given: v === true, at: now }]),
        ),
      };

      const counted = source !== 'invitation';
      const pending = s.approval && self;
      /** One attempt in one transaction: a new row, or a cancelled one of the same person brought back. */
      const attempt = (existing: RegistrationRow | null) =>
        inTransaction(db, async (trx): Promise<RegistrationRow> => {
          const status = pending ? ('pending' as const) : await place(trx, event, s, data.mode, counted);
          const fields = {
            front_titles: data.frontTitles,
            name: data.name,
            back_titles: data.backTitles,
            institution: data.institution,
            email: data.email ?? null,
            phone: data.phone ?? null,
            mode: data.mode,
            status,
            source,
            seat_id: null,
            waitlist_at: status === 'waitlisted' ? places.queuedAt() : null,
            answers: JSON.stringify(answers),
            consents: JSON.stringify(consents),
            locale: data.locale ?? 'id',
            confirmed_at: status === 'confirmed' ? now : null,
            cancelled_at: null,
            // Only set, never cleared: a revived row keeps the reference an earlier sign-up gave it.
            ...(clientRef ? { client_ref: clientRef } : {}),
          };
          if (existing && !self) {
            // Staff bring a cancelled registration back to life: same row, same ticket link.
            if (!(await repo.updateIf(trx, existing.id, existing.status, fields))) {
              throw errors.registrationChanged();
            }
            await seatIfDue(trx, event, s, existing.id, status, data.mode);
            return (await repo.findById(trx, existing.id))!;
          }
          // The public never inherits a cancelled row's history (check-in, codes, questions, evaluation): the old
          // row is retired — its personal fields blanked as an erasure would, which frees the contact for the
          // unique indexes — and the sign-up starts a row of its own; the old row still counts as cancelled.
          if (existing && !(await repo.updateIf(trx, existing.id, existing.status, retired(now)))) {
            throw errors.registrationChanged();
          }
          const row: RegistrationRow = {
            id: newId(),
            event_id: event.id,
            ticket_code: newSecretToken(),
            ...fields,
            anonymized_at: null,
            promoted_at: null,
            client_ref: clientRef,
            resent_at: null,
            created_at: now,
            updated_at: now,
          };
          await repo.insert(trx, row);
          row.seat_id = await seatIfDue(trx, event, s, row.id, status, data.mode);
          return row;
        });

      let row: RegistrationRow;
      try {
        // The common case first, with no look-up: the unique indexes on (event, phone) and (event, e-mail)
        // answer "already registered", atomically with the place taken in the same transaction.
        row = await attempt(null);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // The same reference: this is a retry of a sign-up that went through, whatever became of it since.
        const mine = clientRef ? await repo.findByClientRef(db, event.id, clientRef) : undefined;
        if (mine) return { registration: mine, created: false };
        const existing = await useCase.findExisting(event, data.email ?? null, data.phone ?? null);
        if (!existing) throw errors.alreadyRegistered('committee');
        if (ACTIVE.has(existing.status)) {
          // Staff adding someone twice get the row they already have; the public never does: a name and a phone
          // number are no secret, and the ticket opens the person's data, certificate, cancel and erase.
          if (!self) return { registration: existing, created: false };
          throw errors.alreadyRegistered(await resendTicket(event, existing, now));
        }
        try {
          row = await attempt(existing);
        } catch (err2) {
          if (isUniqueViolation(err2)) throw errors.contactTaken();
          throw err2;
        }
      }
      await bus.emit('registration.created', {
        eventId: event.id,
        registrationId: row.id,
        status: row.status,
        mode: row.mode,
        source,
      });
      return { registration: row, created: true };
    },

    async findExisting(event: EventRow, email: string | null, phone: string | null) {
      const rows = await repo.findByContact(db, event.id, email, phone);
      return rows.find((r) => ACTIVE.has(r.status)) ?? rows[0] ?? null;
    },
  };
  return useCase;
}
