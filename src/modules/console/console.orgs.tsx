import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import {
  FormFields,
  type FormValues,
  formBody,
  type KeptForm,
  PostForm,
  SavedNotice,
  SavedQuery,
  str,
} from '../../web/forms.js';
import { requireRole } from '../auth/index.js';
import { uploadUrl } from '../events/index.js';
import { MemberParams, MemberPut, type OrganizationRow, OrgBody, OrgPatch } from '../orgs/index.js';
import { consolePage, formError, saveOrShowAgain } from './console.forms.js';
import { uploadFromForm } from './console.multipart.js';
import { LogoSection, MembersSection, OrgFields, valuesOf } from './console.orgs.view.js';
import { C } from './console.text.js';

const orgInput = (v: FormValues) => ({
  name: str(v, 'name'),
  shortName: str(v, 'shortName'),
  website: str(v, 'website').trim() || null,
  description: str(v, 'description'),
  city: str(v, 'city'),
});

export async function consoleOrgRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const orgs = app.ctx.services.orgs;

  async function renderList(req: FastifyRequest, reply: FastifyReply, form: KeptForm & { saved?: string }) {
    const l = req.locale;
    const { values, error, status = 200 } = form;
    const [all, mine] = await Promise.all([orgs.list(), orgs.editableIds(req.user)]);
    return consolePage(
      req,
      reply,
      { title: C.organizations, status },
      <>
        <p class="muted" style="margin:0">
          <a href="/console">{C.myEvents[l]}</a>
        </p>
        <h1>{C.organizations[l]}</h1>
        <SavedNotice saved={form.saved} l={l} />
        {all.length ? (
          <ul class="logos" style="list-style:none;padding:0;flex-direction:column;align-items:flex-start">
            {all.map((o) => (
              <li class="row">
                {o.logo_path ? <img src={uploadUrl(o.logo_path)!} alt="" height={48} /> : null}
                {mine === 'all' || mine.has(o.id) ? (
                  <a href={`/console/orgs/${o.id}`}>{o.name}</a>
                ) : (
                  <span>{o.name}</span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{C.noOrgsYet[l]}</p>
        )}
        <h2>{C.newOrg[l]}</h2>
        <PostForm req={req} action="/console/orgs" error={error} submit={C.createOrg[l]}>
          <OrgFields req={req} values={values} error={error} />
        </PostForm>
      </>,
    );
  }

  app.get('/console/orgs', { schema: { querystring: SavedQuery } }, async (req, reply) => {
    requireRole(req, 'organizer');
    return renderList(req, reply, { values: {}, saved: req.query.saved });
  });

  app.post('/console/orgs', { schema: { body: FormFields } }, async (req, reply) => {
    const user = requireRole(req, 'organizer');
    return saveOrShowAgain(
      req,
      reply,
      async (values) => {
        const org = await orgs.create(parseOrThrow(OrgBody, orgInput(values)), user);
        return `/console/orgs/${org.id}?saved=1`;
      },
      (form) => renderList(req, reply, form),
    );
  });

  async function editable(req: FastifyRequest, id: string): Promise<OrganizationRow> {
    const user = requireRole(req, 'organizer');
    const org = await orgs.get(id);
    await orgs.assertCanEdit(org, user);
    return org;
  }

  async function renderOrg(
    req: FastifyRequest,
    reply: FastifyReply,
    org: OrganizationRow,
    form: KeptForm & { saved?: string; logoError?: string; memberError?: string },
  ) {
    const l = req.locale;
    const { values, error, status = 200, logoError } = form;
    const user = requireRole(req, 'organizer');
    const [members, role] = await Promise.all([orgs.members(org, user), orgs.roleOf(org.id, user)]);
    return consolePage(
      req,
      reply,
      { title: org.name, status },
      <>
        <p class="muted" style="margin:0">
          <a href="/console/orgs">{C.organizations[l]}</a>
        </p>
        <h1>{org.name}</h1>
        <SavedNotice saved={form.saved} l={l} />
        <PostForm req={req} action={`/console/orgs/${org.id}`} error={error} submit={C.save[l]}>
          <OrgFields req={req} values={values} error={error} />
        </PostForm>
        <LogoSection req={req} org={org} error={logoError} />
        <MembersSection
          req={req}
          org={org}
          members={members}
          canManage={role === 'owner'}
          error={form.memberError}
        />
      </>,
    );
  }

  app.get(
    '/console/orgs/:id',
    { schema: { params: IdParam, querystring: SavedQuery } },
    async (req, reply) => {
      const org = await editable(req, req.params.id);
      return renderOrg(req, reply, org, { values: valuesOf(org), saved: req.query.saved });
    },
  );

  app.post('/console/orgs/:id', { schema: { params: IdParam, body: FormFields } }, async (req, reply) => {
    const user = requireRole(req, 'organizer');
    const org = await editable(req, req.params.id);
    return saveOrShowAgain(
      req,
      reply,
      async (values) => {
        await orgs.update(org, parseOrThrow(OrgPatch, orgInput(values)), user);
        return `/console/orgs/${org.id}?saved=1`;
      },
      (form) => renderOrg(req, reply, org, form),
    );
  });

  app.post('/console/orgs/:id/logo', { schema: { params: IdParam } }, async (req, reply) => {
    const { user, upload } = await uploadFromForm(req);
    const org = await editable(req, req.params.id);
    try {
      await orgs.setLogo(org, upload.file, user);
      return reply.redirect(`/console/orgs/${org.id}?saved=1#logo`, 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      return renderOrg(req, reply, org, {
        values: valuesOf(org),
        status: (err as { status: number }).status,
        logoError: fe.message,
      });
    }
  });

  /** Members: add or change a role (owners), remove someone (owners) or leave; errors show on the page. */
  async function memberChange(
    req: FastifyRequest,
    reply: FastifyReply,
    org: OrganizationRow,
    change: () => Promise<string>,
  ) {
    try {
      return reply.redirect(await change(), 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      return renderOrg(req, reply, org, {
        values: valuesOf(org),
        status: (err as { status: number }).status,
        memberError: fe.message,
      });
    }
  }

  app.post(
    '/console/orgs/:id/members',
    { schema: { params: IdParam, body: FormFields } },
    async (req, reply) => {
      const user = requireRole(req, 'organizer');
      const org = await editable(req, req.params.id);
      const values = formBody(req);
      return memberChange(req, reply, org, async () => {
        const input = parseOrThrow(MemberPut, { email: str(values, 'email'), role: str(values, 'role') });
        await orgs.putMember(org, input.email, input.role, user);
        return `/console/orgs/${org.id}?saved=1#members`;
      });
    },
  );

  app.post(
    '/console/orgs/:id/members/:userId/remove',
    { schema: { params: MemberParams, body: FormFields } },
    async (req, reply) => {
      const user = requireRole(req, 'organizer');
      const org = await editable(req, req.params.id);
      return memberChange(req, reply, org, async () => {
        await orgs.removeMember(org, req.params.userId, user);
        // Who left no longer edits the organization: back to the list.
        return req.params.userId === user.id
          ? '/console/orgs?saved=1'
          : `/console/orgs/${org.id}?saved=1#members`;
      });
    },
  );
}
