import type { FastifyPluginAsync } from 'fastify';
import { livePages } from './live.pages.js';
import { liveRoutes } from './live.routes.js';

export { createLiveService, type LiveService, liveSnapshot, loadRundown, loadStage } from './live.service.js';

/** The live room: API and WebSocket, then the pages (live, projector, overlay, console, speaker). */
export const liveModule: FastifyPluginAsync = async (app) => {
  await app.register(liveRoutes);
  await app.register(livePages);
};
