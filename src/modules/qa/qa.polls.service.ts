import type { AppContext } from '../../context.js';
import { errors, what } from '../../errors.js';
import type { Realtime } from '../../realtime/realtime.js';
import { newId } from '../../shared/ids.js';
import type { LiveRole, PollDto } from '../../shared/realtime.js';
import type { EventRow } from '../events/index.js';
import { answerVoice } from './qa.poll-answers.js';
import { defineWordCoalescing, presentPolls } from './qa.poll-kinds.js';
import { publishScreen, renderPoll } from './qa.render.js';
import { qaRepository as repo } from './qa.repository.js';
import type { PollInput, PollPatchInput } from './qa.schemas.js';
import type { Voter } from './qa.voter.js';

/**
 * Polls: drafts, open and close, the screen, one ballot per participant. Built in src/services.ts and
 * handed to the Q&A service, which offers these methods as its own.
 */
export function createPollService(ctx: AppContext, rt: Realtime) {
  const { db } = ctx;
  const publishPoll = (eventId: string, id: string) => rt.publish(eventId, (trx) => renderPoll(trx, id));
  defineWordCoalescing(rt);

  const service = {
    async listPolls(event: EventRow, role: LiveRole): Promise<PollDto[]> {
      const polls = await repo.listPolls(db, event.id, { includeDrafts: role === 'staff' });
      const options = await repo.pollOptions(
        db,
        polls.map((p) => p.id),
      );
      return presentPolls(db, polls, options, role);
    },

    async pollDto(id: string): Promise<PollDto> {
      const p = (await repo.findPoll(db, id))!;
      return (await presentPolls(db, [p], await repo.pollOptions(db, [id]), 'staff'))[0]!;
    },

    async createPoll(event: EventRow, input: PollInput): Promise<PollDto> {
      const id = newId();
      await repo.insertPoll(
        db,
        {
          id,
          event_id: event.id,
          question: input.question,
          kind: input.kind,
          status: 'draft',
          voters: 0,
          created_at: Date.now(),
          opened_at: null,
          closed_at: null,
        },
        // A rating poll's five ratings are its options "1"–"5"; word clouds and open polls have none.
        (input.kind === 'rating' ? ['1', '2', '3', '4', '5'] : (input.options ?? [])).map(
          (label, position) => ({
            id: newId(),
            poll_id: id,
            position,
            label,
            votes: 0,
          }),
        ),
      );
      await publishPoll(event.id, id);
      return service.pollDto(id);
    },

    async updatePoll(event: EventRow, pollId: string, patch: PollPatchInput): Promise<PollDto> {
      const p = await repo.findPoll(db, pollId);
      if (!p || p.event_id !== event.id) throw errors.notFound(what.poll);
      if (patch.question !== undefined || patch.options !== undefined) {
        if (p.status !== 'draft') throw errors.pollStarted();
        if (patch.options && p.kind !== 'single' && p.kind !== 'multiple')
          throw errors.validation({
            id: `options: jajak jenis ${p.kind} tidak memakai pilihan.`,
            en: `options: a ${p.kind} poll takes no options.`,
          });
        const upd = await repo.updatePoll(
          db,
          p.id,
          patch.question ? { question: patch.question } : { status: 'draft' },
          ['draft'],
        );
        if (Number(upd.numUpdatedRows) === 0) throw errors.pollStarted();
        if (patch.options) {
          await repo.replaceOptions(
            db,
            p.id,
            patch.options.map((label, position) => ({
              id: newId(),
              poll_id: p.id,
              position,
              label,
              votes: 0,
            })),
          );
        }
      }
      const now = Date.now();
      if (patch.status === 'open' && p.status !== 'open')
        await repo.updatePoll(db, p.id, { status: 'open', opened_at: p.opened_at ?? now, closed_at: null });
      if (patch.status === 'closed' && p.status === 'open')
        await repo.updatePoll(db, p.id, { status: 'closed', closed_at: now });
      if (patch.status === 'closed' && p.status === 'draft') throw errors.pollNotOpen();
      await publishPoll(event.id, p.id);
      const live = await repo.liveSettings(db, event.id);
      const after = (await repo.findPoll(db, p.id))!;
      if (patch.onScreen === true && after.status !== 'draft' && live.screen_poll_id !== p.id) {
        await repo.setScreen(db, event.id, { screen_poll_id: p.id });
        await publishScreen(rt, event.id);
      } else if (patch.onScreen === false && live.screen_poll_id === p.id) {
        await repo.setScreen(db, event.id, { screen_poll_id: null });
        await publishScreen(rt, event.id);
      } else if (patch.onScreen === true && after.status === 'draft') {
        throw errors.pollNotOpen();
      }
      return service.pollDto(p.id);
    },

    async deletePoll(event: EventRow, pollId: string) {
      const p = await repo.findPoll(db, pollId);
      if (!p || p.event_id !== event.id) throw errors.notFound(what.poll);
      const live = await repo.liveSettings(db, event.id);
      await repo.deletePoll(db, p.id);
      await rt.publish(event.id, async () => ({ staff: { t: 'poll.remove', d: { id: p.id } }, pub: 'same' }));
      if (live.screen_poll_id === p.id) {
        await repo.setScreen(db, event.id, { screen_poll_id: null });
        await publishScreen(rt, event.id);
      }
    },

    ...answerVoice(db, rt),

    async ballotOf(pollId: string, voter: Voter): Promise<string[]> {
      const b = await repo.ballotOf(db, [pollId], voter.key);
      return b[0] ? (JSON.parse(b[0].option_ids) as string[]) : [];
    },

    async ballotsOf(event: EventRow, voter: Voter): Promise<Record<string, string[]>> {
      const polls = await repo.listPolls(db, event.id, { includeDrafts: false });
      const rows = await repo.ballotOf(
        db,
        polls.map((p) => p.id),
        voter.key,
      );
      return Object.fromEntries(rows.map((r) => [r.poll_id, JSON.parse(r.option_ids) as string[]]));
    },
  };
  return service;
}

export type PollService = ReturnType<typeof createPollService>;
