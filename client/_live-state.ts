import type {
  CaptionDto,
  PollDto,
  QuestionDto,
  ScreenDto,
  ServerMessage,
  SettingsDto,
  StageDto,
} from '../src/shared/realtime.js';
import { applyExtraMessage } from './_poll-state.js';

// The one reducer of the live room's messages (src/shared/realtime.ts), shared by the live page, the
// projector and overlay, and the moderation console. No DOM and no I/O: each island applies a message
// here, then renders what changed its own way.

/** What one view of the room keeps: participants' screens and staff see different things. */
export interface LiveView {
  keepQuestion(q: QuestionDto): boolean;
  keepPoll(p: PollDto): boolean;
}

const isPublic = (q: QuestionDto) => q.status === 'approved' || q.status === 'answered';

/**
 * The live page, the speaker's phone, the projector and the overlay: approved and answered questions,
 * and polls once opened (never drafts). The server sends participants nothing else; the filter says
 * so here, so what a view shows is a decision rather than an accident of what happens to arrive.
 */
export const PUBLIC_VIEW: LiveView = { keepQuestion: isPublic, keepPoll: (p) => p.status !== 'draft' };

/** The moderation console: every question (pending, dismissed and merged too) and draft polls. */
export const STAFF_VIEW: LiveView = { keepQuestion: () => true, keepPoll: () => true };

export interface LiveState {
  questions: Map<string, QuestionDto>;
  polls: Map<string, PollDto>;
  screen: ScreenDto;
  settings: SettingsDto;
  stage: StageDto | null;
  captions: CaptionDto[];
}

export const emptyLiveState = (): LiveState => ({
  questions: new Map(),
  polls: new Map(),
  screen: { question: null, pollId: null },
  settings: { moderation: 'pre', qaOpen: true, openVoting: false },
  stage: null,
  captions: [],
});

/** What a message changed, so an island redraws only that (`all`: a snapshot replaced everything). */
export type LiveChange = 'all' | 'questions' | 'polls' | 'screen' | 'stage' | 'settings' | 'captions';

/** Applies one message to the state (in place: a hall of thousands sends many small updates). */
export function applyLiveMessage(state: LiveState, m: ServerMessage, view: LiveView): LiveChange {
  switch (m.t) {
    case 'snapshot':
      state.questions = new Map(m.d.questions.filter(view.keepQuestion).map((q) => [q.id, q]));
      state.polls = new Map(m.d.polls.filter(view.keepPoll).map((p) => [p.id, p]));
      state.screen = m.d.screen;
      state.settings = m.d.settings;
      state.stage = m.d.stage;
      state.captions = m.d.captions ?? [];
      return 'all';
    case 'q':
      if (view.keepQuestion(m.d)) state.questions.set(m.d.id, m.d);
      else state.questions.delete(m.d.id);
      // The question on screen changed (edited, answered) or left the public view.
      if (state.screen.question?.id === m.d.id)
        state.screen = { ...state.screen, question: isPublic(m.d) ? m.d : null };
      return 'questions';
    case 'q.remove':
      state.questions.delete(m.d.id);
      if (state.screen.question?.id === m.d.id) state.screen = { ...state.screen, question: null };
      return 'questions';
    case 'votes':
      for (const [id, n] of Object.entries(m.d)) {
        const q = state.questions.get(id);
        if (q) q.votes = n;
        if (state.screen.question?.id === id) state.screen.question.votes = n;
      }
      return 'questions';
    case 'poll':
      if (view.keepPoll(m.d)) state.polls.set(m.d.id, m.d);
      else state.polls.delete(m.d.id);
      return 'polls';
    case 'poll.remove':
      state.polls.delete(m.d.id);
      return 'polls';
    case 'poll.votes':
      for (const [id, r] of Object.entries(m.d)) {
        const p = state.polls.get(id);
        if (!p) continue;
        p.voters = r.voters;
        for (const o of p.options) o.votes = r.options[o.id] ?? o.votes;
      }
      return 'polls';
    case 'screen':
      state.screen = m.d;
      for (const q of state.questions.values()) q.onScreen = q.id === m.d.question?.id;
      return 'screen';
    case 'stage':
      state.stage = m.d;
      return 'stage';
    case 'settings':
      state.settings = m.d;
      return 'settings';
    case 'batch': {
      // One window's counts of several kinds: each part as if it came alone, under the batch's number.
      let change: LiveChange = 'polls';
      for (const part of m.d) {
        const c = applyLiveMessage(state, { ...part, s: m.s } as ServerMessage, view);
        if (c === 'questions') change = c;
      }
      return change;
    }
    case 'poll.words':
    case 'poll.answer':
    case 'caption':
      // Word clouds, open answers and captions (client/_poll-state.ts).
      return applyExtraMessage(state, m, view === STAFF_VIEW);
  }
}
