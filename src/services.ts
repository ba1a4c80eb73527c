import type { AppContext } from './context.js';
import { createAnnouncementsService } from './modules/announcements/index.js';
import {
  createAttendanceService,
  createCheckinService,
  createImportService,
  createListsService,
  createOnlineService,
  createWalkInService,
} from './modules/attendance/index.js';
import { createAuthService, createInvitesService } from './modules/auth/index.js';
import { createCertificatesService } from './modules/certificates/index.js';
import { createDemoService } from './modules/demo/index.js';
import { createEvaluationService } from './modules/evaluation/index.js';
import { createEventsManageService, createEventsService } from './modules/events/index.js';
import { createInvitationsService } from './modules/invitations/index.js';
import { createJobsService } from './modules/jobs/index.js';
import { createCaptionsService, createLiveService } from './modules/live/index.js';
import { createMediaService } from './modules/media/index.js';
import {
  createDeliveriesService,
  createMessagesService,
  createNoticesService,
  createRemindersService,
  createThanksService,
} from './modules/messages/index.js';
import { createOpsService } from './modules/ops/index.js';
import { createOrgsService } from './modules/orgs/index.js';
import { PERSONAL_DATA } from './modules/personal-data.js';
import { createProgramService } from './modules/program/index.js';
import { createPollService, createQaService } from './modules/qa/index.js';
import { createPrivacyService, createRegistrationsService } from './modules/registrations/index.js';
import { createReportsService } from './modules/reports/index.js';
import { createSeatingService } from './modules/seating/index.js';
import { createSiteService } from './modules/site/index.js';
import { createStatsService } from './modules/stats/index.js';
import { createWebhooksService } from './modules/webhooks/index.js';
import { Realtime } from './realtime/realtime.js';

/**
 * The composition root: every module's services, built once per app in dependency order and handed
 * to routes, pages and other services through `ctx.services`. Nothing else calls a `create*Service`,
 * so a service's caches and state exist once per process, not once per call site.
 */
export function buildServices(ctx: AppContext) {
  const auth = createAuthService(ctx);
  const invites = createInvitesService(ctx);
  const events = createEventsService(ctx);
  const eventsManage = createEventsManageService(ctx, { events });
  const orgs = createOrgsService(ctx);
  const program = createProgramService(ctx);
  const site = createSiteService(ctx, { events, orgs, program });
  const seating = createSeatingService(ctx);
  const registrations = createRegistrationsService(ctx, { seating });
  const privacy = createPrivacyService(ctx, registrations, PERSONAL_DATA);
  const invitations = createInvitationsService(ctx, { events, registrations, seating });
  const checkins = createCheckinService(ctx, { registrations });
  const walkIns = createWalkInService(ctx, { checkins, registrations });
  const online = createOnlineService(ctx);
  const attendance = createAttendanceService(ctx);
  const imports = createImportService(ctx);
  // The report's approval slots sign the lists too; `reports` is built further down and read only on a call.
  const lists = createListsService(ctx, { events, signers: (e) => reports.signers(e) });
  // The live room's one sequence, replay log, coalescer and socket hub on this node, shared by Q&A and live.
  const realtime = new Realtime(ctx);
  const polls = createPollService(ctx, realtime);
  const qa = createQaService(ctx, { realtime, polls });
  const live = createLiveService(ctx, { realtime, qa });
  const captions = createCaptionsService(ctx, { realtime });
  const stats = createStatsService(ctx, { registrations, qa });
  const media = createMediaService(ctx, { program });
  const evaluation = createEvaluationService(ctx, { registrations });
  const certificates = createCertificatesService(ctx, { events, registrations, evaluation, program });
  const reports = createReportsService(ctx, {
    events,
    program,
    stats,
    registrations,
    qa,
    evaluation,
    media,
    certificates,
    captions,
    lists,
  });
  const announcements = createAnnouncementsService(ctx);
  // The demo writes the seminar's whole day through these services, so it is built after them.
  const demo = createDemoService(ctx, {
    events,
    eventsManage,
    orgs,
    seating,
    registrations,
    online,
    evaluation,
    certificates,
    media,
  });
  const ops = createOpsService(ctx, { realtime });
  // The durable job queue and the outbox on it (issue 12): messages, reminders, notices.
  const jobs = createJobsService(ctx);
  ops.watchJobQueue(() => jobs.stats());
  const deliveries = createDeliveriesService(ctx, { jobs, registrations });
  const messages = createMessagesService(ctx, { deliveries });
  const reminders = createRemindersService(ctx, { deliveries });
  const webhooks = createWebhooksService(ctx, { jobs });
  const notices = createNoticesService(ctx, { messages });
  const thanks = createThanksService(ctx, { messages });
  return {
    auth,
    invites,
    events,
    eventsManage,
    orgs,
    program,
    site,
    demo,
    stats,
    seating,
    registrations,
    privacy,
    invitations,
    checkins,
    walkIns,
    online,
    attendance,
    imports,
    lists,
    qa,
    live,
    captions,
    media,
    certificates,
    reports,
    evaluation,
    announcements,
    jobs,
    deliveries,
    messages,
    reminders,
    webhooks,
    notices,
    thanks,
    ops,
  };
}

export type Services = ReturnType<typeof buildServices>;
