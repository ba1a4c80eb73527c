import type { FastifyPluginAsync } from 'fastify';
import { evaluationEditor } from './evaluation.editor.js';
import { evaluationPages } from './evaluation.pages.js';
import { evaluationParticipant } from './evaluation.participant.js';
import { evaluationApiRoutes } from './evaluation.routes.js';

/** The evaluation module: the form API, the participant's form on the ticket page, the console pages. */
export const evaluationModule: FastifyPluginAsync = async (app) => {
  await app.register(evaluationApiRoutes);
  await app.register(evaluationParticipant);
  await app.register(evaluationPages);
  await app.register(evaluationEditor);
};
