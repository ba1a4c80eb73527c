import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import { requireUser } from '../auth/auth.plugin.js';
import { IdParams, loadEventFor } from '../events/index.js';
import {
  AttendanceCodeBody,
  AttendanceCodeOut,
  CheckinBody,
  CheckinOut,
  CodeOut,
  CorrectionBody,
  ImportJsonBody,
  ListParams,
  ListQuery,
  NewCodeBody,
  ResolveRowBody,
  RosterOut,
  SearchQuery,
  SettingsBody,
  SettingsOut,
  SummaryOut,
  SyncBody,
  SyncOut,
} from './attendance.schemas.js';
import { createAttendanceService } from './attendance.service.js';
import { type CheckinResult, createCheckinService } from './checkin.service.js';
import { createImportService } from './import.service.js';
import { buildList, listFilename, listPdf, listXlsx } from './lists.js';
import { createOnlineService } from './online.service.js';

const tags = ['attendance'];
const CodeParams = IdParams.extend({ codeId: z.string().max(40) });
const ImportParams = IdParams.extend({ importId: z.string().max(40) });

export const attendanceApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, bus } = app.ctx;
  const checkins = createCheckinService(app.ctx);
  const online = createOnlineService(app.ctx);
  const attendance = createAttendanceService(app.ctx);
  const imports = createImportService(app.ctx);

  const say = (r: CheckinResult, l: 'id' | 'en') => ({ ...r, message: r.message[l] });

  app.post(
    '/api/v1/events/:id/checkins',
    {
      schema: {
        tags,
        summary: 'Check a person in at the door (idempotent), or register and check in a walk-in',
        description:
          'Staff with check-in access. `first` says whether this scan was the arrival; a repeat answers who checked the person in and when. ' +
          'With a `scanId` a replayed scan answers exactly as the first time.',
        params: IdParams,
        body: CheckinBody,
        response: { 200: CheckinOut, 201: CheckinOut },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      const { walkIn, ...scan } = req.body;
      const r = walkIn
        ? await checkins.walkIn(event, walkIn, { scanId: scan.scanId, device: scan.device }, user)
        : await checkins.checkIn(event, scan, user);
      return reply.status(r.first ? 201 : 200).send(say(r, req.locale));
    },
  );

  app.post(
    '/api/v1/events/:id/checkins/sync',
    {
      schema: {
        tags,
        summary: "Replay a device's offline queue of scans (each answered on its own; replays count once)",
        params: IdParams,
        body: SyncBody,
        response: { 200: SyncOut },
      },
      bodyLimit: 1024 * 1024,
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      const results = await checkins.sync(event, req.body.scans, req.body.device, user);
      const l = req.locale;
      return {
        results: results.map((r) =>
          r.result === 'error'
            ? { ...r, error: { code: r.error.code, message: r.error.message[l] } }
            : say(r, l),
        ),
        counts: await checkins.counts(event),
      };
    },
  );

  app.get(
    '/api/v1/events/:id/checkins/roster',
    {
      schema: {
        tags,
        summary: 'The list a door device keeps for offline check-in',
        params: IdParams,
        response: { 200: RosterOut },
      },
    },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      reply.header('cache-control', 'no-store');
      return checkins.roster(event);
    },
  );

  app.get(
    '/api/v1/events/:id/checkins/search',
    {
      schema: {
        tags,
        summary: 'Find a registration by name, phone or e-mail',
        params: IdParams,
        querystring: SearchQuery,
      },
    },
    async (req) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      return { results: await checkins.search(event, req.query.q) };
    },
  );

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

  app.post(
    '/api/v1/events/:id/attendance/imports',
    {
      schema: {
        tags,
        summary: 'Import a Zoom or Google Meet participant report (CSV, JSON `{csv}` or a multipart file)',
        description:
          'Rows are matched to registrations by e-mail, then by name; unmatched rows wait for review.',
        params: IdParams,
      },
      bodyLimit: 6 * 1024 * 1024,
    },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      let csv: string;
      let filename: string | null = null;
      if (req.isMultipart()) {
        const file = await req.file();
        if (!file)
          throw errors.validation({
            id: 'Pilih berkas CSV laporan peserta.',
            en: 'Choose the participant report CSV file.',
          });
        csv = (await file.toBuffer()).toString('utf8');
        filename = file.filename.slice(0, 200);
      } else {
        const body = parseOrThrow(ImportJsonBody, req.body);
        csv = body.csv;
        filename = body.filename ?? null;
      }
      return reply.status(201).send(await imports.importReport(event, csv, filename, user));
    },
  );

  app.get(
    '/api/v1/events/:id/attendance/imports',
    { schema: { tags, summary: 'Imported meeting reports', params: IdParams } },
    async (req) => {
      requireUser(req);
      return { imports: await imports.list(await loadEventFor(req, db, req.params.id, 'organize')) };
    },
  );

  app.get(
    '/api/v1/events/:id/attendance/imports/:importId',
    { schema: { tags, summary: 'One import with its matched and unmatched rows', params: ImportParams } },
    async (req) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return imports.present(event, req.params.importId);
    },
  );

  app.post(
    '/api/v1/events/:id/attendance/imports/:importId/rows/:rowId',
    {
      schema: {
        tags,
        summary: 'Review an imported row: assign it to a registration, or ignore it (null)',
        params: ImportParams.extend({ rowId: z.string().max(40) }),
        body: ResolveRowBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return imports.resolveRow(event, req.params.importId, req.params.rowId, req.body.registrationId, user);
    },
  );

  app.get(
    '/api/v1/events/:id/attendance/lists/:list',
    {
      schema: {
        tags,
        summary: 'Daftar hadir (hall, online, speakers, committee) as PDF or XLSX',
        params: ListParams,
        querystring: ListQuery,
      },
    },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const list = await buildList(db, event, req.params.list, req.query.only ?? 'all');
      const format = req.query.format;
      const body = format === 'pdf' ? Buffer.from(await listPdf(list)) : await listXlsx(list);
      return reply
        .type(
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="${listFilename(list, format)}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};
