import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../../errors.js';
import { FormFields, formBody, str } from '../../../web/forms.js';
import { PT } from '../privacy/privacy.view.js';
import { CodeParam } from './ticket.pages.js';
import { ticketPageHeaders, ticketViews } from './ticket.views.js';

const ModeChoice = z.enum(['onsite', 'online']);

/** The ticket page's buttons: cancel, switch mode, and erase my data (behind a ticked confirmation). */
export const ticketPosts: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const regs = app.ctx.services.registrations;
  const privacy = app.ctx.services.privacy;
  const { load, show } = ticketViews(app.ctx);
  app.addHook('onRequest', ticketPageHeaders);

  app.post('/t/:code/cancel', { schema: { hide: true, params: CodeParam } }, async (req, reply) => {
    const { r } = await load(req.params.code);
    await regs.cancelRow(r);
    return reply.redirect(`/t/${r.ticket_code}?done=cancelled`, 303);
  });

  app.post(
    '/t/:code/mode',
    { schema: { hide: true, params: CodeParam, body: FormFields } },
    async (req, reply) => {
      const { r } = await load(req.params.code);
      const choice = ModeChoice.safeParse(str(formBody(req), 'mode'));
      if (!choice.success)
        return show(req, reply, r, {
          error: errors.validation({ id: 'Pilih luring atau daring.', en: 'Choose hall or online.' }).text[
            req.locale
          ],
          status: 400,
        });
      try {
        await regs.switchRow(r, choice.data);
      } catch (err) {
        if (err instanceof AppError)
          return show(req, reply, (await regs.findById(r.id))!, {
            error: err.text[req.locale],
            status: err.status,
          });
        throw err;
      }
      return reply.redirect(`/t/${r.ticket_code}?done=switched`, 303);
    },
  );

  // Right to erasure, behind a ticked confirmation box (the form works without JavaScript).
  app.post(
    '/t/:code/hapus',
    { schema: { hide: true, params: CodeParam, body: FormFields } },
    async (req, reply) => {
      const { r } = await load(req.params.code);
      if (str(formBody(req), 'confirm') !== 'yes')
        return show(req, reply, r, {
          error: PT.eraseNeedsConfirm[req.locale],
          status: 400,
          openData: true,
        });
      await privacy.erase(r);
      return reply.redirect(`/t/${r.ticket_code}`, 303);
    },
  );
};
