import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import JSZip from 'jszip';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { requireUser } from '../auth/auth.plugin.js';
import { can, type EventRow, IdParams, loadEventFor } from '../events/index.js';
import type { CertificateRow } from './certificates.repository.js';
import {
  CERT_ROLES,
  CertificateOut,
  CodeParams,
  CorrectBody,
  IssueBody,
  Layout,
  OverrideBody,
  RevokeBody,
  SettingsBody,
  TemplateBody,
  VerificationOut,
} from './certificates.schemas.js';
import { type CertificatesService, createCertificatesService } from './certificates.service.js';
import {
  MAX_BACKGROUND_BYTES,
  MAX_SIGNATURE_BYTES,
  readOneFile,
  storeBackground,
  storeSignature,
} from './certificates.uploads.js';

const tags = ['certificates'];
const RoleParams = IdParams.extend({ role: z.enum(CERT_ROLES) });
const SigParams = RoleParams.extend({ index: z.coerce.number().int().min(0).max(1) });

export function presentCertificate(
  svc: CertificatesService,
  c: CertificateRow,
  event: EventRow,
  locale: 'id' | 'en',
) {
  return {
    ...svc.present(c, event, locale),
    id: c.id,
    registrationId: c.registration_id,
    personId: c.person_id,
    override: c.override === 1,
    version: c.version,
    pdfUrl: `/api/v1/certificates/${c.code}/pdf?key=${c.download_key}`,
  };
}

export function registerCertificateRoutes(base: Parameters<FastifyPluginAsync>[0], svc: CertificatesService) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;

  /** The certificate and its event, for a caller who organizes that event. */
  async function forOrganizer(req: FastifyRequest, code: string) {
    const cert = await svc.byCode(code);
    const event = await loadEventFor(req, db, cert.event_id, 'organize');
    return { cert, event };
  }

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
    '/api/v1/events/:id/certificates/settings',
    { schema: { tags, summary: 'Numbering pattern, issuer and eligibility rules', params: IdParams } },
    async (req) => svc.settings(await loadEventFor(req, db, req.params.id, 'organize')),
  );
  app.patch(
    '/api/v1/events/:id/certificates/settings',
    {
      schema: {
        tags,
        summary: 'Change numbering pattern, issuer and eligibility rules',
        params: IdParams,
        body: SettingsBody,
      },
    },
    async (req) => svc.updateSettings(await loadEventFor(req, db, req.params.id, 'organize'), req.body),
  );

  app.get(
    '/api/v1/events/:id/certificates/templates/:role',
    { schema: { tags, summary: 'The template of a role (or the default design)', params: RoleParams } },
    async (req) =>
      svc.templateView(
        await svc.templateRow(await loadEventFor(req, db, req.params.id, 'organize'), req.params.role),
      ),
  );
  app.put(
    '/api/v1/events/:id/certificates/templates/:role',
    {
      schema: {
        tags,
        summary: 'Save field layout, orientation and signers',
        params: RoleParams,
        body: TemplateBody,
      },
    },
    async (req) =>
      svc.saveTemplate(await loadEventFor(req, db, req.params.id, 'organize'), req.params.role, req.body),
  );
  app.post(
    '/api/v1/events/:id/certificates/templates/:role/background',
    {
      schema: {
        tags,
        summary: 'Upload a background: JPEG, PNG, WebP or a one-page PDF (multipart field "file")',
        params: RoleParams,
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const { data } = await readOneFile(req, MAX_BACKGROUND_BYTES, 'JPEG, PNG, WebP, PDF');
      const current = svc.templateView(await svc.templateRow(event, req.params.role));
      const bg = await storeBackground(config.dataDir, data, current.orientation);
      return svc.saveTemplate(event, req.params.role, {}, { background: bg });
    },
  );
  app.delete(
    '/api/v1/events/:id/certificates/templates/:role/background',
    { schema: { tags, summary: 'Remove the background', params: RoleParams } },
    async (req) =>
      svc.saveTemplate(
        await loadEventFor(req, db, req.params.id, 'organize'),
        req.params.role,
        {},
        { background: null },
      ),
  );
  app.post(
    '/api/v1/events/:id/certificates/templates/:role/signatures/:index',
    {
      schema: {
        tags,
        summary: 'Upload the signature image of signer 0 or 1 (multipart field "file", ≤ 300 KB)',
        params: SigParams,
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const { data } = await readOneFile(req, MAX_SIGNATURE_BYTES, 'PNG, JPEG, WebP');
      const current = svc.templateView(await svc.templateRow(event, req.params.role));
      if (!current.signers[req.params.index]) {
        throw errors.validation({
          id: 'Isi dulu nama penanda tangan sebelum mengunggah tanda tangannya.',
          en: 'Enter the signer’s name before uploading the signature.',
        });
      }
      const path = await storeSignature(config.dataDir, data);
      return svc.saveTemplate(event, req.params.role, {}, { signature: { index: req.params.index, path } });
    },
  );
  app.post(
    '/api/v1/events/:id/certificates/templates/:role/preview',
    {
      schema: {
        tags,
        summary: 'A sample PDF with the longest name on the list, for the given (unsaved) layout',
        params: RoleParams,
        body: z.object({ layout: Layout.optional() }).strict().optional(),
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const pdf = await svc.preview(event, req.params.role, req.body?.layout);
      return reply.type('application/pdf').header('cache-control', 'no-store').send(Buffer.from(pdf));
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

  app.get(
    '/api/v1/certificates/:code',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Public verification: name, role, event, date, number and valid or revoked',
        params: CodeParams,
        response: { 200: VerificationOut },
      },
    },
    async (req) => {
      const cert = await svc.byCode(req.params.code);
      return svc.present(cert, await svc.eventOf(cert), req.locale);
    },
  );

  app.get(
    '/api/v1/certificates/:code/pdf',
    {
      schema: {
        tags,
        summary: 'The certificate PDF (the recipient’s link key, or an organizer of the event)',
        params: CodeParams,
        querystring: z.object({
          key: z.string().max(80).optional(),
          download: z.enum(['0', '1']).optional(),
        }),
      },
    },
    async (req, reply) => {
      const cert = await svc.byCode(req.params.code);
      const event = await svc.eventOf(cert);
      const keyOk = !!req.query.key && req.query.key === cert.download_key;
      if (!keyOk && !(await can(db, event, req.user, 'organize'))) {
        if (!req.user) throw errors.unauthenticated();
        throw errors.forbidden();
      }
      if (cert.status === 'revoked' && keyOk && !(await can(db, event, req.user, 'organize')))
        throw errors.certificateRevoked();
      const pdf = await svc.pdf(event, cert);
      const name = `sertifikat-${cert.number.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
      return reply
        .type('application/pdf')
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `${req.query.download === '0' ? 'inline' : 'attachment'}; filename="${name}"`,
        )
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/v1/certificates/:code/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke (the verification page then says "revoked")',
        params: CodeParams,
        body: RevokeBody,
        response: { 200: CertificateOut },
      },
    },
    async (req) => {
      const { cert, event } = await forOrganizer(req, req.params.code);
      return presentCertificate(
        svc,
        await svc.revoke(event, cert, req.body.reason, requireUser(req)),
        event,
        req.locale,
      );
    },
  );

  app.post(
    '/api/v1/certificates/:code/reissue',
    {
      schema: {
        tags,
        summary: 'Correct the name and reissue with the same number',
        params: CodeParams,
        body: CorrectBody,
        response: { 200: CertificateOut },
      },
    },
    async (req) => {
      const { cert, event } = await forOrganizer(req, req.params.code);
      return presentCertificate(
        svc,
        await svc.correct(event, cert, req.body, requireUser(req)),
        event,
        req.locale,
      );
    },
  );

  app.get(
    '/api/v1/tickets/:code/certificates',
    {
      schema: {
        tags,
        summary: 'The certificates of one participant (by ticket code)',
        params: z.object({
          code: z
            .string()
            .min(10)
            .max(80)
            .regex(/^[0-9a-z]+$/),
        }),
        response: { 200: z.object({ certificates: z.array(CertificateOut) }) },
      },
    },
    async (req) => {
      const reg = await svc.registrationByTicket(req.params.code);
      if (!reg) throw errors.notFound({ id: 'Tiket', en: 'Ticket' });
      const event = (await svc.eventOf({ event_id: reg.event_id } as CertificateRow))!;
      const list = (await svc.forRegistration(reg.id)).filter((c) => c.status === 'valid');
      return { certificates: list.map((c) => presentCertificate(svc, c, event, req.locale)) };
    },
  );
}

export const certificatesRoutes: FastifyPluginAsync = async (app) => {
  const svc = createCertificatesService(app.ctx);
  registerCertificateRoutes(app, svc);
  const { certificatePages } = await import('./certificates.pages.js');
  await app.register(certificatePages(svc));
};
