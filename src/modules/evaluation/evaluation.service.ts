import type { z } from 'zod';
import { PerEventCache } from '../../bus/per-event-cache.js';
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import { newId } from '../../shared/ids.js';
import type { EventRow } from '../events/index.js';
import type { RegistrationsService } from '../registrations/index.js';
import { evaluationRepository as repo } from './evaluation.repository.js';
import {
  defaultQuestions,
  type FormBody,
  type Question,
  questionText,
  type Results,
} from './evaluation.schemas.js';
import type { EvaluationStatus } from './evaluation.tables.js';

interface FormState {
  status: EvaluationStatus;
  questions: Question[];
  responses: number;
  openedAt: number | null;
  closedAt: number | null;
}

const parseQuestions = (s: string): Question[] => JSON.parse(s) as Question[];

/**
 * Checks one participant's answers against the form: every required question answered, Likert
 * items 1–5, choices from the list, text trimmed. Returns the clean answers or throws a 400 that
 * names the questions to fix.
 */
function validateAnswers(
  questions: Question[],
  raw: Record<string, string | number>,
): Record<string, string | number> {
  const clean: Record<string, string | number> = {};
  const problems: { id: string; en: string }[] = [];
  for (const q of questions) {
    const v = raw[q.id];
    const empty = v === undefined || (typeof v === 'string' && v.trim() === '');
    if (empty) {
      if (q.required) problems.push({ id: `"${q.label}" wajib diisi`, en: `"${q.label}" is required` });
      continue;
    }
    if (q.kind === 'likert') {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 5) {
        problems.push({
          id: `"${q.label}": pilih nilai 1–5`,
          en: `"${q.label}": choose a value from 1 to 5`,
        });
      } else clean[q.id] = n;
    } else if (q.kind === 'choice') {
      const s = String(v).trim();
      if (!q.options?.includes(s))
        problems.push({ id: `"${q.label}": pilihan tidak dikenal`, en: `"${q.label}": unknown choice` });
      else clean[q.id] = s;
    } else {
      clean[q.id] = String(v).trim().slice(0, 2000);
    }
  }
  const unknown = Object.keys(raw).filter((k) => !questions.some((q) => q.id === k) && k !== '_csrf');
  if (unknown.length)
    problems.push({
      id: `pertanyaan tidak dikenal: ${unknown.join(', ')}`,
      en: `unknown questions: ${unknown.join(', ')}`,
    });
  if (problems.length) {
    throw errors.validation(
      {
        id: `Periksa isian evaluasi: ${problems.map((p) => p.id).join('; ')}.`,
        en: `Check the evaluation: ${problems.map((p) => p.en).join('; ')}.`,
      },
      { fields: problems.length ? Object.keys(raw) : [] },
    );
  }
  return clean;
}

/** How a new question list would change the meaning of answers already given, in both languages. */
function meaningChanges(
  before: Question[],
  after: Question[],
  answers: Record<string, string | number>[],
): { id: string; en: string }[] {
  const problems: { id: string; en: string }[] = [];
  for (const q of before) {
    const given = answers.map((a) => a[q.id]).filter((v) => v !== undefined && v !== '');
    if (!given.length) continue;
    const n = given.length;
    const next = after.find((x) => x.id === q.id);
    if (!next) {
      problems.push({
        id: `"${q.label}" (dijawab ${n} orang) dihapus`,
        en: `"${q.label}" (${n} answers) is removed`,
      });
    } else if (next.kind !== q.kind) {
      problems.push({ id: `jenis "${q.label}" diganti`, en: `the kind of "${q.label}" changes` });
    } else if (next.label !== q.label) {
      problems.push({ id: `teks "${q.label}" diganti`, en: `the wording of "${q.label}" changes` });
    } else if (q.kind === 'choice') {
      const lost = [...new Set(given.map(String))].filter((o) => !(next.options ?? []).includes(o));
      if (lost.length)
        problems.push({
          id: `pilihan ${lost.map((o) => `"${o}"`).join(', ')} pada "${q.label}" sudah dipilih`,
          en: `the choices ${lost.map((o) => `"${o}"`).join(', ')} of "${q.label}" have been picked`,
        });
    }
  }
  return problems;
}

function summarize(
  status: EvaluationStatus,
  questions: Question[],
  answers: Record<string, string | number>[],
  l: 'id' | 'en',
): Results {
  return {
    status,
    responses: answers.length,
    questions: questions.map((q) => {
      const given = answers.map((a) => a[q.id]).filter((v) => v !== undefined && v !== '');
      if (q.kind === 'likert') {
        const nums = given.map(Number).filter((n) => n >= 1 && n <= 5);
        const distribution = [0, 0, 0, 0, 0];
        for (const n of nums) distribution[n - 1]!++;
        const average = nums.length
          ? Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100
          : null;
        return { ...base(q, l), answered: nums.length, average, distribution, options: null, comments: null };
      }
      if (q.kind === 'choice') {
        const labels = questionText(q, l).options;
        const options = (q.options ?? []).map((value, i) => ({
          label: labels[i] ?? value,
          count: given.filter((g) => g === value).length,
        }));
        return {
          ...base(q, l),
          answered: given.length,
          average: null,
          distribution: null,
          options,
          comments: null,
        };
      }
      const comments = given.map(String).filter((s) => s.trim().length > 0);
      return {
        ...base(q, l),
        answered: comments.length,
        average: null,
        distribution: null,
        options: null,
        comments,
      };
    }),
  };
}

const base = (q: Question, l: 'id' | 'en') => ({
  id: q.id,
  kind: q.kind,
  label: questionText(q, l).label,
  topic: q.topic,
});

/** The evaluation form of an event, the participants' answers (one each) and the results. */
export function createEvaluationService(ctx: AppContext, deps: { registrations: RegistrationsService }) {
  const { db, bus } = ctx;
  // The form is read by every confirmed ticket page; `saveQuestions` and `setStatus` (its only writers) emit
  // the drop.
  const forms = new PerEventCache<Awaited<ReturnType<typeof repo.form>>>(bus, ['evaluation.form_changed']);
  const service = {
    async form(eventId: string): Promise<FormState> {
      return {
        ...(await service.participantForm(eventId)),
        responses: await repo.countResponses(db, eventId),
      };
    },

    /**
     * The form without the count of responses, for a participant's requests (the ticket page's section, an
     * answer): counting every response of the event made each of them grow with the event (issue 16, item 5).
     */
    async participantForm(eventId: string): Promise<Omit<FormState, 'responses'>> {
      const row = await forms.get(eventId, () => repo.form(db, eventId));
      return {
        status: row?.status ?? 'draft',
        questions: row ? parseQuestions(row.questions) : defaultQuestions(),
        openedAt: row?.opened_at ?? null,
        closedAt: row?.closed_at ?? null,
      };
    },

    /**
     * Replaces the questions. Before any answer anything goes. Once answers exist, a question that has
     * been answered keeps its meaning: it cannot be removed, change kind or wording, or lose a choice
     * someone picked. Reordering, new questions, more choices, topic and required stay possible.
     */
    async saveQuestions(event: EventRow, body: z.output<typeof FormBody>): Promise<FormState> {
      const current = await service.form(event.id);
      if (current.responses > 0) {
        const answers = (await repo.responses(db, event.id)).map(
          (r) => JSON.parse(r.answers) as Record<string, string | number>,
        );
        const problems = meaningChanges(current.questions, body.questions, answers);
        if (problems.length) {
          throw errors.evaluationQuestionAnswered(problems);
        }
      }
      await repo.upsertForm(db, {
        event_id: event.id,
        questions: JSON.stringify(body.questions),
        status: current.status,
        opened_at: current.openedAt,
        closed_at: current.closedAt,
        updated_at: Date.now(),
      });
      await bus.emit('evaluation.form_changed', { eventId: event.id });
      return service.form(event.id);
    },

    async setStatus(event: EventRow, status: 'open' | 'closed'): Promise<FormState> {
      const current = await service.form(event.id);
      const now = Date.now();
      await repo.upsertForm(db, {
        event_id: event.id,
        questions: JSON.stringify(current.questions),
        status,
        opened_at: status === 'open' ? (current.openedAt ?? now) : current.openedAt,
        closed_at: status === 'closed' ? now : null,
        updated_at: now,
      });
      await bus.emit('evaluation.form_changed', { eventId: event.id });
      return service.form(event.id);
    },

    /** The participant behind a ticket code, if the ticket is confirmed for this event. */
    async participant(ticketCode: string) {
      const reg = await deps.registrations.findByTicketCode(ticketCode);
      if (reg?.status !== 'confirmed') throw errors.notFound(what.ticket);
      return reg;
    },

    /** One response per registration: the unique index decides, so two taps at once store one. */
    async submit(eventId: string, registrationId: string, raw: Record<string, string | number>) {
      const form = await service.participantForm(eventId);
      if (form.status !== 'open') throw errors.evaluationNotOpen();
      const answers = validateAnswers(form.questions, raw);
      try {
        await repo.insertResponse(db, {
          id: newId(),
          event_id: eventId,
          registration_id: registrationId,
          answers: JSON.stringify(answers),
          submitted_at: Date.now(),
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw errors.evaluationDone();
        throw err;
      }
      await ctx.bus.emit('evaluation.submitted', { eventId, registrationId });
      return answers;
    },

    submitted: async (registrationId: string) => !!(await repo.responseOf(db, registrationId)),

    /** The results, built-in questions in `l` (English pages and the English report). */
    async results(eventId: string, l: 'id' | 'en' = 'id'): Promise<Results> {
      const form = await service.form(eventId);
      const rows = await repo.responses(db, eventId);
      return summarize(
        form.status,
        form.questions,
        rows.map((r) => JSON.parse(r.answers) as Record<string, string | number>),
        l,
      );
    },

    /** Registrations of the event that filled in the evaluation (the certificate rule). */
    respondedIds: (eventId: string): Promise<Set<string>> => repo.respondedIds(db, eventId),
  };
  return service;
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
