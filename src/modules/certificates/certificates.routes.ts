import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import JSZip from 'jszip';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { requireUser } from '../auth/index.js';
import { IdParams, loadEventFor } from '../events/index.js';
import { registerCertificateDesignRoutes } from './certificates.design.routes.js';
import { registerCertificateRoutes } from './certificates.one.routes.js';
import { presentCertificate } from './certificates.presenter.js';
import { certificatesRepository } from './certificates.repository.js';
import { CERT_ROLES, CertificateOut, IssueBody, OverrideBody } from './certificates.schemas.js';
import type { CertificatesService } from './certificates.service.js';

const tags = ['certificates'];
const RoleParams = IdParams.extend({ role: z.enum(CERT_ROLES) });
const _SigParams = RoleParams.extend({ index: z.coerce.number().int().min(0).max(1) });

/** Issuing for an event: by rule, as a background job, by override; the candidates; the ZIP. */
function registerIssueRoutes(base: Parameters<FastifyPluginAsync>[0], svc: CertificatesService) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  app.get(
    '/api/v1/events/:id/certificates',
    {
      schema: {
        tags,
        summary: 'Certificates issued for the event',
        params: IdParams,
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
        params: IdParams,
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
        params: IdParams,
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
        params: IdParams.extend({ jobId: z.string().max(40) }),
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
        params: IdParams,
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
        params: IdParams,
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
      schema: { tags, summary: 'Every valid certificate of the event as PDFs in one ZIP', params: IdParams },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const zip = new JSZip();
      const list = (await svc.list(event)).filter((c) => c.status === 'valid');
      for (let i = 0; i < list.length; i += 16) {
        const chunk = list.slice(i, i + 16);
        const pdfs = await Promise.all(chunk.map((c) => svc.pdf(event, c)));
        chunk.forEach((c, k) => {
          const safe =
            `${c.number.replace(/[^A-Za-z0-9]+/g, '-')}_${c.name.replace(/[^\p{L}\p{N}]+/gu, '-')}`.slice(
              0,
              120,
            );
          zip.file(`${safe}.pdf`, pdfs[k]!);
        });
      }
      // PDFs are already compressed inside; storing them keeps the ZIP quick to build.
      const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="sertifikat-${event.slug}.zip"`)
        .send(buf);
    },
  );
}

export const certificatesRoutes: FastifyPluginAsync = async (app) => {
  const svc = app.ctx.services.certificates;
  app.ctx.bus.on('registration.anonymized', async ({ registrationIds }) => {
    await certificatesRepository.forgetRecipients(app.ctx.db, registrationIds, Date.now());
  });
  app.ctx.eventFiles.push((db, eventId) => certificatesRepository.filesOfEvent(db, eventId));
  registerIssueRoutes(app, svc);
  registerCertificateDesignRoutes(app, svc);
  registerCertificateRoutes(app, svc);
  const { certificatePages } = await import('./certificates.pages.js');
  await app.register(certificatePages(svc));
};
