import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../errors.js';
import type { Text } from '../i18n/index.js';
import { Layout, Notice, type PageMeta } from './layout.js';
import { type Children, sendPage } from './render.js';

interface PageOptions extends Omit<PageMeta, 'title'> {
  title: string | Text;
  status?: number;
  scripts?: string[];
  nav?: 'public' | 'console';
}

/** Renders a full page for this request: its language, its user (for the header) and its CSRF token. */
export function page(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: PageOptions,
  body: Children,
): FastifyReply {
  const title = typeof opts.title === 'string' ? opts.title : opts.title[req.locale];
  return sendPage(
    reply,
    <Layout
      locale={req.locale}
      path={req.url}
      user={req.user}
      csrf={req.user?.csrf ?? null}
      meta={{ ...opts, title }}
      scripts={opts.scripts}
      nav={opts.nav}
    >
      {body}
    </Layout>,
    opts.status ?? 200,
  );
}

/**
 * The error page every route outside the JSON API answers with (the error handler calls it, also for
 * input a route's schema refused before its handler ran): the message in the visitor's language, or the
 * login page for a 401.
 */
export function errorPage(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  if (err.status === 401) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
  return page(
    req,
    reply,
    { title: { id: 'Ada masalah', en: 'Something is wrong' }, status: err.status },
    <>
      <h1>{req.locale === 'id' ? 'Ada masalah' : 'Something is wrong'}</h1>
      <Notice kind="error">{err.text[req.locale]}</Notice>
      {req.method === 'POST' ? (
        // A refused form (too many tries from a shared Wi-Fi, say): the browser's Back keeps what was typed.
        <p>
          {req.locale === 'id'
            ? 'Isian Anda belum hilang: tekan tombol Kembali di browser, lalu kirim lagi.'
            : 'What you typed is not lost: press your browser’s Back button, then send it again.'}
        </p>
      ) : null}
      <p>
        <a href="/">{req.locale === 'id' ? 'Kembali ke beranda' : 'Back to the home page'}</a>
      </p>
    </>,
  );
}

/** A hidden CSRF field for forms rendered to a logged-in user. */
export function CsrfField(props: { req: FastifyRequest }) {
  return props.req.user?.csrf ? <input type="hidden" name="_csrf" value={props.req.user.csrf} /> : null;
}
