import { fullName } from '../../shared/names.js';
import type { PollDto, QuestionDto, QuestionStatus } from '../../shared/realtime.js';
import { isoInZone } from '../../shared/time.js';
import type { PollOptionRow, PollRow, QuestionWithSpeaker } from './qa.repository.js';

export const PUBLIC_STATUSES: QuestionStatus[] = ['approved', 'answered'];
export const isPublic = (s: QuestionStatus) => PUBLIC_STATUSES.includes(s);

export function presentQuestion(q: QuestionWithSpeaker, tz: string, screenId: string | null): QuestionDto {
  return {
    id: q.id,
    text: q.text,
    channel: q.channel,
    author: q.anonymous ? null : q.author_name,
    status: q.status,
    speaker:
      q.speaker_id && q.sp_name
        ? {
            id: q.speaker_id,
            name: fullName({ frontTitles: q.sp_front, name: q.sp_name, backTitles: q.sp_back }),
          }
        : null,
    votes: Number(q.votes),
    createdAt: isoInZone(Number(q.created_at), tz),
    mergedInto: q.merged_into,
    onScreen: screenId === q.id,
  };
}

/** What the newer kinds add (qa.poll-kinds.ts loads it): a word cloud's words, an open poll's answers. */
export interface PollExtra {
  words: PollDto['words'];
  answers: PollDto['answers'];
}

export function presentPoll(p: PollRow, options: PollOptionRow[], extra?: PollExtra): PollDto {
  const opts = options
    .filter((o) => o.poll_id === p.id)
    .sort((a, b) => a.position - b.position)
    .map((o) => ({ id: o.id, label: o.label, votes: Number(o.votes) }));
  return {
    id: p.id,
    question: p.question,
    kind: p.kind,
    status: p.status,
    options: opts,
    voters: Number(p.voters),
    words: extra?.words ?? [],
    answers: extra?.answers ?? [],
    // A rating poll keeps its five ratings as options "1"–"5": counted by the same ballots and coalescing.
    rating: p.kind === 'rating' ? ratingOf(opts.map((o) => o.votes)) : null,
  };
}

function ratingOf(distribution: number[]) {
  const count = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((a, b, i) => a + b * (i + 1), 0);
  return { average: count ? Math.round((sum / count) * 100) / 100 : null, count, distribution };
}
