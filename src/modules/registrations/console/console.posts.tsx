import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../../errors.js';
import { IdParam, routeParams } from '../../../http/params.js';
import { parseOrThrow } from '../../../http/validation.js';
import { FormFields, type FormValues, formBody, type KeptForm, saveOrShowAgain } from '../../../web/forms.js';
import type { EventRow } from '../../events/index.js';
import { runImport } from '../import/import.service.js';
import { fileFrom } from '../import/import.upload.js';
import { RegisterInput, UpdateRegistrationInput } from '../registrations.schemas.js';
import { markParsed } from '../registrations.service.js';
import { RT } from './console.text.js';
import { consoleViews } from './console.views.js';

const Action = z.enum(['confirm', 'cancel', 'decline', 'mode:onsite', 'mode:online']);
const withBody = { schema: { hide: true, params: IdParam, body: FormFields } };
const withRegBody = { schema: { hide: true, params: routeParams('id', 'regId'), body: FormFields } };

/** A posted field as typed, or undefined when the form did not send it (the first of repeated ones). */
const field = (v: FormValues, k: string): string | undefined => {
  const x = v[k];
  return Array.isArray(x) ? x[0] : x;
};

/**
 * The form posts of the organizer's registrations pages: add by hand, the row actions, the two import
 * steps and the edit. A refused post shows the page again with the message (and the kept import preview).
 */
export const consolePosts: FastifyPluginAsync = async (plain) => {
  const pages = plain.withTypeProvider<ZodTypeProvider>();
  const regs = pages.ctx.services.registrations;
  const { base, load, loadReg, listPage, editPage } = consoleViews(pages.ctx, regs);
  const fail = async (req: FastifyRequest, reply: FastifyReply, event: EventRow, err: unknown) => {
    if (err instanceof AppError && err.status < 500)
      return listPage(req, reply, event, { error: err.text[req.locale], status: err.status });
    throw err;
  };

  /** A refused post shows the list again with the message (the list's own forms start empty). */
  const listAgain = (req: FastifyRequest, reply: FastifyReply, event: EventRow) => (form: KeptForm) =>
    listPage(req, reply, event, { error: form.error?.message, status: form.status });

  pages.post('/console/events/:id/registrations/add', withBody, async (req, reply) => {
    const event = await load(req, req.params.id);
    const save = async (b: FormValues) => {
      const input = parseOrThrow(RegisterInput, {
        name: field(b, 'name') ?? '',
        frontTitles: field(b, 'frontTitles'),
        backTitles: field(b, 'backTitles'),
        institution: field(b, 'institution'),
        phone: field(b, 'phone'),
        email: field(b, 'email'),
        mode: field(b, 'mode'),
        consent: field(b, 'consent') === 'yes',
      });
      await regs.register(event, markParsed(input), { source: 'manual' });
      return `${base(event)}?done=1`;
    };
    return saveOrShowAgain(req, reply, save, listAgain(req, reply, event));
  });

  pages.post('/console/events/:id/registrations/:regId/action', withRegBody, async (req, reply) => {
    const { event, r } = await loadReg(req, req.params);
    const save = async (b: FormValues) => {
      const action = Action.safeParse(field(b, 'action'));
      if (!action.success) throw errors.validation({ id: 'Tindakan tidak dikenal.', en: 'Unknown action.' });
      const a = action.data;
      if (a === 'confirm') await regs.approve(r);
      else if (a === 'cancel' || a === 'decline')
        await regs.cancelRow(r, a === 'cancel' ? 'cancelled' : 'declined');
      else await regs.switchRow(r, a === 'mode:onsite' ? 'onsite' : 'online');
      return `${base(event)}?done=1`;
    };
    return saveOrShowAgain(req, reply, save, listAgain(req, reply, event));
  });

  // Step 1: the upload is previewed (nothing written); a clean file comes back as a hidden field to confirm.
  // The body is multipart, read by `fileFrom` (the form's fields come with the file).
  pages.post(
    '/console/events/:id/registrations/import',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const event = await load(req, req.params.id);
      try {
        const { data, fields, filename } = await fileFrom(req);
        const mode = fields.mode === 'onsite' || fields.mode === 'online' ? fields.mode : null;
        const result = await runImport(
          regs,
          event,
          { data, filename },
          { dryRun: true, consent: false, mode, locale: req.locale },
        );
        const bad = result.rows.filter((x) => !x.ok).length;
        return listPage(req, reply, event, {
          importResult: result,
          carry: bad ? undefined : { data: data.toString('base64'), filename, mode: mode ?? '' },
          ...(bad ? { error: RT.importErrors(bad)[req.locale], status: 400 } : {}),
        });
      } catch (err) {
        return fail(req, reply, event, err);
      }
    },
  );

  // Step 2: the organizer confirms (and vouches for consent); every row is checked again before writing.
  pages.post('/console/events/:id/registrations/import/confirm', withBody, async (req, reply) => {
    const event = await load(req, req.params.id);
    const b = formBody(req);
    try {
      const m = field(b, 'mode');
      const mode = m === 'onsite' || m === 'online' ? m : null;
      const data = Buffer.from(field(b, 'data') ?? '', 'base64');
      const result = await runImport(
        regs,
        event,
        { data, filename: field(b, 'filename') ?? 'import.csv' },
        { dryRun: false, consent: field(b, 'consent') === 'yes', mode, locale: req.locale },
      );
      if (result.dryRun)
        return listPage(req, reply, event, {
          importResult: result,
          error: RT.importErrors(result.rows.filter((x) => !x.ok).length)[req.locale],
          status: 400,
        });
      return listPage(req, reply, event, {
        notice: RT.imported(result.created, result.existing)[req.locale],
      });
    } catch (err) {
      return fail(req, reply, event, err);
    }
  });

  pages.post('/console/events/:id/registrations/:regId', withRegBody, async (req, reply) => {
    const { event, r } = await loadReg(req, req.params);
    const save = async (b: FormValues) => {
      const p = parseOrThrow(UpdateRegistrationInput, {
        name: field(b, 'name'),
        frontTitles: field(b, 'frontTitles'),
        backTitles: field(b, 'backTitles'),
        institution: field(b, 'institution'),
        phone: field(b, 'phone') ?? '',
        email: field(b, 'email') ?? '',
        seat: field(b, 'seat') ?? null,
      });
      const cur = await regs.editDetails(r, {
        name: p.name ?? r.name,
        front_titles: p.frontTitles ?? null,
        back_titles: p.backTitles ?? null,
        institution: p.institution ?? null,
        phone: p.phone ?? null,
        email: p.email ?? null,
      });
      if (r.mode === 'onsite' && (p.seat ?? null) !== (r.seat_id ?? null))
        await regs.moveSeat(cur, p.seat ?? null);
      return `${base(event)}?done=1`;
    };
    return saveOrShowAgain(req, reply, save, (form) =>
      editPage(req, reply, event, r, form.error?.message, form.status),
    );
  });
};
