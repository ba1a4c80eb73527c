import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseOrThrow } from '../../http/validation.js';
import { CsrfField } from '../../web/page.js';
import { requireUser } from '../auth/auth.plugin.js';
import {
  createEventsManageService,
  type EventRow,
  loadEventFor,
  TEAM_ROLES,
  TeamPutBody,
} from '../events/index.js';
import {
  ActionButton,
  consolePage,
  ErrorNotice,
  Field,
  type FormError,
  type FormValues,
  formBody,
  formError,
  Select,
  savedNotice,
  str,
} from './console.forms.js';
import { C, TEAM_ROLE_LABELS } from './console.text.js';

type Params = { id: string; userId?: string };

export async function consoleTeamRoutes(app: FastifyInstance) {
  const { db } = app.ctx;
  const manage = createEventsManageService(app.ctx);

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    values: FormValues,
    error?: FormError | null,
    status = 200,
  ) {
    const l = req.locale;
    const team = await manage.team(event);
    return consolePage(
      req,
      reply,
      { title: C.team, event, tab: 'team', status },
      <>
        {savedNotice(req)}
        <p>{C.teamIntro[l]}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{C.name[l]}</th>
                <th scope="col">{C.teamRoles[l]}</th>
                <th scope="col">
                  <span class="skip">{C.remove[l]}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {team.map((m) => (
                <tr>
                  <td>
                    {m.name}
                    <br />
                    <span class="muted">{m.email}</span>
                  </td>
                  <td>
                    {TEAM_ROLE_LABELS[m.role]?.[l]}
                    {m.isCreator ? <span class="muted"> ({C.creator[l]})</span> : null}
                  </td>
                  <td>
                    {m.isCreator ? null : (
                      <ActionButton
                        req={req}
                        action={`/console/events/${event.id}/team/${m.userId}/delete`}
                        label={C.remove[l]}
                        kind="secondary"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>{C.addMember[l]}</h2>
        <form method="post" action={`/console/events/${event.id}/team`} novalidate>
          <CsrfField req={req} />
          <ErrorNotice error={error} />
          <Field
            name="email"
            label={C.email}
            type="email"
            inputMode="email"
            required
            l={l}
            values={values}
            error={error}
          />
          <Select
            name="role"
            label={C.teamRoles}
            l={l}
            values={values}
            options={TEAM_ROLES.map((r) => ({ value: r, label: TEAM_ROLE_LABELS[r]![l] }))}
          />
          <p>
            <button type="submit">{C.addMember[l]}</button>
          </p>
        </form>
      </>,
    );
  }

  const organize = async (req: FastifyRequest, id: string) => {
    requireUser(req);
    return loadEventFor(req, db, id, 'organize');
  };

  app.get<{ Params: Params }>('/console/events/:id/team', async (req, reply) =>
    render(req, reply, await organize(req, req.params.id), { role: 'moderator' }),
  );

  app.post<{ Params: Params }>('/console/events/:id/team', async (req, reply) => {
    const event = await organize(req, req.params.id);
    const user = requireUser(req);
    const values = formBody(req);
    try {
      const input = parseOrThrow(TeamPutBody, { email: str(values, 'email'), role: str(values, 'role') });
      await manage.addTeamMember(event, input.email, input.role, user);
      return reply.redirect(`/console/events/${event.id}/team?saved=1`, 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      return render(req, reply, event, values, fe, (err as { status: number }).status);
    }
  });

  app.post<{ Params: Params }>('/console/events/:id/team/:userId/delete', async (req, reply) => {
    const event = await organize(req, req.params.id);
    await manage.removeTeamMember(event, { userId: req.params.userId }, requireUser(req));
    return reply.redirect(`/console/events/${event.id}/team?saved=1`, 303);
  });
}
