import type { FastifyPluginAsync } from 'fastify';
import { attendancePages } from './attendance.pages.js';
import { attendanceApiRoutes } from './attendance.routes.js';
import { checkinPages } from './checkin/checkin.pages.js';
import { participantPages } from './online/participant.pages.js';

/** The attendance module: door check-in, online presence, live counts and attendance lists. */
export const attendanceModule: FastifyPluginAsync = async (app) => {
  await app.register(attendanceApiRoutes);
  await app.register(participantPages);
  await app.register(checkinPages);
  await app.register(attendancePages);
};
