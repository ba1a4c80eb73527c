import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../auth/index.js';
import { IdParams, loadEventFor } from '../events/index.js';
import { CorrectionBody, SummaryOut } from './attendance.schemas.js';

const tags = ['attendance'];

/** The organizer's attendance API: the per-person list, the live summary and its stream, corrections and their log. */
export const attendanceApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, bus } = app.ctx;
  const attendance = app.ctx.services.attendance;

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
  // The streams' summary, computed once per event per change and shared by every dashboard open on this
  // node (at 20,000 people one summary is ~35 ms; ten open dashboards would each redo it on every scan).
  // Dropped on the changes that move its numbers, and after STREAM_TTL so a change made without an event
  // (a bulk import straight into the table) shows within seconds.
  const STREAM_TTL = 15_000;
  const shared = new Map<string, { at: number; summary: ReturnType<typeof attendance.summary> }>();
  const drop = (p: { eventId: string }) => void shared.delete(p.eventId);
  for (const off of [
    bus.onEveryNode('attendance.changed', drop),
    bus.onEveryNode('registration.created', drop),
    bus.onEveryNode('registration.cancelled', drop),
    bus.onEveryNode('registration.promoted', drop),
    bus.onEveryNode('registration.changed', drop),
  ])
    app.addHook('onClose', async () => off());
  function streamSummary(event: Parameters<typeof attendance.summary>[0]) {
    const hit = shared.get(event.id);
    if (hit && Date.now() - hit.at < STREAM_TTL) return hit.summary;
    const summary = attendance.summary(event);
    shared.set(event.id, { at: Date.now(), summary });
    summary.catch(() => shared.delete(event.id));
    return summary;
  }
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
        res.write(`event: summary\ndata: ${JSON.stringify(await streamSummary(event))}\n\n`);
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
