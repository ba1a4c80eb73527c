import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import {
  ErrorNotice,
  Field,
  type FormError,
  type FormValues,
  formBody,
  str,
  TextArea,
} from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import { requireRole } from '../auth/index.js';
import { uploadUrl } from '../events/index.js';
import { canEditOrg, type OrganizationRow, OrgBody, OrgPatch } from '../orgs/index.js';
import { consolePage, formError, savedNotice } from './console.forms.js';
import { uploadFromForm } from './console.multipart.js';
import { C } from './console.text.js';

type Params = { id: string };

const orgInput = (v: FormValues) => ({
  name: str(v, 'name'),
  shortName: str(v, 'shortName'),
  website: str(v, 'website').trim() || null,
  description: str(v, 'description'),
});

export async function consoleOrgRoutes(app: FastifyInstance) {
  const { db } = app.ctx;
  const orgs = app.ctx.services.orgs;

  function OrgFields(props: {
    req: FastifyRequest;
    values: FormValues;
    error?: FormError | null | undefined;
  }) {
    const l = props.req.locale;
    const f = { l, values: props.values, error: props.error };
    return (
      <>
        <Field name="name" label={C.orgName} required minLength={2} maxLength={300} {...f} />
        <Field name="shortName" label={C.shortName} maxLength={80} {...f} />
        <Field name="website" label={C.website} type="url" inputMode="url" placeholder="https://" {...f} />
        <TextArea name="description" label={C.orgDescription} l={l} values={props.values} rows={3} />
      </>
    );
  }

  async function renderList(
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    error?: FormError | null,
    status = 200,
  ) {
    const l = req.locale;
    const all = await orgs.list();
    return consolePage(
      req,
      reply,
      { title: C.organizations, status },
      <>
        <p class="muted" style="margin:0">
          <a href="/console">{C.myEvents[l]}</a>
        </p>
        <h1>{C.organizations[l]}</h1>
        {savedNotice(req)}
        {all.length ? (
          <ul class="logos" style="list-style:none;padding:0;flex-direction:column;align-items:flex-start">
            {all.map((o) => (
              <li class="row">
                {o.logo_path ? <img src={uploadUrl(o.logo_path)!} alt="" height={48} /> : null}
                {canEditOrg(o, req.user) ? (
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
        <form method="post" action="/console/orgs" novalidate>
          <CsrfField req={req} />
          <ErrorNotice error={error} />
          <OrgFields req={req} values={values} error={error} />
          <p>
            <button type="submit">{C.createOrg[l]}</button>
          </p>
        </form>
      </>,
    );
  }

  app.get('/console/orgs', async (req, reply) => {
    requireRole(req, 'organizer');
    return renderList(req, reply, {});
  });

  app.post('/console/orgs', async (req, reply) => {
    const user = requireRole(req, 'organizer');
    const values = formBody(req);
    try {
      const org = await orgs.create(parseOrThrow(OrgBody, orgInput(values)), user);
      return reply.redirect(`/console/orgs/${org.id}?saved=1`, 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      return renderList(req, reply, values, fe, (err as { status: number }).status);
    }
  });

  async function editable(req: FastifyRequest, id: string): Promise<OrganizationRow> {
    const user = requireRole(req, 'organizer');
    const org = await orgs.get(id);
    if (!canEditOrg(org, user)) throw errors.forbidden();
    return org;
  }

  async function renderOrg(
    req: FastifyRequest,
    reply: FastifyReply,
    org: OrganizationRow,
    values: FormValues,
    error?: FormError | null,
    status = 200,
    logoError?: string,
  ) {
    const l = req.locale;
    return consolePage(
      req,
      reply,
      { title: org.name, status },
      <>
        <p class="muted" style="margin:0">
          <a href="/console/orgs">{C.organizations[l]}</a>
        </p>
        <h1>{org.name}</h1>
        {savedNotice(req)}
        <form method="post" action={`/console/orgs/${org.id}`} novalidate>
          <CsrfField req={req} />
          <ErrorNotice error={error} />
          <OrgFields req={req} values={values} error={error} />
          <p>
            <button type="submit">{C.save[l]}</button>
          </p>
        </form>
        <section class="card" id="logo">
          <h2 style="margin-top:0">{C.logo[l]}</h2>
          {logoError ? <Notice kind="error">{logoError}</Notice> : null}
          {org.logo_path ? (
            <img src={uploadUrl(org.logo_path)!} alt={`${C.logo[l]} ${org.name}`} height={64} />
          ) : null}
          <form method="post" action={`/console/orgs/${org.id}/logo`} enctype="multipart/form-data">
            <CsrfField req={req} />
            <label for="logo-file">{C.logo[l]}</label>
            <input id="logo-file" type="file" name="file" accept="image/jpeg,image/png,image/webp" required />
            <small class="muted">{C.logoHint[l]}</small>
            <p>
              <button type="submit">{C.upload[l]}</button>
            </p>
          </form>
        </section>
      </>,
    );
  }

  const valuesOf = (o: OrganizationRow): FormValues => ({
    name: o.name,
    shortName: o.short_name ?? '',
    website: o.website ?? '',
    description: o.description ?? '',
  });

  app.get<{ Params: Params }>('/console/orgs/:id', async (req, reply) => {
    const org = await editable(req, req.params.id);
    return renderOrg(req, reply, org, valuesOf(org));
  });

  app.post<{ Params: Params }>('/console/orgs/:id', async (req, reply) => {
    const org = await editable(req, req.params.id);
    const values = formBody(req);
    try {
      await orgs.update(org, parseOrThrow(OrgPatch, orgInput(values)), req.user!);
      return reply.redirect(`/console/orgs/${org.id}?saved=1`, 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      return renderOrg(req, reply, org, values, fe, (err as { status: number }).status);
    }
  });

  app.post<{ Params: Params }>('/console/orgs/:id/logo', async (req, reply) => {
    const { user, upload } = await uploadFromForm(req, db);
    const org = await editable(req, req.params.id);
    try {
      await orgs.setLogo(org, upload.file, user);
      return reply.redirect(`/console/orgs/${org.id}?saved=1#logo`, 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      return renderOrg(req, reply, org, valuesOf(org), null, (err as { status: number }).status, fe.message);
    }
  });
}
