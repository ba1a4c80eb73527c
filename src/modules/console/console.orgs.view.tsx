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
  city: o.city ?? '',
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
      <Field
        name="city"
        label={{ id: 'Kota/Kabupaten', en: 'City (Kota/Kabupaten)' }}
        hint={{
          id: 'Tempat penandatanganan laporan, sertifikat dan daftar hadir acara organisasi ini (bisa diganti per acara).',
          en: 'Where this organization’s reports, certificates and attendance lists are signed (each event may override it).',
        }}
        maxLength={100}
        placeholder="Kota Probolinggo"
        {...f}
      />
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

const M = {
  members: { id: 'Anggota organisasi', en: 'Organization members' },
  intro: {
    id: 'Hanya anggota yang dapat menaruh acara di bawah organisasi ini atau mengubahnya, dan pengumuman hanya menjangkau peserta acara organisasi tempat pengirim menjadi anggota. Pemilik mengatur anggota.',
    en: 'Only members can put events under this organization or change it, and announcements reach only attendees of organizations the sender belongs to. Owners manage the members.',
  },
  owner: { id: 'Pemilik', en: 'Owner' },
  organizer: { id: 'Penyelenggara', en: 'Organizer' },
  email: { id: 'E-mail akun panitia', en: 'Staff account e-mail' },
  role: { id: 'Peran', en: 'Role' },
  add: { id: 'Tambahkan atau ubah peran', en: 'Add or change the role' },
  remove: { id: 'Keluarkan', en: 'Remove' },
  leave: { id: 'Keluar dari organisasi', en: 'Leave the organization' },
};

interface OrgMemberView {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'organizer';
}

/** The members of an organization; owners (and admins) add, change and remove them, anyone may leave. */
export function MembersSection(props: {
  req: FastifyRequest;
  org: OrganizationRow;
  members: OrgMemberView[];
  canManage: boolean;
  error?: string | undefined;
}) {
  const { req, org, members, canManage } = props;
  const l = req.locale;
  const me = req.user?.id;
  return (
    <section class="card" id="members">
      <h2 style="margin-top:0">{M.members[l]}</h2>
      <p class="muted">{M.intro[l]}</p>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <ul style="list-style:none;padding:0">
        {members.map((m) => (
          <li class="row">
            <span>
              {m.name} · {m.email} · <strong>{M[m.role][l]}</strong>
            </span>
            {canManage || m.id === me ? (
              <form method="post" action={`/console/orgs/${org.id}/members/${m.id}/remove`}>
                <CsrfField req={req} />
                <button type="submit" class="secondary">
                  {m.id === me ? M.leave[l] : M.remove[l]}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <form method="post" action={`/console/orgs/${org.id}/members`}>
          <CsrfField req={req} />
          <label for="member-email">{M.email[l]}</label>
          <input id="member-email" type="email" name="email" required maxLength={200} autocomplete="off" />
          <label for="member-role">{M.role[l]}</label>
          <select id="member-role" name="role">
            <option value="organizer">{M.organizer[l]}</option>
            <option value="owner">{M.owner[l]}</option>
          </select>
          <p>
            <button type="submit">{M.add[l]}</button>
          </p>
        </form>
      ) : null}
    </section>
  );
}
