import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, routeParams } from '../../../http/params.js';
import { ErrorNotice, FormFields, formBody, type KeptForm, str } from '../../../web/forms.js';
import { CsrfField, page } from '../../../web/page.js';
import type { EventRow } from '../../events/index.js';
import { back, base, organizerFormPost, staffEvent, T } from '../attendance.console.js';
import type { AttendanceService } from '../attendance.service.js';
import type { ImportService } from './imports.service.js';

/** `?importId=` of the review to show; anything unreadable shows none, as a stale link should. */
const ImportQuery = z.object({
  importId: z
    .string()
    .transform((s) => s.slice(0, 40))
    .optional()
    .catch(undefined),
});

type Review = Awaited<ReturnType<ImportService['present']>>;
type Person = Awaited<ReturnType<AttendanceService['list']>>[number];

/** One import's rows: matched ones named, unmatched ones with a form to assign or ignore them. */
function ImportReview(props: { req: FastifyRequest; event: EventRow; current: Review; people: Person[] }) {
  const { req, event, current, people } = props;
  const l = req.locale;
  return (
    <section id="import-result">
      <h2>
        {current.filename ?? 'CSV'} · {current.source === 'zoom' ? 'Zoom' : 'Google Meet'}
      </h2>
      <p>
        <span class="badge ok">
          {T.matched[l]}: {current.matched}
        </span>{' '}
        <span class="badge warn">
          {T.unmatched[l]}: {current.unmatched}
        </span>
      </p>
      <div class="table-wrap">
        <table>
          <tbody>
            {current.rows.map((r) => (
              <tr>
                <td>
                  {r.name}
                  {r.email ? <div class="muted">{r.email}</div> : null}
                </td>
                <td>{r.minutes} min</td>
                <td>
                  {r.registration ? (
                    <span class="badge ok">{r.registration.name}</span>
                  ) : r.status === 'ignored' ? (
                    <span class="badge">{T.ignore[l]}</span>
                  ) : (
                    <form
                      method="post"
                      action={`${base(event)}/import/${current.id}/rows/${r.id}`}
                      class="row"
                    >
                      <CsrfField req={req} />
                      <select name="registrationId" aria-label={T.assign[l]} style="width:auto">
                        <option value="">{T.choose[l]}</option>
                        {people.map((p) => (
                          <option value={p.id}>{p.name}</option>
                        ))}
                      </select>
                      <button type="submit" class="secondary">
                        {T.assign[l]}
                      </button>
                      <button type="submit" name="ignore" value="1" class="secondary">
                        {T.ignore[l]}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Organizers: import a Zoom / Google Meet participant report and review the rows that did not match. */
export const importPages: FastifyPluginAsync = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const attendance = app.ctx.services.attendance;
  const imports = app.ctx.services.imports;

  // Zoom / Meet report import with the review of unmatched rows.
  async function importPage(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    opts: { importId?: string | undefined; form?: KeptForm },
  ) {
    const l = req.locale;
    const [list, current, people] = await Promise.all([
      imports.list(event),
      opts.importId ? imports.present(event, opts.importId) : Promise.resolve(null),
      opts.importId ? attendance.list(event) : Promise.resolve([]),
    ]);
    return page(
      req,
      reply,
      {
        title: `${T.importTitle[l]} · ${event.title}`,
        nav: 'console',
        scripts: ['/assets/attendance-import.js'],
        status: opts.form?.status ?? 200,
      },
      <>
        {back(event, l)}
        <h1>{T.importTitle[l]}</h1>
        <ErrorNotice error={opts.form?.error} />
        <p>{T.importHelp[l]}</p>
        <form method="post" action={`${base(event)}/import`} class="card" id="import-form">
          <CsrfField req={req} />
          <label for="import-file">{T.file[l]}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" />
          <input type="hidden" name="filename" id="import-filename" />
          <label for="import-csv">{T.paste[l]}</label>
          <textarea id="import-csv" name="csv" required rows={6} maxLength={1_000_000} spellcheck={false} />
          <p>
            <button type="submit">{T.doImport[l]}</button>
          </p>
        </form>
        {current ? <ImportReview req={req} event={event} current={current} people={people} /> : null}
        {list.length ? (
          <>
            <h2>{T.previous[l]}</h2>
            <ul>
              {list.map((i) => (
                <li>
                  <a href={`${base(event)}/import?importId=${i.id}`}>{i.filename ?? 'CSV'}</a> · {i.total} ·{' '}
                  {T.unmatched[l]}: {i.unmatched}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>,
    );
  }

  app.get(
    '/console/events/:id/attendance/import',
    { schema: { hide: true, params: IdParam, querystring: ImportQuery } },
    async (req, reply) => {
      const { event } = await staffEvent(req, db, req.params.id);
      return importPage(req, reply, event, { importId: req.query.importId });
    },
  );

  organizerFormPost(
    app,
    '/console/events/:id/attendance/import',
    async (event, b, user) => {
      const r = await imports.importReport(
        event,
        str(b, 'csv'),
        str(b, 'filename').slice(0, 200) || null,
        user,
      );
      return `${base(event)}/import?importId=${r.id}`;
    },
    (req, reply, event, form) => importPage(req, reply, event, { form }),
    6 * 1024 * 1024,
  );

  app.post(
    '/console/events/:id/attendance/import/:importId/rows/:rowId',
    { schema: { hide: true, params: routeParams('id', 'importId', 'rowId'), body: FormFields } },
    async (req, reply) => {
      const { user, event } = await staffEvent(req, db, req.params.id);
      const b = formBody(req);
      const ignore = str(b, 'ignore') !== '';
      const registrationId = ignore ? null : str(b, 'registrationId') || null;
      if (!ignore && !registrationId)
        return reply.redirect(`${base(event)}/import?importId=${req.params.importId}`, 303);
      await imports.resolveRow(event, req.params.importId, req.params.rowId, registrationId, user);
      return reply.redirect(`${base(event)}/import?importId=${req.params.importId}`, 303);
    },
  );
};
