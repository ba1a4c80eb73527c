import type { AppContext } from '../../context.js';
import { errors, what } from '../../errors.js';
import type { Realtime } from '../../realtime/realtime.js';
import { newId } from '../../shared/ids.js';
import type { LiveRole, PollDto } from '../../shared/realtime.js';
import type { EventRow } from '../events/index.js';
import { presentPoll } from './qa.presenter.js';
import { KIND_POLL_VOTES, publishScreen, renderPoll } from './qa.render.js';
import { AlreadyVoted, qaRepository as repo } from './qa.repository.js';
import type { PollInput, PollPatchInput } from './qa.schemas.js';
import type { Voter } from './qa.voter.js';

/**
 * Polls: drafts, open and close, the screen, one ballot per participant. Built in src/services.ts and
 * handed to the Q&A service, which offers these methods as its own.
 */
export function createPollService(ctx: AppContext, rt: Realtime) {
  const { db } = ctx;
  const publishPoll = (eventId: string, id: string) => rt.publish(eventId, (trx) => renderPoll(trx, id));

  const service = {
    async listPolls(event: EventRow, role: LiveRole): Promise<PollDto[]> {
      const polls = await repo.listPolls(db, event.id, { includeDrafts: role === 'staff' });
      const options = await repo.pollOptions(
        db,
        polls.map((p) => p.id),
      );
      return polls.map((p) => presentPoll(p, options));
    },

    async pollDto(id: string): Promise<PollDto> {
      const p = (await repo.findPoll(db, id))!;
      return presentPoll(p, await repo.pollOptions(db, [id]));
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
        input.options.map((label, position) => ({ id: newId(), poll_id: id, position, label, votes: 0 })),
      );
      await publishPoll(event.id, id);
      return service.pollDto(id);
    },

    async updatePoll(event: EventRow, pollId: string, patch: PollPatchInput): Promise<PollDto> {
      const p = await repo.findPoll(db, pollId);
      if (!p || p.event_id !== event.id) throw errors.notFound(what.poll);
      if (patch.question !== undefined || patch.options !== undefined) {
        if (p.status !== 'draft') throw errors.pollStarted();
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

    async votePoll(pollId: string, voter: Voter, optionIds: string[]) {
      const p = await repo.findPoll(db, pollId);
      if (!p || p.status === 'draft') throw errors.notFound(what.poll);
      if (p.status !== 'open') throw errors.pollNotOpen();
      const ids = [...new Set(optionIds)];
      const known = new Set((await repo.pollOptions(db, [p.id])).map((o) => o.id));
      if (ids.some((id) => !known.has(id)) || (p.kind === 'single' && ids.length !== 1)) {
        throw errors.validation({
          id:
            p.kind === 'single'
              ? 'optionIds: pilih tepat satu pilihan dari jajak pendapat ini.'
              : 'optionIds: pilih dari pilihan jajak pendapat ini.',
          en:
            p.kind === 'single'
              ? 'optionIds: choose exactly one option of this poll.'
              : 'optionIds: choose among the options of this poll.',
        });
      }
      try {
        const r = await repo.castBallot(db, p.id, voter.key, ids);
        if (r === 'closed') throw errors.pollNotOpen();
      } catch (err) {
        if (err instanceof AlreadyVoted)
          return { pollId: p.id, counted: false, optionIds: await service.ballotOf(p.id, voter) };
        throw err;
      }
      rt.touch(KIND_POLL_VOTES, p.event_id, p.id);
      return { pollId: p.id, counted: true, optionIds: ids };
    },

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
