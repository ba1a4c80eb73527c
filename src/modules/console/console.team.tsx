import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseOrThrow } from '../../http/validation.js';
import { ActionButton, Field, type KeptForm, ListTable, PostForm, Select, str } from '../../web/forms.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, TEAM_ROLES, TeamPutBody } from '../events/index.js';
import { consolePage, organizeEvent, savedNotice, saveOrShowAgain } from './console.forms.js';
import { C, TEAM_ROLE_LABELS } from './console.text.js';

type Params = { id: string; userId?: string };

export async function consoleTeamRoutes(app: FastifyInstance) {
  const { db } = app.ctx;
  const manage = app.ctx.services.eventsManage;

  async function render(req: FastifyRequest, reply: FastifyReply, event: EventRow, form: KeptForm) {
    const l = req.locale;
    const { values, error } = form;
    const team = await manage.team(event);
    return consolePage(
      req,
      reply,
      { title: C.team, event, tab: 'team', status: form.status },
      <>
        {savedNotice(req)}
        <p>{C.teamIntro[l]}</p>
        <ListTable l={l} heads={[C.name, C.teamRoles]} actions={C.remove}>
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
        </ListTable>
        <h2>{C.addMember[l]}</h2>
        <PostForm req={req} action={`/console/events/${event.id}/team`} error={error} submit={C.addMember[l]}>
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
        </PostForm>
      </>,
    );
  }

  const organize = (req: FastifyRequest, id: string) => organizeEvent(req, db, id);

  app.get<{ Params: Params }>('/console/events/:id/team', async (req, reply) =>
    render(req, reply, await organize(req, req.params.id), { values: { role: 'moderator' } }),
  );

  app.post<{ Params: Params }>('/console/events/:id/team', async (req, reply) => {
    const event = await organize(req, req.params.id);
    const user = requireUser(req);
    return saveOrShowAgain(
      req,
      reply,
      async (values) => {
        const input = parseOrThrow(TeamPutBody, { email: str(values, 'email'), role: str(values, 'role') });
        await manage.addTeamMember(event, input.email, input.role, user);
        return `/console/events/${event.id}/team?saved=1`;
      },
      (form) => render(req, reply, event, form),
    );
  });

  app.post<{ Params: Params }>('/console/events/:id/team/:userId/delete', async (req, reply) => {
    const event = await organize(req, req.params.id);
    await manage.removeTeamMember(event, { userId: req.params.userId }, requireUser(req));
    return reply.redirect(`/console/events/${event.id}/team?saved=1`, 303);
  });
}
