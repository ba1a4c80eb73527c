import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { requireUser } from '../auth/index.js';
import { can, loadEventFor } from '../events/index.js';
import { presentCertificate } from './certificates.presenter.js';
import type { CertificateRow } from './certificates.repository.js';
import {
  CertificateOut,
  CodeParams,
  CorrectBody,
  RevokeBody,
  VerificationOut,
} from './certificates.schemas.js';
import type { CertificatesService } from './certificates.service.js';

const tags = ['certificates'];

/** One certificate by its code: public verification, the PDF, and the organizer's revoke and reissue. */
export function registerCertificateRoutes(base: Parameters<FastifyPluginAsync>[0], svc: CertificatesService) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  /** The certificate and its event, for a caller who organizes that event. */
  async function forOrganizer(req: FastifyRequest, code: string) {
    const cert = await svc.byCode(code);
    const event = await loadEventFor(req, db, cert.event_id, 'organize');
    return { cert, event };
  }

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
      if (!reg) throw errors.notFound(what.ticket);
      const event = (await svc.eventOf({ event_id: reg.event_id } as CertificateRow))!;
      const list = (await svc.forRegistration(reg.id)).filter((c) => c.status === 'valid');
      return { certificates: list.map((c) => presentCertificate(svc, c, event, req.locale)) };
    },
  );
}
