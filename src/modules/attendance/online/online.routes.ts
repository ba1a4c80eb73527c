import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../auth/index.js';
import { IdParams, loadEventFor } from '../../events/index.js';
import {
  AttendanceCodeBody,
  AttendanceCodeOut,
  CodeOut,
  NewCodeBody,
  SettingsBody,
  SettingsOut,
} from '../attendance.schemas.js';
import { CODE_PER_ADDRESS, codeEntryLimiter } from './limits.js';

const tags = ['attendance'];
const CodeParams = IdParams.extend({ codeId: z.string().max(40) });

/** Online presence: a participant's attendance code, the presence rule, and the codes moderators reveal. */
export const onlineApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const online = app.ctx.services.online;
  const perTicket = codeEntryLimiter(app);

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
      // A whole hall can share one address: limited per ticket; per address only against floods.
      config: { rateLimit: CODE_PER_ADDRESS },
    },
    async (req, reply) => {
      await perTicket(req);
      const event = await loadEventFor(req, db, req.params.id, 'view');
      const r = await online.enterCode(event, req.body.ticketCode, req.body.code);
      return reply.status(r.first ? 201 : 200).send({ ...r, message: r.message[req.locale] });
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
};
