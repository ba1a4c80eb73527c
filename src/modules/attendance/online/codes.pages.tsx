import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, routeParams } from '../../../http/params.js';
import { parseOrThrow } from '../../../http/validation.js';
import { formatTime } from '../../../shared/time.js';
import { ErrorNotice, FormFields, type KeptForm, saveOrShowAgain, str } from '../../../web/forms.js';
import { CsrfField, page } from '../../../web/page.js';
import { requireUser } from '../../auth/index.js';
import { can, type EventRow, loadEventFor } from '../../events/index.js';
import { back, base, DASH_CSS, fill, num, T } from '../attendance.console.js';
import { NewCodeBody } from '../attendance.schemas.js';

/** Attendance codes for moderators: open one, read it out large, close it early. */
export const codesPages: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const online = app.ctx.services.online;

  // Attendance codes: the moderator opens one at a moment of the rundown and reads it out.
  async function codesPage(req: FastifyRequest, reply: FastifyReply, event: EventRow, form?: KeptForm) {
    const l = req.locale;
    const [codes, settings] = await Promise.all([online.listCodes(event), online.settings(event)]);
    const open = codes.filter((c) => c.open);
    return page(
      req,
      reply,
      { title: `${T.codes[l]} · ${event.title}`, nav: 'console', status: form?.status ?? 200 },
      <>
        <style>{DASH_CSS}</style>
        {back(event, l, await can(db, event, req.user, 'checkin'))}
        <h1>{T.codes[l]}</h1>
        <ErrorNotice error={form?.error} />
        {open.map((c) => (
          <div class="card" id={`code-${c.id}`}>
            <span class="badge ok">{T.openNow[l]}</span> {c.label ?? ''}
            <div class="code-big" data-code={c.code}>
              {c.code}
            </div>
            <p>{fill(T.announce[l], { time: formatTime(Date.parse(c.closesAt), event.timezone, l) })}</p>
            <p class="muted">
              {c.entries} {T.entries[l]}
            </p>
            <form method="post" action={`${base(event)}/codes/${c.id}/close`}>
              <CsrfField req={req} />
              <button type="submit" class="secondary">
                {T.close[l]}
              </button>
            </form>
          </div>
        ))}
        <h2>{T.newCode[l]}</h2>
        <form method="post" action={`${base(event)}/codes`} class="card">
          <CsrfField req={req} />
          <label for="label">{T.label[l]}</label>
          <input id="label" name="label" maxLength={100} />
          <label for="windowMinutes">{T.minutes[l]}</label>
          <input
            id="windowMinutes"
            name="windowMinutes"
            type="number"
            min={1}
            max={1440}
            value={settings.codeWindowMinutes}
          />
          <p>
            <button type="submit">{T.newCode[l]}</button>
          </p>
        </form>
        <ul>
          {codes
            .filter((c) => !c.open)
            .map((c) => (
              <li>
                <code>{c.code}</code> {c.label ?? ''} · {formatTime(Date.parse(c.opensAt), event.timezone, l)}
                –{formatTime(Date.parse(c.closesAt), event.timezone, l)} · {c.entries} {T.entries[l]}
              </li>
            ))}
        </ul>
      </>,
    );
  }

  app.get(
    '/console/events/:id/attendance/codes',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      requireUser(req);
      return codesPage(req, reply, await loadEventFor(req, db, req.params.id, 'moderate'));
    },
  );

  app.post(
    '/console/events/:id/attendance/codes',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'moderate');
      return saveOrShowAgain(
        req,
        reply,
        async (b) => {
          const input = parseOrThrow(NewCodeBody, {
            label: str(b, 'label').trim() || undefined,
            windowMinutes: num(str(b, 'windowMinutes')),
          });
          await online.createCode(event, input, user);
          return `${base(event)}/codes`;
        },
        (form) => codesPage(req, reply, event, form),
      );
    },
  );

  app.post(
    '/console/events/:id/attendance/codes/:codeId/close',
    { schema: { hide: true, params: routeParams('id', 'codeId') } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'moderate');
      await online.closeCode(event, req.params.codeId);
      return reply.redirect(`${base(event)}/codes`, 303);
    },
  );
};
