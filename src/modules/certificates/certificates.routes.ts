import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { IdParam } from '../../http/params.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { presentCertificate } from './certificates.presenter.js';
import { CERT_ROLES, CertificateOut, IssueBody, OverrideBody } from './certificates.schemas.js';
import type { CertificatesService } from './certificates.service.js';

const tags = ['certificates'];

/** Issuing for an event: by rule, as a background job, by override; the candidates; the ZIP. */
export function registerIssueRoutes(base: Parameters<FastifyPluginAsync>[0], svc: CertificatesService) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  app.get(
    '/api/v1/events/:id/certificates',
    {
      schema: {
        tags,
        summary: 'Certificates issued for the event',
        params: IdParam,
        response: { 200: z.object({ certificates: z.array(CertificateOut) }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return {
        certificates: (await svc.list(event)).map((c) => presentCertificate(svc, c, event, req.locale)),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/certificates',
    {
      schema: {
        tags,
        summary: 'Issue certificates by the eligibility rule to everyone eligible and not yet issued',
        params: IdParam,
        body: IssueBody.optional(),
        response: {
          200: z.object({
            issued: z.number(),
            alreadyIssued: z.number(),
            notEligible: z.number(),
            byRole: z.record(
              z.string(),
              z.object({ issued: z.number(), alreadyIssued: z.number(), notEligible: z.number() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return svc.issue(event, IssueBody.parse(req.body ?? {}), requireUser(req));
    },
  );

  app.post(
    '/api/v1/events/:id/certificates/jobs',
    {
      schema: {
        tags,
        summary: 'Issue in the background; poll the job for progress',
        params: IdParam,
        body: IssueBody.optional(),
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return reply
        .status(202)
        .send({ jobId: await svc.startJob(event, IssueBody.parse(req.body ?? {}), requireUser(req)) });
    },
  );

  app.get(
    '/api/v1/events/:id/certificates/jobs/:jobId',
    {
      schema: {
        tags,
        summary: 'Progress of a bulk issue',
        params: IdParam.extend({ jobId: z.string().max(40) }),
        response: {
          200: z.object({ status: z.string(), total: z.number(), done: z.number(), issued: z.number() }),
        },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const job = await svc.job(event, req.params.jobId);
      if (!job) throw errors.notFound({ id: 'Proses penerbitan', en: 'Issue job' });
      return { status: job.status, total: job.total, done: job.done, issued: job.issued };
    },
  );

  app.post(
    '/api/v1/events/:id/certificates/override',
    {
      schema: {
        tags,
        summary: 'Issue outside the rule (staff override with a reason, kept in the audit log)',
        params: IdParam,
        body: OverrideBody,
        response: { 201: CertificateOut, 200: CertificateOut },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const r = await svc.override(event, req.body, requireUser(req));
      return reply
        .status(r.created ? 201 : 200)
        .send(presentCertificate(svc, r.certificate, event, req.locale));
    },
  );

  app.get(
    '/api/v1/events/:id/certificates/candidates',
    {
      schema: {
        tags,
        summary: 'Who may get a certificate of a role, and why not',
        params: IdParam,
        querystring: z.object({ role: z.enum(CERT_ROLES).default('peserta') }),
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const list = await svc.candidates(event, req.query.role);
      return {
        candidates: list.map((c) => ({
          registrationId: c.registrationId,
          personId: c.personId,
          name: c.name,
          eligible: c.eligible,
          issued: c.issued,
          reason: c.reason ? c.reason[req.locale] : null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/events/:id/certificates.zip',
    {
      schema: { tags, summary: 'Every valid certificate of the event as PDFs in one ZIP', params: IdParam },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const buf = await svc.zip(event);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="sertifikat-${event.slug}.zip"`)
        .send(buf);
    },
  );
}
