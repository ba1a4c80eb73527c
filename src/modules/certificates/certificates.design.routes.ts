import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { IdParam } from '../../http/params.js';
import { loadEventFor } from '../events/index.js';
import { CERT_ROLES, Layout, SettingsBody, TemplateBody } from './certificates.schemas.js';
import type { CertificatesService } from './certificates.service.js';
import {
  MAX_BACKGROUND_BYTES,
  MAX_SIGNATURE_BYTES,
  readOneFile,
  storeBackground,
  storeSignature,
} from './certificates.uploads.js';

const tags = ['certificates'];
const RoleParams = IdParam.extend({ role: z.enum(CERT_ROLES) });
const SigParams = RoleParams.extend({ index: z.coerce.number().int().min(0).max(1) });

/** The look of the certificates: numbering and rule settings, templates per role, uploads, preview. */
export function registerCertificateDesignRoutes(
  base: Parameters<FastifyPluginAsync>[0],
  svc: CertificatesService,
) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;

  app.get(
    '/api/v1/events/:id/certificates/settings',
    { schema: { tags, summary: 'Numbering pattern, issuer and eligibility rules', params: IdParam } },
    async (req) => svc.settings(await loadEventFor(req, db, req.params.id, 'organize')),
  );
  app.patch(
    '/api/v1/events/:id/certificates/settings',
    {
      schema: {
        tags,
        summary: 'Change numbering pattern, issuer, eligibility rules and training hours (JP)',
        params: IdParam,
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
}
