export type EvaluationStatus = 'draft' | 'open' | 'closed';

export interface EvaluationFormsTable {
  event_id: string;
  /** JSON: the questions (see evaluation.schemas.ts `Question`). */
  questions: string;
  status: EvaluationStatus;
  opened_at: number | null;
  closed_at: number | null;
  updated_at: number;
}

export interface EvaluationResponsesTable {
  id: string;
  event_id: string;
  /** One response per registration: a unique index on (event_id, registration_id). */
  registration_id: string;
  /** JSON: { [questionId]: number | string }. */
  answers: string;
  submitted_at: number;
}

export interface EvaluationTables {
  evaluation_forms: EvaluationFormsTable;
  evaluation_responses: EvaluationResponsesTable;
}
