import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { Text } from '../../i18n/index.js';
import { Notice } from '../../web/layout.js';
import { asPage, page } from '../../web/page.js';
import { loginRateLimit } from './auth.routes.js';
import { authService, SESSION_COOKIE } from './auth.service.js';

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

function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/console';
}

function loginPage(req: FastifyRequest, reply: FastifyReply, error?: string, status = 200) {
  const l = req.locale;
  const next = safeNext((req.query as { next?: string }).next);
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

export const authPages: FastifyPluginAsync = async (app) => {
  const { db, config } = app.ctx;
  app.addHook('onRequest', async (req) => asPage(req));

  app.get('/login', { schema: { hide: true } }, async (req, reply) => {
    if (req.user) return reply.redirect('/console');
    return loginPage(req, reply);
  });

  app.post(
    '/login',
    { schema: { hide: true }, config: { rateLimit: loginRateLimit } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string>;
      try {
        const user = await authService.checkPassword(
          db,
          String(body.email ?? ''),
          String(body.password ?? ''),
        );
        const s = await authService.createSession(db, user.id);
        reply.setCookie(SESSION_COOKIE, s.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.secureCookies,
          maxAge: s.maxAge,
        });
        return reply.redirect(safeNext((req.query as { next?: string }).next), 303);
      } catch (err) {
        if (err instanceof AppError) return loginPage(req, reply, err.text[req.locale], err.status);
        throw err;
      }
    },
  );

  app.post('/logout', { schema: { hide: true } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await authService.endSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
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

  app.get('/setup', { schema: { hide: true } }, async (req, reply) => {
    const token = (req.query as { token?: string }).token;
    if (!(await authService.checkSetupToken(db, token))) {
      return page(
        req,
        reply,
        { title: T.setupTitle, status: 403, nav: 'console' },
        <Notice kind="error">{T.setupInvalid[req.locale]}</Notice>,
      );
    }
    return setupForm(req, reply, token!);
  });

  app.post(
    '/setup',
    { schema: { hide: true }, config: { rateLimit: loginRateLimit } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string>;
      try {
        const user = await authService.completeSetup(db, body.token, {
          email: body.email ?? '',
          password: body.password ?? '',
          name: body.name,
          role: 'admin',
        });
        const s = await authService.createSession(db, user.id);
        reply.setCookie(SESSION_COOKIE, s.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.secureCookies,
          maxAge: s.maxAge,
        });
        return reply.redirect('/console?welcome=1', 303);
      } catch (err) {
        if (err instanceof AppError)
          return setupForm(req, reply, body.token ?? '', err.text[req.locale], err.status);
        if (err && typeof err === 'object' && 'issues' in err) {
          return setupForm(
            req,
            reply,
            body.token ?? '',
            req.locale === 'id'
              ? 'Periksa e-mail dan kata sandi (minimal 8 karakter).'
              : 'Check the e-mail and the password (at least 8 characters).',
            400,
          );
        }
        throw err;
      }
    },
  );
};
