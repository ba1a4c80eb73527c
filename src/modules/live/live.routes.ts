import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import type { SocketLimits } from '../../realtime/socket-limits.js';
import { CLOSE_NOT_ALLOWED, type LiveRole } from '../../shared/realtime.js';
import { can, type EventRow, IdParams, loadEventFor } from '../events/index.js';

const LiveQuery = z.object({
  since: z.coerce.number().int().min(0).optional(),
  as: z.enum(['public', 'staff']).default('public'),
  lang: z.enum(['id', 'en']).optional(),
});

const Person = z.object({
  id: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  institution: z.string().nullable(),
  presence: z.enum(['onsite', 'online']),
});
const Item = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  startsAt: z.string(),
  people: z.array(Person),
});
const StageOut = z.object({
  now: Item.nullable(),
  next: Item.nullable(),
  startedAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  serverTime: z.string(),
});
const SettingsOut = z.object({
  moderation: z.enum(['pre', 'auto']),
  qaOpen: z.boolean(),
  openVoting: z.boolean(),
});

const StageBody = z
  .object({
    agendaItemId: z.string().min(1).max(40).nullable(),
    timerMinutes: z.number().int().min(1).max(600).nullable().optional(),
  })
  .strict();
const SettingsBody = z
  .object({ moderation: z.enum(['pre', 'auto']), qaOpen: z.boolean(), openVoting: z.boolean() })
  .partial()
  .strict();

/** An opaque origin (`null`, from a sandboxed frame or a file) or a malformed one is never our page. */
function sameHost(origin: string, host: string | undefined): boolean {
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}

/**
 * Which view of the room the caller gets. Staff (moderators, organizers) see pending questions; a
 * cookie-session staff socket must come from our own pages (Origin = Host), so another site cannot
 * open one with the moderator's cookie.
 */
async function roleFor(req: FastifyRequest, event: EventRow, asked: LiveRole): Promise<LiveRole> {
  if (asked !== 'staff') return 'public';
  if (!(await can(req.server.ctx.db, event, req.user, 'moderate')))
    throw req.user ? errors.forbidden() : errors.unauthenticated();
  if (req.user?.via === 'session') {
    const origin = req.headers.origin;
    if (origin && !sameHost(origin, req.headers.host)) throw errors.forbidden();
  }
  return 'staff';
}

/**
 * A place under the socket caps, taken last (after every check that may refuse) and given back when
 * the TCP connection closes, whether the upgrade went through or not.
 */
function takeSocketPlace(req: FastifyRequest, limits: SocketLimits): void {
  const refused = limits.take(req.ip);
  if (refused) throw errors.liveBusy(refused);
  const socket = req.raw.socket;
  const ip = req.ip;
  if (socket.destroyed) limits.release(ip);
  else socket.once('close', () => limits.release(ip));
}

declare module 'fastify' {
  interface FastifyRequest {
    liveRoom?: { eventId: string; role: LiveRole; since: number | null };
  }
}

export const liveRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const live = app.ctx.services.live;
  const tags = ['live'];

  app.route({
    method: 'GET',
    url: '/api/v1/events/:id/live',
    schema: {
      tags,
      summary:
        'WebSocket of the live room: a snapshot (or the updates after ?since=), then every update with its sequence number; ?as=staff for moderators',
      params: IdParams,
      querystring: LiveQuery,
    },
    preValidation: async (req) => {
      // Before validation: a refused socket is answered here with the HTTP error, before the upgrade.
      const { id } = parseOrThrow(IdParams, req.params);
      const q = LiveQuery.safeParse(req.query);
      const event = await loadEventFor(req, db, id, 'view');
      const role = await roleFor(req, event, q.success ? q.data.as : 'public');
      if (req.headers.upgrade?.toLowerCase() === 'websocket') takeSocketPlace(req, live.rt.sockets);
      req.liveRoom = { eventId: event.id, role, since: q.success ? (q.data.since ?? null) : null };
    },
    handler: async (_req, reply) =>
      reply
        .status(426)
        .header('upgrade', 'websocket')
        .send({
          error: {
            code: 'upgrade_required',
            message: 'Use a WebSocket here, or GET …/live/updates?since=N to poll.',
          },
        }),
    wsHandler: (socket, req) => {
      const room = req.liveRoom;
      if (!room) {
        socket.close(CLOSE_NOT_ALLOWED, 'not allowed');
        return;
      }
      // Clients only listen; anything they send is ignored (pings are answered by the protocol).
      socket.on('message', () => undefined);
      void live.rt.hub.join(room.eventId, socket, room.role, room.since);
    },
  });

  app.get(
    '/api/v1/events/:id/live/updates',
    {
      schema: {
        tags,
        summary: 'Polling fallback when WebSockets are blocked: the messages after ?since= (or a snapshot)',
        params: IdParams,
        querystring: LiveQuery,
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'view');
      const role = await roleFor(req, event, req.query.as);
      const r = await live.rt.catchUp(event.id, role, req.query.since ?? null);
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(`{"seq":${r.seq},"messages":[${r.messages.join(',')}]}`);
    },
  );

  app.get(
    '/api/v1/events/:id/live/stage',
    {
      schema: {
        tags,
        summary: 'What is on stage now and next, with the timer',
        params: IdParams,
        response: { 200: StageOut },
      },
    },
    async (req) => live.stage(await loadEventFor(req, db, req.params.id, 'view')),
  );

  app.put(
    '/api/v1/events/:id/live/stage',
    {
      schema: {
        tags,
        summary:
          'Put a rundown item on stage (null: nothing), with a timer (minutes; default: the planned length)',
        params: IdParams,
        body: StageBody,
        response: { 200: StageOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'moderate');
      return live.setStage(event, req.body.agendaItemId, req.body.timerMinutes);
    },
  );

  for (const [path, dir] of [
    ['next', 1],
    ['previous', -1],
  ] as const) {
    app.post(
      `/api/v1/events/:id/live/stage/${path}`,
      {
        schema: {
          tags,
          summary: `Move the stage to the ${path} rundown item`,
          params: IdParams,
          response: { 200: StageOut },
        },
      },
      async (req) => live.step(await loadEventFor(req, db, req.params.id, 'moderate'), dir),
    );
  }

  app.get(
    '/api/v1/events/:id/live/settings',
    {
      schema: {
        tags,
        summary: 'Q&A settings: moderation before publishing, open or closed',
        params: IdParams,
        response: { 200: SettingsOut },
      },
    },
    async (req) => live.settings(await loadEventFor(req, db, req.params.id, 'view')),
  );

  app.patch(
    '/api/v1/events/:id/live/settings',
    {
      schema: {
        tags,
        summary: 'Change the Q&A settings',
        params: IdParams,
        body: SettingsBody,
        response: { 200: SettingsOut },
      },
    },
    async (req) => live.updateSettings(await loadEventFor(req, db, req.params.id, 'moderate'), req.body),
  );
};
