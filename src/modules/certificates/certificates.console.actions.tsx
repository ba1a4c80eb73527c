import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { FormFields } from '../../web/forms.js';
import { adoptSessionFromForm, requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import {
  CERT_ROLES,
  CodeParams,
  CorrectBody,
  OverrideBody,
  RevokeBody,
  SettingsBody,
} from './certificates.schemas.js';
import type { CertificatesService } from './certificates.service.js';
import {
  MAX_BACKGROUND_BYTES,
  MAX_SIGNATURE_BYTES,
  readOneFile,
  storeBackground,
  storeSignature,
} from './certificates.uploads.js';

/** The settings form's fields as the settings body (checkboxes post "1" when ticked). */
const settingsFrom = (f: Record<string, string>) => ({
  pattern: f.pattern,
  orgCode: f.orgCode,
  issuer: f.issuer ?? null,
  ...(f.place === undefined ? {} : { place: f.place }),
  trainingHours: f.trainingHours === '1',
  rules: {
    peserta: {
      requireAttendance: f.requireAttendance === '1',
      requireEvaluation: f.requireEvaluation === '1',
    },
    people: { requireAgenda: f.requireAgenda === '1' },
  },
});

/** The signers form's fields: up to two signers, those with a name. */
const signersFrom = (f: Record<string, string>) =>
  [0, 1]
    .filter((i) => (f[`s${i}name`] ?? '').trim())
    .map((i) => ({
      name: f[`s${i}name`]!,
      position: f[`s${i}pos`] || null,
      idLabel: f[`s${i}idl`] || null,
      idNumber: f[`s${i}idn`] || null,
    }));

/** The console’s form posts: settings, signers, uploads, issue, override, revoke, reissue. */
export const certificateConsoleActions =
  (svc: CertificatesService): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const { db } = app.ctx;

    const RoleQuery = z.object({ role: z.enum(CERT_ROLES).default('peserta') });
    const CertParams = IdParam.merge(CodeParams);
    const SigParams = IdParam.extend({ index: z.coerce.number().int().min(0).max(1) });
    const back = (eventId: string, extra = '') => `/console/events/${eventId}/certificates${extra}`;
    /** The posted fields the service reads, one value each (the CSRF token is checked earlier, not passed on). */
    const fieldsOf = (body: z.infer<typeof FormFields>): Record<string, string> => {
      const f: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) {
        const value = Array.isArray(v) ? v[0] : v;
        if (k !== '_csrf' && value !== undefined) f[k] = value;
      }
      return f;
    };
    /** The event the caller organizes and its certificate in the path; another event's reads as not found. */
    const eventCertificate = async (req: FastifyRequest, p: z.infer<typeof CertParams>) => {
      const event = await loadEventFor(req, db, p.id, 'organize');
      const cert = await svc.byCode(p.code);
      if (cert.event_id !== event.id) throw errors.notFound({ id: 'Sertifikat', en: 'Certificate' });
      return { event, cert };
    };

    app.post(
      '/console/events/:id/certificates/settings',
      { schema: { hide: true, params: IdParam, body: FormFields } },
      async (req, reply) => {
        const event = await loadEventFor(req, db, req.params.id, 'organize');
        const f = fieldsOf(req.body);
        const body = parseOrThrow(SettingsBody, settingsFrom(f));
        await svc.updateSettings(event, body);
        return reply.redirect(back(event.id), 303);
      },
    );

    app.post(
      '/console/events/:id/certificates/signers',
      { schema: { hide: true, params: IdParam, querystring: RoleQuery, body: FormFields } },
      async (req, reply) => {
        const event = await loadEventFor(req, db, req.params.id, 'organize');
        const { role } = req.query;
        const f = fieldsOf(req.body);
        const signers = signersFrom(f);
        const current = svc.templateView(await svc.templateRow(event, role));
        await svc.saveTemplate(event, role, {
          signers,
          layout: current.layout,
          orientation: current.orientation,
        });
        return reply.redirect(back(event.id, `?role=${role}`), 303);
      },
    );

    app.post(
      '/console/events/:id/certificates/background',
      { schema: { hide: true, params: IdParam, querystring: RoleQuery } },
      async (req, reply) => {
        const { data, fields } = await readOneFile(req, MAX_BACKGROUND_BYTES, 'JPEG, PNG, WebP, PDF');
        await adoptSessionFromForm(req, fields._csrf);
        const event = await loadEventFor(req, db, req.params.id, 'organize');
        const { role } = req.query;
        const current = svc.templateView(await svc.templateRow(event, role));
        await svc.saveTemplate(
          event,
          role,
          {},
          { background: await storeBackground(app.ctx.config.dataDir, data, current.orientation) },
        );
        return reply.redirect(back(event.id, `?role=${role}`), 303);
      },
    );

    app.post(
      '/console/events/:id/certificates/signature/:index',
      { schema: { hide: true, params: SigParams, querystring: RoleQuery } },
      async (req, reply) => {
        const p = req.params;
        const { data, fields } = await readOneFile(req, MAX_SIGNATURE_BYTES, 'PNG, JPEG, WebP');
        await adoptSessionFromForm(req, fields._csrf);
        const event = await loadEventFor(req, db, p.id, 'organize');
        const { role } = req.query;
        const path = await storeSignature(app.ctx.config.dataDir, data);
        await svc.saveTemplate(event, role, {}, { signature: { index: p.index, path } });
        return reply.redirect(back(event.id, `?role=${role}`), 303);
      },
    );

    app.post(
      '/console/events/:id/certificates/issue',
      { schema: { hide: true, params: IdParam, body: FormFields } },
      async (req, reply) => {
        const event = await loadEventFor(req, db, req.params.id, 'organize');
        const f = parseOrThrow(z.object({ role: z.enum(CERT_ROLES) }).passthrough(), fieldsOf(req.body));
        const job = await svc.startJob(
          event,
          { roles: [f.role], notify: true, beforeEnd: fieldsOf(req.body).beforeEnd === '1' },
          requireUser(req),
        );
        return reply.redirect(back(event.id, `?role=${f.role}&job=${job}`), 303);
      },
    );

    app.post(
      '/console/events/:id/certificates/override',
      { schema: { hide: true, params: IdParam, body: FormFields } },
      async (req, reply) => {
        const event = await loadEventFor(req, db, req.params.id, 'organize');
        const body = parseOrThrow(OverrideBody, fieldsOf(req.body));
        await svc.override(event, body, requireUser(req));
        return reply.redirect(back(event.id, `?role=${body.role}`), 303);
      },
    );

    app.post(
      '/console/events/:id/certificates/revoke/:code',
      { schema: { hide: true, params: CertParams, body: FormFields } },
      async (req, reply) => {
        const { event, cert } = await eventCertificate(req, req.params);
        const { reason } = parseOrThrow(RevokeBody.passthrough(), fieldsOf(req.body));
        await svc.revoke(event, cert, reason, requireUser(req));
        return reply.redirect(back(event.id, `?role=${cert.role}`), 303);
      },
    );

    app.post(
      '/console/events/:id/certificates/reissue/:code',
      { schema: { hide: true, params: CertParams, body: FormFields } },
      async (req, reply) => {
        const { event, cert } = await eventCertificate(req, req.params);
        await svc.correct(event, cert, parseOrThrow(CorrectBody, fieldsOf(req.body)), requireUser(req));
        return reply.redirect(back(event.id, `?role=${cert.role}`), 303);
      },
    );
  };
