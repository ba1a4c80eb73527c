import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Text } from '../i18n/index.js';
import { page } from './page.js';
import type { Children } from './render.js';

/**
 * A tool of one event in the console (report, evaluation, media…): titled "<tool> · <event>", a link back to
 * the event's console (or to `back`, a page of the tool), the tool's heading, then its own content.
 */
export function eventToolPage(
  req: FastifyRequest,
  reply: FastifyReply,
  event: { id: string; title: string },
  title: Text,
  body: Children,
  opts: { status?: number; back?: { href: string; label: Text } } = {},
) {
  const l = req.locale;
  return page(
    req,
    reply,
    {
      title: `${title[l]} · ${event.title}`,
      nav: 'console',
      ...(opts.status ? { status: opts.status } : {}),
    },
    <>
      <p>
        <a href={opts.back?.href ?? `/console/events/${event.id}`}>← {opts.back?.label[l] ?? event.title}</a>
      </p>
      <h1>{title[l]}</h1>
      {body}
    </>,
  );
}
