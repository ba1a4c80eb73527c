import type { Db } from '../../db/database.js';
import type { Realtime, Rendered } from '../../realtime/realtime.js';
import type { LiveRole, QuestionDto, ScreenDto, SettingsDto } from '../../shared/realtime.js';
import { presentPolls, renderPollRow } from './qa.poll-kinds.js';
import { isPublic, PUBLIC_STATUSES, presentQuestion } from './qa.presenter.js';
import { qaRepository as repo } from './qa.repository.js';

// What the live room sees of the Q&A and polls: each update rendered for staff and for participants
// (the rule that keeps pending and dismissed questions from participants lives here), the coalesced
// vote counts, and the snapshot a joining client starts from.

export const KIND_VOTES = 'qv';
export const KIND_POLL_VOTES = 'pv';

async function renderQuestion(db: Db, id: string): Promise<Rendered | null> {
  const q = await repo.findQuestion(db, id);
  if (!q) return null;
  const [tz, live] = await Promise.all([repo.eventZone(db, q.event_id), repo.liveSettings(db, q.event_id)]);
  const dto = presentQuestion(q, tz, live.screen_question_id);
  if (isPublic(q.status)) return { staff: { t: 'q', d: dto }, pub: 'same' };
  if (q.status === 'pending') return { staff: { t: 'q', d: dto }, pub: null };
  return { staff: { t: 'q', d: dto }, pub: { t: 'q.remove', d: { id: q.id } } };
}

/** Tells the room about a question (participants see it only when it is public). */
export const publishQuestion = (rt: Realtime, eventId: string, id: string) =>
  rt.publish(eventId, (trx) => renderQuestion(trx, id));

/** Tells the room what is on screen now (a question or a poll), read in the update's transaction. */
export const publishScreen = (rt: Realtime, eventId: string) =>
  rt.publish(eventId, async (trx) => ({
    staff: { t: 'screen', d: await loadScreen(trx, eventId) },
    pub: 'same',
  }));

async function loadScreen(db: Db, eventId: string): Promise<ScreenDto> {
  const live = await repo.liveSettings(db, eventId);
  let question: QuestionDto | null = null;
  if (live.screen_question_id) {
    const q = await repo.findQuestion(db, live.screen_question_id);
    if (q && isPublic(q.status)) question = presentQuestion(q, await repo.eventZone(db, eventId), q.id);
  }
  return { question, pollId: live.screen_poll_id };
}

export async function renderPoll(db: Db, id: string): Promise<Rendered | null> {
  const p = await repo.findPoll(db, id);
  if (!p) return null;
  return renderPollRow(db, p, await repo.pollOptions(db, [id]));
}

/** What a client of `role` sees of the Q&A and polls (the live module adds the stage). */
export async function qaSnapshot(db: Db, eventId: string, role: LiveRole) {
  const [tz, live] = await Promise.all([repo.eventZone(db, eventId), repo.liveSettings(db, eventId)]);
  const rows = await repo.listQuestions(
    db,
    eventId,
    role === 'staff' ? { limit: 1000 } : { statuses: PUBLIC_STATUSES, limit: 500 },
  );
  const polls = await repo.listPolls(db, eventId, { includeDrafts: role === 'staff' });
  const options = await repo.pollOptions(
    db,
    polls.map((p) => p.id),
  );
  return {
    questions: rows.map((q) => presentQuestion(q, tz, live.screen_question_id)),
    polls: await presentPolls(db, polls, options, role),
    screen: await loadScreen(db, eventId),
    settings: {
      moderation: live.moderation,
      qaOpen: !!live.qa_open,
      openVoting: !!live.open_voting,
    } satisfies SettingsDto,
  };
}

/**
 * Vote and poll counts are churn: the realtime layer coalesces them and renders only the ids that
 * changed since the last update (a few bytes per broadcast, whatever the number of questions).
 */
export function defineQaCoalescing(rt: Realtime): void {
  rt.defineCoalesced(KIND_VOTES, async (trx, _eventId, ids) => {
    const rows = await repo.votesOf(trx, ids);
    if (!rows.length) return null;
    const staff: Record<string, number> = {};
    const pub: Record<string, number> = {};
    for (const r of rows) {
      staff[r.id] = Number(r.votes);
      if (isPublic(r.status)) pub[r.id] = Number(r.votes);
    }
    return { staff: { t: 'votes', d: staff }, pub: Object.keys(pub).length ? { t: 'votes', d: pub } : null };
  });

  rt.defineCoalesced(KIND_POLL_VOTES, async (trx, eventId, ids) => {
    const polls = await repo.listPolls(trx, eventId, { includeDrafts: false, ids });
    if (!polls.length) return null;
    const options = await repo.pollOptions(
      trx,
      polls.map((p) => p.id),
    );
    const d: Record<string, { options: Record<string, number>; voters: number }> = {};
    for (const p of polls) {
      d[p.id] = {
        voters: Number(p.voters),
        options: Object.fromEntries(
          options.filter((o) => o.poll_id === p.id).map((o) => [o.id, Number(o.votes)]),
        ),
      };
    }
    return { staff: { t: 'poll.votes', d }, pub: 'same' };
  });
}
