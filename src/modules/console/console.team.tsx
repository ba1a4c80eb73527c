import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, routeParams } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import {
  ActionButton,
  Field,
  FormFields,
  type KeptForm,
  ListTable,
  labelOptions,
  PostForm,
  SavedNotice,
  SavedQuery,
  Select,
  str,
} from '../../web/forms.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, TEAM_ROLES, TeamPutBody } from '../events/index.js';
import { consolePage, organizeEvent, saveOrShowAgain } from './console.forms.js';
import { C, TEAM_ROLE_LABELS } from './console.text.js';

export async function consoleTeamRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const manage = app.ctx.services.eventsManage;

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    form: KeptForm & { saved?: string },
  ) {
    const l = req.locale;
    const { values, error } = form;
    const team = await manage.team(event);
    return consolePage(
      req,
      reply,
      { title: C.team, event, tab: 'team', status: form.status },
      <>
        <SavedNotice saved={form.saved} l={l} />
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
            options={labelOptions(TEAM_ROLES, TEAM_ROLE_LABELS, l)}
          />
        </PostForm>
      </>,
    );
  }

  const organize = (req: FastifyRequest, id: string) => organizeEvent(req, db, id);

  app.get(
    '/console/events/:id/team',
    { schema: { params: IdParam, querystring: SavedQuery } },
    async (req, reply) =>
      render(req, reply, await organize(req, req.params.id), {
        values: { role: 'moderator' },
        saved: req.query.saved,
      }),
  );

  app.post(
    '/console/events/:id/team',
    { schema: { params: IdParam, body: FormFields } },
    async (req, reply) => {
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
    },
  );

  app.post(
    '/console/events/:id/team/:userId/delete',
    { schema: { params: routeParams('id', 'userId') } },
    async (req, reply) => {
      const event = await organize(req, req.params.id);
      await manage.removeTeamMember(event, { userId: req.params.userId }, requireUser(req));
      return reply.redirect(`/console/events/${event.id}/team?saved=1`, 303);
    },
  );
}
