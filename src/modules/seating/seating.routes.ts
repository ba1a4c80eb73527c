import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { fullName } from '../../shared/names.js';
import { IdParams, loadEventFor } from '../events/index.js';
import { type ComputedPlan, DISTANCING_KINDS, PlanInput } from './seating.layout.js';
import type { PlanView } from './seating.service.js';

const tags = ['seating'];

const SeatOut = z.object({
  label: z.string(),
  row: z.number(),
  seat: z.number(),
  kind: z.enum(['usable', 'reserved', 'empty', 'blocked']),
  holder: z
    .object({ kind: z.enum(['registration', 'invitation']), id: z.string(), name: z.string() })
    .nullable(),
});
const PlanOut = z.object({
  layout: z.object({
    rows: z.array(z.number()),
    aisles: z.array(z.number()),
    blocked: z.array(z.string()),
    reserved: z.array(z.string()),
  }),
  rule: z.object({ kind: z.enum(DISTANCING_KINDS), seatGap: z.number(), rowGap: z.number() }),
  capacity: z.number(),
  usable: z.number(),
  reserved: z.number(),
  taken: z.number(),
  seats: z.array(SeatOut),
});
const PreviewOut = PlanOut.omit({ layout: true, rule: true, taken: true });

function presentSeats(computed: ComputedPlan, holders?: PlanView['holders']) {
  return computed.cells.flat().map((c) => {
    const h = holders?.get(c.label);
    return {
      label: c.label,
      row: c.row,
      seat: c.seat,
      kind: c.kind,
      holder: h ? { kind: h.kind, id: h.id, name: fullName(h) } : null,
    };
  });
}

export const seatingApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const seating = app.ctx.services.seating;

  const planOf = async (eventId: string) => {
    const v = await seating.view(eventId);
    if (!v) throw errors.notFound(what.seatPlan);
    return {
      layout: v.layout,
      rule: v.rule,
      capacity: v.computed.capacity,
      usable: v.computed.usable.length,
      reserved: v.computed.reserved.length,
      taken: v.holders.size,
      seats: presentSeats(v.computed, v.holders),
    };
  };

  app.get(
    '/api/v1/events/:id/seat-plan',
    {
      schema: {
        tags,
        summary: 'The seat plan with who sits where (organizers, door staff)',
        params: IdParams,
        response: { 200: PlanOut },
      },
    },
    async (req) => planOf((await loadEventFor(req, db, req.params.id, 'checkin')).id),
  );

  app.put(
    '/api/v1/events/:id/seat-plan',
    {
      schema: {
        tags,
        summary:
          'Draw the hall (rows, aisles, blocked and guest seats) with a distancing rule; sets the hall capacity',
        params: IdParams,
        body: PlanInput,
        response: { 200: PlanOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await seating.save(event, req.body);
      return planOf(event.id);
    },
  );

  app.post(
    '/api/v1/events/:id/seat-plan/preview',
    {
      schema: {
        tags,
        summary: 'Compute a plan without saving it',
        params: IdParams,
        body: PlanInput,
        response: { 200: PreviewOut },
      },
    },
    async (req) => {
      await loadEventFor(req, db, req.params.id, 'organize');
      const c = seating.preview(req.body);
      return {
        capacity: c.capacity,
        usable: c.usable.length,
        reserved: c.reserved.length,
        seats: presentSeats(c),
      };
    },
  );

  app.delete(
    '/api/v1/events/:id/seat-plan',
    {
      schema: {
        tags,
        summary: 'Remove the seat plan (clears every seat assignment)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await seating.remove(await loadEventFor(req, db, req.params.id, 'organize'));
      return reply.status(204).send(null);
    },
  );
};
