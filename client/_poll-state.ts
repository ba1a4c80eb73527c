import type { CaptionDto, PollDto, ServerMessage } from '../src/shared/realtime.js';

// The reducer's part for the newer poll kinds and the captions: word clouds, open answers and caption
// lines. Called by applyLiveMessage (client/_live-state.ts) for the messages it does not handle itself.

/** How many caption lines a screen keeps (the live page shows the last few, the transcript is on the server). */
const CAPTIONS_KEPT = 20;

/** The part of the room's state these messages change. */
export interface ExtraState {
  polls: Map<string, PollDto>;
  captions: CaptionDto[];
}

type ExtraMessage = Extract<ServerMessage, { t: 'poll.words' | 'poll.answer' | 'caption' }>;

export function applyExtraMessage(state: ExtraState, m: ExtraMessage, staff: boolean): 'polls' | 'captions' {
  switch (m.t) {
    case 'poll.words':
      for (const [id, r] of Object.entries(m.d)) {
        const p = state.polls.get(id);
        if (!p) continue;
        p.voters = r.voters;
        p.words = r.words;
      }
      return 'polls';
    case 'poll.answer': {
      const p = state.polls.get(m.d.pollId);
      if (!p) return 'polls';
      const a = m.d.answer;
      const rest = p.answers.filter((x) => x.id !== a.id);
      p.answers = staff || a.status === 'approved' ? [...rest, a] : rest;
      return 'polls';
    }
    case 'caption': {
      const i = state.captions.findIndex((c) => c.id === m.d.id);
      if (i >= 0) state.captions[i] = m.d;
      else state.captions = [...state.captions, m.d].slice(-CAPTIONS_KEPT);
      return 'captions';
    }
  }
}

/** A rating poll's figures from its five options (what the coalesced counts update). */
export function ratingOf(p: PollDto): { average: number | null; count: number; distribution: number[] } {
  const distribution = [1, 2, 3, 4, 5].map((n) => p.options[n - 1]?.votes ?? 0);
  const count = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((a, b, i) => a + b * (i + 1), 0);
  return { average: count ? Math.round((sum / count) * 10) / 10 : null, count, distribution };
}
