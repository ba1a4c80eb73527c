import { describe, expect, it } from 'vitest';
import { applyLiveMessage, emptyLiveState, PUBLIC_VIEW, STAFF_VIEW } from '../client/_live-state.js';
import type { PollDto, QuestionDto, ServerMessage, StageDto } from '../src/shared/realtime.js';

// The live room's one reducer (client/_live-state.ts): what each view keeps of the same messages.

const question = (id: string, over: Partial<QuestionDto> = {}): QuestionDto => ({
  id,
  text: `Pertanyaan ${id}`,
  channel: 'onsite',
  author: null,
  status: 'approved',
  speaker: null,
  votes: 0,
  createdAt: '2021-12-30T09:00:00+07:00',
  mergedInto: null,
  onScreen: false,
  ...over,
});
const poll = (id: string, status: PollDto['status']): PollDto => ({
  id,
  question: 'Puas?',
  kind: 'single',
  status,
  options: [
    { id: `${id}-a`, label: 'Ya', votes: 0 },
    { id: `${id}-b`, label: 'Tidak', votes: 0 },
  ],
  voters: 0,
  words: [],
  answers: [],
  rating: null,
});
const stage: StageDto = { now: null, next: null, startedAt: null, endsAt: null, serverTime: '' };
let s = 0;
const msg = <M extends ServerMessage>(t: M['t'], d: M['d']) => ({ s: ++s, t, d }) as ServerMessage;
const snapshot = (questions: QuestionDto[], polls: PollDto[]) =>
  msg('snapshot', {
    questions,
    polls,
    stage,
    screen: { question: null, pollId: null },
    settings: { moderation: 'pre', qaOpen: true, openVoting: false },
  });

describe('live state reducer', () => {
  it('public views keep approved and answered questions and opened polls; staff keep everything', () => {
    const snap = snapshot(
      [question('a'), question('p', { status: 'pending' }), question('d', { status: 'dismissed' })],
      [poll('draft', 'draft'), poll('open', 'open')],
    );
    const pub = emptyLiveState();
    expect(applyLiveMessage(pub, snap, PUBLIC_VIEW)).toBe('all');
    expect([...pub.questions.keys()]).toEqual(['a']);
    expect([...pub.polls.keys()]).toEqual(['open']);
    const staff = emptyLiveState();
    applyLiveMessage(staff, snap, STAFF_VIEW);
    expect([...staff.questions.keys()]).toEqual(['a', 'p', 'd']);
    expect([...staff.polls.keys()]).toEqual(['draft', 'open']);
  });

  it('a question leaving the public view goes from public views and from the screen', () => {
    const st = emptyLiveState();
    applyLiveMessage(st, snapshot([question('a')], []), PUBLIC_VIEW);
    applyLiveMessage(
      st,
      msg('screen', { question: question('a', { onScreen: true }), pollId: null }),
      PUBLIC_VIEW,
    );
    expect(st.questions.get('a')?.onScreen).toBe(true);
    applyLiveMessage(st, msg('q', question('a', { text: 'Diperbaiki' })), PUBLIC_VIEW);
    expect(st.screen.question?.text).toBe('Diperbaiki');
    expect(applyLiveMessage(st, msg('q', question('a', { status: 'dismissed' })), PUBLIC_VIEW)).toBe(
      'questions',
    );
    expect(st.questions.has('a')).toBe(false);
    expect(st.screen.question).toBeNull();

    const staff = emptyLiveState();
    applyLiveMessage(staff, msg('q', question('b', { status: 'dismissed' })), STAFF_VIEW);
    expect(staff.questions.get('b')?.status).toBe('dismissed');
    applyLiveMessage(staff, msg('q.remove', { id: 'b' }), STAFF_VIEW);
    expect(staff.questions.has('b')).toBe(false);
  });

  it('a draft poll never shows on a public view, an opened one does', () => {
    const st = emptyLiveState();
    expect(applyLiveMessage(st, msg('poll', poll('x', 'draft')), PUBLIC_VIEW)).toBe('polls');
    expect(st.polls.has('x')).toBe(false);
    applyLiveMessage(st, msg('poll', poll('x', 'open')), PUBLIC_VIEW);
    expect(st.polls.get('x')?.status).toBe('open');
    const staff = emptyLiveState();
    applyLiveMessage(staff, msg('poll', poll('x', 'draft')), STAFF_VIEW);
    expect(staff.polls.get('x')?.status).toBe('draft');
    applyLiveMessage(staff, msg('poll.remove', { id: 'x' }), STAFF_VIEW);
    expect(staff.polls.size).toBe(0);
  });

  it('applies coalesced counts to what it holds, including the question on screen', () => {
    const st = emptyLiveState();
    applyLiveMessage(st, snapshot([question('a'), question('b')], [poll('p', 'open')]), PUBLIC_VIEW);
    applyLiveMessage(st, msg('screen', { question: question('b'), pollId: 'p' }), PUBLIC_VIEW);
    applyLiveMessage(st, msg('votes', { a: 3, b: 5, unknown: 9 }), PUBLIC_VIEW);
    expect(st.questions.get('a')?.votes).toBe(3);
    expect(st.screen.question?.votes).toBe(5);
    expect(st.questions.has('unknown')).toBe(false);
    applyLiveMessage(st, msg('poll.votes', { p: { voters: 2, options: { 'p-a': 2 } } }), PUBLIC_VIEW);
    expect(st.polls.get('p')).toMatchObject({ voters: 2, options: [{ votes: 2 }, { votes: 0 }] });
  });

  it('stage and settings replace what was there and say so', () => {
    const st = emptyLiveState();
    const next = { ...stage, serverTime: 'x' };
    expect(applyLiveMessage(st, msg('stage', next), PUBLIC_VIEW)).toBe('stage');
    expect(st.stage).toEqual(next);
    expect(
      applyLiveMessage(
        st,
        msg('settings', { moderation: 'auto', qaOpen: false, openVoting: false }),
        PUBLIC_VIEW,
      ),
    ).toBe('settings');
    expect(st.settings.qaOpen).toBe(false);
  });
});
