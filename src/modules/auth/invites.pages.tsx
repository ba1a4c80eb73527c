import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, errors } from '../../errors.js';
import type { AuthUser, GlobalRole } from '../../http/types.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Locale, Text } from '../../i18n/index.js';
import { endSentence } from '../../shared/names.js';
import { FormFields, formBody, str } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField, page } from '../../web/page.js';
import { requireRole } from './auth.request.js';
import { InviteBody, PasswordBody, TokenParam } from './auth.schemas.js';
import { startSession } from './auth.session.js';
import { inviteText, mayInvite } from './invites.service.js';

/** Least privilege first: the form starts on door staff, and a wider role is a deliberate choice. */
const ROLE_TEXT: Record<GlobalRole, Text> = {
  checkin: { id: 'Petugas presensi (pintu)', en: 'Check-in staff (door)' },
  moderator: { id: 'Moderator', en: 'Moderator' },
  organizer: { id: 'Panitia (penyelenggara)', en: 'Organizer' },
  admin: { id: 'Administrator', en: 'Administrator' },
};

const L = {
  title: { id: 'Akun panitia', en: 'Staff accounts' },
  intro: {
    id: 'Buat akun untuk petugas presensi dan moderator. Mereka menerima tautan pribadi untuk membuat kata sandi sendiri; setelah itu tambahkan mereka ke tim acara.',
    en: 'Create accounts for check-in staff and moderators. They get a personal link to set their own password; then add them to an event’s team.',
  },
  name: { id: 'Nama', en: 'Name' },
  email: { id: 'E-mail', en: 'E-mail' },
  role: { id: 'Peran', en: 'Role' },
  create: { id: 'Buat akun dan tautan', en: 'Create account and link' },
  made: {
    id: 'Akun dibuat. Kirim tautan ini kepada pemiliknya (berlaku 7 hari, sekali pakai):',
    en: 'Account created. Send this link to its owner (valid 7 days, single use):',
  },
  whatsapp: { id: 'Kirim lewat WhatsApp', en: 'Send by WhatsApp' },
  mailed: {
    id: 'Tautan juga dikirim ke e-mail tersebut.',
    en: 'The link was also e-mailed to that address.',
  },
  setTitle: { id: 'Buat kata sandi', en: 'Set your password' },
  setIntro: (name: string, role: string) => ({
    id: `${endSentence(`Halo ${name}`)} Anda ditambahkan ke Aula sebagai ${role}. Buat kata sandi untuk masuk.`,
    en: `${endSentence(`Hello ${name}`)} You were added to Aula as ${role}. Set a password to log in.`,
  }),
  password: { id: 'Kata sandi baru (minimal 8 karakter)', en: 'New password (at least 8 characters)' },
  save: { id: 'Simpan dan masuk', en: 'Save and log in' },
  short: { id: 'Kata sandi minimal 8 karakter.', en: 'The password needs at least 8 characters.' },
} satisfies Record<string, Text | ((...a: string[]) => Text)>;

async function usersPage(
  req: FastifyRequest,
  reply: FastifyReply,
  actor: AuthUser,
  extra: {
    made?: { url: string; mailed: boolean };
    error?: string;
    values?: Record<string, string>;
  } = {},
  status = 200,
) {
  const l: Locale = req.locale;
  const users = await req.server.ctx.services.auth.listUsers();
  const roles = (Object.keys(ROLE_TEXT) as GlobalRole[]).filter((r) => mayInvite(actor, r));
  return page(
    req,
    reply,
    { title: L.title, nav: 'console', status },
    <>
      <h1>{L.title[l]}</h1>
      <p>{L.intro[l]}</p>
      {extra.made ? (
        <Notice kind="ok">
          <p style="margin-top:0">{L.made[l]}</p>
          <p>
            <code style="overflow-wrap:anywhere">{extra.made.url}</code>
          </p>
          <a
            class="btn secondary"
            href={`https://wa.me/?text=${encodeURIComponent(inviteText(extra.made.url)[l])}`}
          >
            {L.whatsapp[l]}
          </a>
          {extra.made.mailed ? <p>{L.mailed[l]}</p> : null}
        </Notice>
      ) : null}
      {extra.error ? <Notice kind="error">{extra.error}</Notice> : null}
      <form method="post" action="/console/users" class="card">
        <CsrfField req={req} />
        <label for="inv-name">{L.name[l]}</label>
        <input id="inv-name" name="name" required maxLength={120} value={extra.values?.name ?? ''} />
        <label for="inv-email">{L.email[l]}</label>
        <input
          id="inv-email"
          name="email"
          type="email"
          required
          maxLength={200}
          value={extra.values?.email ?? ''}
        />
        <label for="inv-role">{L.role[l]}</label>
        <select id="inv-role" name="role">
          {roles.map((r) => (
            <option value={r} selected={(extra.values?.role || 'checkin') === r}>
              {ROLE_TEXT[r][l]}
            </option>
          ))}
        </select>
        <p>
          <button type="submit">{L.create[l]}</button>
        </p>
      </form>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{L.name[l]}</th>
              <th scope="col">{L.email[l]}</th>
              <th scope="col">{L.role[l]}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{ROLE_TEXT[u.role]?.[l] ?? u.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>,
  );
}

async function setPasswordPage(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  error?: string,
  status = 200,
) {
  const l = req.locale;
  const row = await req.server.ctx.services.invites.find(token);
  if (!row || row.used_at !== null || row.expires_at < Date.now()) {
    return page(
      req,
      reply,
      { title: L.setTitle, status: 410 },
      <Notice kind="error">{errors.inviteUsed().text[l]}</Notice>,
    );
  }
  return page(
    req,
    reply,
    { title: L.setTitle, status },
    <section style="max-width:28rem">
      <h1>{L.setTitle[l]}</h1>
      <p>{L.setIntro(row.name, ROLE_TEXT[row.role][l])[l]}</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form method="post" action={`/akun/${encodeURIComponent(token)}`}>
        <label for="pw">{L.password[l]}</label>
        <input id="pw" name="password" type="password" minLength={8} autocomplete="new-password" required />
        <p>
          <button type="submit">{L.save[l]}</button>
        </p>
      </form>
    </section>,
  );
}

/** Staff accounts in the console (`/console/users`) and the personal link to set a password (`/akun/:token`). */
export const invitesPages: FastifyPluginAsync = async (base) => {
  const pages = base.withTypeProvider<ZodTypeProvider>();
  const { invites } = pages.ctx.services;

  pages.get('/console/users', { schema: { hide: true } }, async (req, reply) =>
    usersPage(req, reply, requireRole(req, 'organizer')),
  );

  pages.post('/console/users', { schema: { hide: true, body: FormFields } }, async (req, reply) => {
    const actor = requireRole(req, 'organizer');
    const values = formBody(req);
    const kept = { name: str(values, 'name'), email: str(values, 'email'), role: str(values, 'role') };
    try {
      const input = parseOrThrow(InviteBody, {
        email: values.email,
        name: values.name,
        role: values.role,
      });
      const made = await invites.invite(input, actor);
      return usersPage(req, reply, actor, { made }, 201);
    } catch (err) {
      if (err instanceof AppError)
        return usersPage(req, reply, actor, { error: err.text[req.locale], values: kept }, err.status);
      throw err;
    }
  });

  pages.get('/akun/:token', { schema: { hide: true, params: TokenParam } }, (req, reply) =>
    setPasswordPage(req, reply, req.params.token),
  );
  pages.post(
    '/akun/:token',
    { schema: { hide: true, params: TokenParam, body: FormFields } },
    async (req, reply) => {
      const token = req.params.token;
      const parsed = PasswordBody.safeParse({ password: str(formBody(req), 'password') });
      if (!parsed.success) return setPasswordPage(req, reply, token, L.short[req.locale], 400);
      try {
        const { userId } = await invites.accept(token, parsed.data.password);
        await startSession(reply, userId);
        return reply.redirect('/console', 303);
      } catch (err) {
        if (err instanceof AppError)
          return setPasswordPage(req, reply, token, err.text[req.locale], err.status);
        throw err;
      }
    },
  );
};
