import { errors } from '../../../errors.js';
import type { Question, RegisterData } from '../registrations.schemas.js';

/** Checks the answers to the organizer's questions; unknown keys are dropped, choices must be offered ones. */
export function checkAnswers(
  questions: Question[],
  answers: RegisterData['answers'],
  enforceRequired: boolean,
) {
  const out: Record<string, string | string[]> = {};
  for (const q of questions) {
    const a = answers?.[q.id];
    const empty = a === undefined || (typeof a === 'string' ? a === '' : a.length === 0);
    if (empty) {
      if (q.required && enforceRequired) {
        throw errors.validation({
          id: `Pertanyaan "${q.label}" wajib dijawab.`,
          en: `The question "${q.label}" must be answered.`,
        });
      }
      continue;
    }
    const values = typeof a === 'string' ? [a] : a!;
    if (q.kind !== 'text' && values.some((v) => !q.options.includes(v))) {
      throw errors.validation({
        id: `Pilih jawaban yang tersedia untuk "${q.label}".`,
        en: `Choose one of the offered answers for "${q.label}".`,
      });
    }
    if (q.kind === 'choice' && values.length > 1) {
      throw errors.validation({
        id: `Pilih satu jawaban untuk "${q.label}".`,
        en: `Choose one answer for "${q.label}".`,
      });
    }
    out[q.id] = q.kind === 'multi' ? values : values[0]!;
  }
  return out;
}
