import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../auth/index.js';
import { IdParams, loadEventFor } from '../../events/index.js';
import {
  CheckinBody,
  CheckinOut,
  RosterOut,
  SearchQuery,
  SyncBody,
  SyncOut,
  WalkInWaitlistedOut,
} from '../attendance.schemas.js';

const tags = ['attendance'];

/** The door's API: scans, walk-ins, the offline queue, the roster a device keeps and search. */
export const checkinApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const checkins = app.ctx.services.checkins;
  const walkIns = app.ctx.services.walkIns;

  app.post(
    '/api/v1/events/:id/checkins',
    {
      schema: {
        tags,
        summary: 'Check a person in at the door (idempotent), or register and check in a walk-in',
        description:
          'Staff with check-in access. `first` says whether this scan was the arrival; a repeat answers who checked the person in and when. ' +
          'With a `scanId` a replayed scan answers exactly as the first time; for a walk-in the `scanId` is its id, so a replay registers no one twice. ' +
          'A walk-in the full hall can only waitlist answers 200 `result: "waitlisted"`; with no waitlist, 409 `hall_full`.',
        params: IdParams,
        body: CheckinBody,
        response: { 200: z.union([CheckinOut, WalkInWaitlistedOut]), 201: CheckinOut },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'checkin');
      const { walkIn, ...scan } = req.body;
      const r = walkIn
        ? await walkIns.walkIn(
            event,
            walkIn,
            {
              scanId: scan.scanId,
              device: scan.device,
              scannedAt: scan.scannedAt,
              sentAt: scan.sentAt,
              override: scan.override,
            },
            user,
          )
        : await checkins.checkIn(event, scan, user);
      return reply.status(r.first ? 201 : 200).send({ ...r, message: r.message[req.locale] });
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
      const results = await walkIns.sync(event, req.body.scans, req.body.device, user, req.body.sentAt);
      const l = req.locale;
      return {
        results: results.map((r) =>
          r.result === 'error'
            ? { ...r, error: { code: r.error.code, message: r.error.message[l] } }
            : { ...r, message: r.message[l] },
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
      // Speakers and officials come first: the programme's people, checked in by personId (program module).
      const [people, results] = await Promise.all([
        app.ctx.services.program.doorSearch(event, req.query.q),
        checkins.search(event, req.query.q),
      ]);
      return { results: [...people, ...results] };
    },
  );
};
