import type { FastifyPluginAsync } from 'fastify';
import { attendanceApiRoutes } from './attendance.routes.js';
import { checkinPages } from './checkin.pages.js';
import { participantRoutes } from './participant.routes.js';

/** The attendance module: door check-in, online presence, live counts and attendance lists. */
export const attendanceModule: FastifyPluginAsync = async (app) => {
  await app.register(attendanceApiRoutes);
  await app.register(participantRoutes);
  await app.register(checkinPages);
};
