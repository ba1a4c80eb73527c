import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../errors.js';
import type { Text } from '../../i18n/index.js';
import { FormFields, formBody, str } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { page } from '../../web/page.js';
import { LoginBody, loginRateLimit, NewUserSchema, NextQuery } from './auth.schemas.js';
import { endSession, startSession } from './auth.session.js';

const T = {
  login: { id: 'Masuk', en: 'Log in' },
  email: { id: 'E-mail', en: 'E-mail' },
  password: { id: 'Kata sandi', en: 'Password' },
  name: { id: 'Nama', en: 'Name' },
  setupTitle: { id: 'Siapkan Aula', en: 'Set up Aula' },
  setupIntro: {
    id: 'Buat akun administrator pertama. Akun ini dapat membuat acara dan menambah panitia lain.',
    en: 'Create the first administrator account. It can create events and add other organizers.',
  },
  setupInvalid: {
    id: 'Tautan penyiapan tidak sah atau sudah dipakai. Jika belum ada akun, lihat tautan baru di konsol server.',
    en: 'This setup link is invalid or already used. If there is no account yet, find the new link in the server console.',
  },
  create: { id: 'Buat akun', en: 'Create account' },
  passwordHint: { id: 'Minimal 8 karakter.', en: 'At least 8 characters.' },
} satisfies Record<string, Text>;

function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/console';
}

const SetupQuery = z.object({ token: z.string().optional() });

function loginPage(
  req: FastifyRequest,
  reply: FastifyReply,
  next: string | undefined,
  error?: string,
  status = 200,
) {
  const l = req.locale;
  next = safeNext(next);
  return page(
    req,
    reply,
    { title: T.login, status, nav: 'console' },
    <section style="max-width:26rem">
      <h1>{T.login[l]}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form method="post" action={`/login?next=${encodeURIComponent(next)}`}>
        <label for="email">{T.email[l]}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">{T.password[l]}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{T.login[l]}</button>
        </p>
      </form>
    </section>,
  );
}

/** The HTML side of accounts: log in, log out, and the first-run setup of the administrator. */
export const authPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const auth = app.ctx.services.auth;

  app.get('/login', { schema: { hide: true, querystring: NextQuery } }, async (req, reply) => {
    if (req.user) return reply.redirect('/console');
    return loginPage(req, reply, req.query.next);
  });

  app.post(
    '/login',
    {
      schema: { hide: true, querystring: NextQuery, body: FormFields },
      config: { rateLimit: loginRateLimit },
    },
    async (req, reply) => {
      const values = formBody(req);
      try {
        const input = LoginBody.safeParse({ email: str(values, 'email'), password: str(values, 'password') });
        // An empty or oversized field is a wrong login like any other, said the same way.
        if (!input.success) throw errors.badCredentials();
        const user = await auth.checkPassword(input.data.email, input.data.password);
        await startSession(reply, user.id);
        return reply.redirect(safeNext(req.query.next), 303);
      } catch (err) {
        if (err instanceof AppError)
          return loginPage(req, reply, req.query.next, err.text[req.locale], err.status);
        throw err;
      }
    },
  );

  app.post('/logout', { schema: { hide: true } }, async (req, reply) => {
    await endSession(req, reply);
    return reply.redirect('/', 303);
  });

  const setupForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    error?: string,
    status = 200,
  ) => {
    const l = req.locale;
    return page(
      req,
      reply,
      { title: T.setupTitle, status, nav: 'console' },
      <section style="max-width:30rem">
        <h1>{T.setupTitle[l]}</h1>
        <p>{T.setupIntro[l]}</p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form method="post" action="/setup">
          <input type="hidden" name="token" value={token} />
          <label for="name">{T.name[l]}</label>
          <input id="name" name="name" autocomplete="name" required />
          <label for="email">{T.email[l]}</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
          <label for="password">{T.password[l]}</label>
          <input
            id="password"
            name="password"
            type="password"
            minLength={8}
            autocomplete="new-password"
            required
          />
          <p class="muted">{T.passwordHint[l]}</p>
          <p>
            <button type="submit">{T.create[l]}</button>
          </p>
        </form>
      </section>,
    );
  };

  app.get('/setup', { schema: { hide: true, querystring: SetupQuery } }, async (req, reply) => {
    const token = req.query.token;
    if (!token || !(await auth.checkSetupToken(token))) {
      return page(
        req,
        reply,
        { title: T.setupTitle, status: 403, nav: 'console' },
        <Notice kind="error">{T.setupInvalid[req.locale]}</Notice>,
      );
    }
    return setupForm(req, reply, token);
  });

  app.post(
    '/setup',
    { schema: { hide: true, body: FormFields }, config: { rateLimit: loginRateLimit } },
    async (req, reply) => {
      const values = formBody(req);
      const token = str(values, 'token');
      const input = NewUserSchema.safeParse({
        email: str(values, 'email'),
        password: str(values, 'password'),
        name: values.name === undefined ? undefined : str(values, 'name'),
        role: 'admin',
      });
      if (!input.success) {
        return setupForm(
          req,
          reply,
          token,
          req.locale === 'id'
            ? 'Periksa e-mail dan kata sandi (minimal 8 karakter).'
            : 'Check the e-mail and the password (at least 8 characters).',
          400,
        );
      }
      try {
        const user = await auth.completeSetup(token || undefined, input.data);
        await startSession(reply, user.id);
        return reply.redirect('/console?welcome=1', 303);
      } catch (err) {
        if (err instanceof AppError) return setupForm(req, reply, token, err.text[req.locale], err.status);
        throw err;
      }
    },
  );
};
