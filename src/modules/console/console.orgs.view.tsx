import type { FastifyRequest } from 'fastify';
import { Field, type FormError, type FormValues, TextArea } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import { uploadUrl } from '../events/index.js';
import type { OrganizationRow } from '../orgs/index.js';
import { C } from './console.text.js';

/** An organization as its form shows it. */
export const valuesOf = (o: OrganizationRow): FormValues => ({
  name: o.name,
  shortName: o.short_name ?? '',
  website: o.website ?? '',
  description: o.description ?? '',
});

/** The organization's fields (new and edit forms). */
export function OrgFields(props: {
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

/** The logo upload (a multipart form of its own) with the current logo. */
export function LogoSection(props: {
  req: FastifyRequest;
  org: OrganizationRow;
  error?: string | undefined;
}) {
  const { req, org, error: logoError } = props;
  const l = req.locale;
  return (
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
  );
}
