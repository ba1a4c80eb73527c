import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import { asPage } from '../../web/page.js';
import { adoptSessionFromForm, requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { Code, Id } from './certificates.pages.text.js';
import { CERT_ROLES, CorrectBody, OverrideBody, RevokeBody, SettingsBody } from './certificates.schemas.js';
import type { CertificatesService } from './certificates.service.js';
import {
  MAX_BACKGROUND_BYTES,
  MAX_SIGNATURE_BYTES,
  readOneFile,
  storeBackground,
  storeSignature,
} from './certificates.uploads.js';

/** The console’s form posts: settings, signers, uploads, issue, override, revoke, reissue. */
export const certificateConsoleActions =
  (svc: CertificatesService): FastifyPluginAsync =>
  async (app) => {
    const { db } = app.ctx;

    const Form = z.record(z.string(), z.string());
    const RoleQuery = z.object({ role: z.enum(CERT_ROLES).default('peserta') });
    const back = (eventId: string, extra = '') => `/console/events/${eventId}/certificates${extra}`;
    /** The posted fields the service reads (the CSRF token is checked earlier, not passed on). */
    const fieldsOf = (req: FastifyRequest) => {
      const { _csrf, ...f } = parseOrThrow(Form, req.body ?? {});
      void _csrf;
      return f;
    };
    /** The event the caller organizes and its certificate in the path; another event's reads as not found. */
    const eventCertificate = async (req: FastifyRequest) => {
      const p = parseOrThrow(Id.merge(Code), req.params);
      const event = await loadEventFor(req, db, p.id, 'organize');
      const cert = await svc.byCode(p.code);
      if (cert.event_id !== event.id) throw errors.notFound({ id: 'Sertifikat', en: 'Certificate' });
      return { event, cert };
    };

    app.post('/console/events/:id/certificates/settings', { schema: { hide: true } }, async (req, reply) => {
      asPage(req);
      const event = await loadEventFor(req, db, parseOrThrow(Id, req.params).id, 'organize');
      const f = parseOrThrow(Form, req.body ?? {});
      const body = parseOrThrow(SettingsBody, {
        pattern: f.pattern,
        orgCode: f.orgCode,
        issuer: f.issuer ?? null,
        place: f.place ?? null,
        rules: {
          peserta: {
            requireAttendance: f.requireAttendance === '1',
            requireEvaluation: f.requireEvaluation === '1',
          },
          people: { requireAgenda: f.requireAgenda === '1' },
        },
      });
      await svc.updateSettings(event, body);
      return reply.redirect(back(event.id), 303);
    });

    app.post('/console/events/:id/certificates/signers', { schema: { hide: true } }, async (req, reply) => {
      asPage(req);
      const event = await loadEventFor(req, db, parseOrThrow(Id, req.params).id, 'organize');
      const { role } = parseOrThrow(RoleQuery, req.query);
      const f = parseOrThrow(Form, req.body ?? {});
      const signers = [0, 1]
        .filter((i) => (f[`s${i}name`] ?? '').trim())
        .map((i) => ({
          name: f[`s${i}name`]!,
          position: f[`s${i}pos`] || null,
          idLabel: f[`s${i}idl`] || null,
          idNumber: f[`s${i}idn`] || null,
        }));
      const current = svc.templateView(await svc.templateRow(event, role));
      await svc.saveTemplate(event, role, {
        signers,
        layout: current.layout,
        orientation: current.orientation,
      });
      return reply.redirect(back(event.id, `?role=${role}`), 303);
    });

    app.post(
      '/console/events/:id/certificates/background',
      { schema: { hide: true } },
      async (req, reply) => {
        asPage(req);
        const { data, fields } = await readOneFile(req, MAX_BACKGROUND_BYTES, 'JPEG, PNG, WebP, PDF');
        await adoptSessionFromForm(req, fields._csrf);
        const event = await loadEventFor(req, db, parseOrThrow(Id, req.params).id, 'organize');
        const { role } = parseOrThrow(RoleQuery, req.query);
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
      { schema: { hide: true } },
      async (req, reply) => {
        asPage(req);
        const p = parseOrThrow(Id.extend({ index: z.coerce.number().int().min(0).max(1) }), req.params);
        const { data, fields } = await readOneFile(req, MAX_SIGNATURE_BYTES, 'PNG, JPEG, WebP');
        await adoptSessionFromForm(req, fields._csrf);
        const event = await loadEventFor(req, db, p.id, 'organize');
        const { role } = parseOrThrow(RoleQuery, req.query);
        const path = await storeSignature(app.ctx.config.dataDir, data);
        await svc.saveTemplate(event, role, {}, { signature: { index: p.index, path } });
        return reply.redirect(back(event.id, `?role=${role}`), 303);
      },
    );

    app.post('/console/events/:id/certificates/issue', { schema: { hide: true } }, async (req, reply) => {
      asPage(req);
      const event = await loadEventFor(req, db, parseOrThrow(Id, req.params).id, 'organize');
      const f = parseOrThrow(z.object({ role: z.enum(CERT_ROLES) }).passthrough(), req.body ?? {});
      const job = await svc.startJob(event, { roles: [f.role], notify: true }, requireUser(req));
      return reply.redirect(back(event.id, `?role=${f.role}&job=${job}`), 303);
    });

    app.post('/console/events/:id/certificates/override', { schema: { hide: true } }, async (req, reply) => {
      asPage(req);
      const event = await loadEventFor(req, db, parseOrThrow(Id, req.params).id, 'organize');
      const body = parseOrThrow(OverrideBody, fieldsOf(req));
      await svc.override(event, body, requireUser(req));
      return reply.redirect(back(event.id, `?role=${body.role}`), 303);
    });

    app.post(
      '/console/events/:id/certificates/revoke/:code',
      { schema: { hide: true } },
      async (req, reply) => {
        asPage(req);
        const { event, cert } = await eventCertificate(req);
        const { reason } = parseOrThrow(RevokeBody.passthrough(), req.body ?? {});
        await svc.revoke(event, cert, reason, requireUser(req));
        return reply.redirect(back(event.id, `?role=${cert.role}`), 303);
      },
    );

    app.post(
      '/console/events/:id/certificates/reissue/:code',
      { schema: { hide: true } },
      async (req, reply) => {
        asPage(req);
        const { event, cert } = await eventCertificate(req);
        await svc.correct(event, cert, parseOrThrow(CorrectBody, fieldsOf(req)), requireUser(req));
        return reply.redirect(back(event.id, `?role=${cert.role}`), 303);
      },
    );
  };
