export { evaluationPersonalData } from './evaluation.personal.js';
export { evaluationModule } from './evaluation.plugin.js';
export type { Question, Results } from './evaluation.schemas.js';
export { createEvaluationService, type EvaluationService } from './evaluation.service.js';
