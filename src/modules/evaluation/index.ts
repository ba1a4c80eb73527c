export { evaluationRoutes } from './evaluation.routes.js';
export type { Question, Results } from './evaluation.schemas.js';
export { evaluationService, summarize } from './evaluation.service.js';

import type { Db } from '../../db/database.js';
import { evaluationService } from './evaluation.service.js';

/** Registrations of the event that filled in the evaluation (for the certificate rule). */
export const respondedRegistrationIds = (db: Db, eventId: string): Promise<Set<string>> =>
  evaluationService.respondedIds(db, eventId);
export const evaluationResults = (db: Db, eventId: string) => evaluationService.results(db, eventId);
