import type { PersonalDataPart } from '../registrations/index.js';
import { evaluationPersonalRepository as repo } from './personal.repository.js';

const parse = (s: string | null): unknown => {
  try {
    return s ? JSON.parse(s) : null;
  } catch {
    return null;
  }
};

/**
 * The evaluation's part of "Data saya" and erasure. The answers stay in the results (the report averages them)
 * and name no one once the registration is blanked, so the erasure has nothing of its own to remove.
 */
export const evaluationPersonalData: PersonalDataPart = {
  key: 'evaluation',
  tables: { evaluation_responses: ['registration_id', 'answers'] },
  async copy(db, who) {
    const r = await repo.copy(db, who.eventId, who.registrationId);
    if (!r) return null;
    const answers = (parse(r.answers) ?? {}) as Record<string, unknown>;
    const questions = (parse(r.questions) ?? []) as { id: string; label?: unknown }[];
    return {
      submittedAt: new Date(Number(r.submitted_at)).toISOString(),
      answers: questions
        .filter((q) => answers[q.id] !== undefined)
        .map((q) => ({ question: q.label ?? q.id, answer: answers[q.id] })),
    };
  },
  erase: async () => {},
};
