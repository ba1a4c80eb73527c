import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth/index.js';
import { IdParams, loadEventFor } from '../events/index.js';
import {
  AttendanceCodeBody,
  AttendanceCodeOut,
  CodeOut,
  CorrectionBody,
  NewCodeBody,
  SettingsBody,
  SettingsOut,
  SummaryOut,
} from './attendance.schemas.js';
import { checkinApiRoutes } from './checkin/checkin.routes.js';
import { importsApiRoutes } from './imports/imports.routes.js';
import { listsApiRoutes } from './lists/lists.routes.js';

const tags = ['attendance'];
const CodeParams = IdParams.extend({ codeId: z.string().max(40) });

/**
 * The attendance API: the door (checkin/), online presence and codes, the live summary, the
 * presence rule and corrections (here), imports (imports/) and lists (lists/).
 */
export const attendanceApiRoutes: FastifyPluginAsync = async (base) => {
  await base.register(checkinApiRoutes);
  await base.register(importsApiRoutes);
  await base.register(listsApiRoutes);
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, bus } = app.ctx;
  const online = app.ctx.services.online;
  const attendance = app.ctx.services.attendance;

  app.post(
    '/api/v1/events/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Online presence: a participant enters an attendance code announced during the event',
        params: IdParams,
        body: AttendanceCodeBody,
        response: { 200: AttendanceCodeOut, 201: AttendanceCodeOut },
      },
      // A whole campus can share one address: the limit only stops scripted guessing.
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'view');
      const r = await online.enterCode(event, req.body.ticketCode, req.body.code);
      return reply.status(r.first ? 201 : 200).send({ ...r, message: r.message[req.locale] });
    },
  );

  app.get(
    '/api/v1/events/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Attendance per confirmed registration, with where each person counts',
        params: IdParams,
      },
    },
    async (req) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      return { attendance: await attendance.list(event) };
    },
  );

  app.get(
    '/api/v1/events/:id/attendance/summary',
    {
      schema: {
        tags,
        summary: 'Present in the hall and online, expected, arrivals over time',
        params: IdParams,
        response: { 200: SummaryOut },
      },
    },
    async (req) => {
      requireUser(req);
      return attendance.summary(await loadEventFor(req, db, req.params.id, 'checkin'));
    },
  );

  // Server-sent events: one small stream per open dashboard, refreshed at most ~3 times a second.
  const streams = new Set<ServerResponse>();
  app.addHook('onClose', async () => {
    for (const s of streams) s.end();
  });
  app.get(
    '/api/v1/events/:id/attendance/stream',
    { schema: { tags, summary: 'Live attendance summary (text/event-stream)', params: IdParams } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      streams.add(res);
      const send = async () => {
        if (res.writableEnded) return;
        res.write(`event: summary\ndata: ${JSON.stringify(await attendance.summary(event))}\n\n`);
      };
      let timer: NodeJS.Timeout | null = null;
      const off = bus.onEveryNode('attendance.changed', (p) => {
        if (p.eventId !== event.id || timer) return;
        timer = setTimeout(() => {
          timer = null;
          send().catch((err) => req.log.warn({ err }, 'attendance stream failed'));
        }, 300);
      });
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      res.on('close', () => {
        off();
        clearInterval(ping);
        if (timer) clearTimeout(timer);
        streams.delete(res);
      });
      await send();
    },
  );

  app.get(
    '/api/v1/events/:id/attendance/settings',
    {
      schema: {
        tags,
        summary: 'The presence rule for online participants',
        params: IdParams,
        response: { 200: SettingsOut },
      },
    },
    async (req) => {
      requireUser(req);
      return online.settings(await loadEventFor(req, db, req.params.id, 'checkin'));
    },
  );

  app.put(
    '/api/v1/events/:id/attendance/settings',
    {
      schema: {
        tags,
        summary: 'Set the presence rule',
        params: IdParams,
        body: SettingsBody,
        response: { 200: SettingsOut },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return online.saveSettings(event, req.body, user);
    },
  );

  app.get(
    '/api/v1/events/:id/attendance/codes',
    {
      schema: {
        tags,
        summary: 'Attendance codes with their windows',
        params: IdParams,
        response: { 200: z.object({ codes: z.array(CodeOut) }) },
      },
    },
    async (req) => {
      requireUser(req);
      return { codes: await online.listCodes(await loadEventFor(req, db, req.params.id, 'moderate')) };
    },
  );

  app.post(
    '/api/v1/events/:id/attendance/codes',
    {
      schema: {
        tags,
        summary: 'Reveal a new attendance code (moderators)',
        params: IdParams,
        body: NewCodeBody,
        response: { 201: CodeOut },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'moderate');
      return reply.status(201).send(await online.createCode(event, req.body, user));
    },
  );

  app.post(
    '/api/v1/events/:id/attendance/codes/:codeId/close',
    { schema: { tags, summary: 'Close a code now', params: CodeParams, response: { 200: CodeOut } } },
    async (req) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'moderate');
      return online.closeCode(event, req.params.codeId);
    },
  );

  app.post(
    '/api/v1/events/:id/attendance/corrections',
    {
      schema: {
        tags,
        summary: 'Correct one person’s attendance, with a reason (audit-logged)',
        params: IdParams,
        body: CorrectionBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return { attendance: await attendance.correct(event, req.body, user) };
    },
  );

  app.get(
    '/api/v1/events/:id/attendance/audit',
    { schema: { tags, summary: 'Attendance corrections and settings changes', params: IdParams } },
    async (req) => {
      requireUser(req);
      return { audit: await attendance.audit(await loadEventFor(req, db, req.params.id, 'organize')) };
    },
  );
};
