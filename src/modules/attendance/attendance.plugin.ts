import type { FastifyPluginAsync } from 'fastify';
import { attendancePages } from './attendance.pages.js';
import { attendanceApiRoutes } from './attendance.routes.js';
import { checkinPages } from './checkin/checkin.pages.js';
import { checkinApiRoutes } from './checkin/checkin.routes.js';
import { importPages } from './imports/imports.pages.js';
import { importsApiRoutes } from './imports/imports.routes.js';
import { listsApiRoutes } from './lists/lists.routes.js';
import { codesPages } from './online/codes.pages.js';
import { onlineRepository } from './online/online.repository.js';
import { onlineApiRoutes } from './online/online.routes.js';
import { participantPages } from './online/participant.pages.js';

/**
 * The attendance module: door check-in and walk-ins (checkin/), online presence and attendance codes
 * (online/), meeting-report imports (imports/), the daftar hadir files (lists/), and at the root the
 * organizer's live summary, per-person list and corrections.
 */
export const attendanceModule: FastifyPluginAsync = async (app) => {
  // Codes planned for moments of the rundown move with the event's start (events service, edit).
  app.ctx.eventShifts.push({
    label: { id: 'kode presensi', en: 'attendance codes' },
    count: onlineRepository.countCodes,
    shift: onlineRepository.shiftCodes,
  });
  await app.register(checkinApiRoutes);
  await app.register(importsApiRoutes);
  await app.register(listsApiRoutes);
  await app.register(onlineApiRoutes);
  await app.register(attendanceApiRoutes);
  await app.register(participantPages);
  await app.register(checkinPages);
  await app.register(attendancePages);
  await app.register(codesPages);
  await app.register(importPages);
};
