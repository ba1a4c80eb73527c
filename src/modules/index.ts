import type { FastifyPluginAsync } from 'fastify';
import { announcementsModule } from './announcements/index.js';
import { attendanceModule } from './attendance/index.js';
import { authModule } from './auth/index.js';
import { certificatesPlugin } from './certificates/index.js';
import { consoleModule } from './console/index.js';
import { evaluationModule } from './evaluation/index.js';
import { eventsPlugin } from './events/index.js';
import { invitationsModule } from './invitations/index.js';
import { jobsModule } from './jobs/index.js';
import { livePlugin } from './live/index.js';
import { mediaPlugin } from './media/index.js';
import { messagesModule } from './messages/index.js';
import { opsModule } from './ops/index.js';
import { orgsPlugin } from './orgs/index.js';
import { programPlugin } from './program/index.js';
import { qaPlugin } from './qa/index.js';
import { registrationsModule } from './registrations/index.js';
import { reportsPlugin } from './reports/index.js';
import { seatingModule } from './seating/index.js';
import { siteModule } from './site/index.js';
import { statsPlugin } from './stats/index.js';
import { webhooksModule } from './webhooks/index.js';

/** Every domain module's Fastify plugin, in registration order. */
export const modules: FastifyPluginAsync[] = [
  authModule,
  eventsPlugin,
  programPlugin,
  statsPlugin,
  orgsPlugin,
  siteModule,
  consoleModule,
  attendanceModule,
  qaPlugin,
  livePlugin,
  registrationsModule,
  seatingModule,
  invitationsModule,
  evaluationModule,
  certificatesPlugin,
  mediaPlugin,
  reportsPlugin,
  announcementsModule,
  messagesModule,
  webhooksModule,
  // Last: the worker starts once every module has said what it works on.
  jobsModule,
  opsModule,
];
