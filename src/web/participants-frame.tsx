import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Text } from '../i18n/index.js';
import type { EventRow } from '../modules/events/index.js';
import { page } from './page.js';
import type { Children } from './render.js';

export const CF = {
  back: { id: 'Kembali ke konsol acara', en: 'Back to the event console' },
  registrations: { id: 'Pendaftar', en: 'Registrations' },
  settings: { id: 'Pengaturan pendaftaran', en: 'Registration settings' },
  seating: { id: 'Denah kursi', en: 'Seat plan' },
  invitations: { id: 'Undangan', en: 'Invitations' },
} satisfies Record<string, Text>;

/**
 * The frame of the participant tools in the console (registrations, their settings, seat plan, invitations —
 * three modules, one menu): back to the event's console, then the tools' own links.
 */
export function consoleFrame(
  req: FastifyRequest,
  reply: FastifyReply,
  event: EventRow,
  title: Text,
  body: Children,
  status = 200,
) {
  const l = req.locale;
  const base = `/console/events/${event.id}`;
  return page(
    req,
    reply,
    { title: `${title[l]} — ${event.title}`, nav: 'console', status },
    <>
      <p class="muted" style="margin:0">
        <a href={base}>← {CF.back[l]}</a>
      </p>
      <h1 style="font-size:1.3rem">{event.title}</h1>
      <nav
        class="row"
        aria-label={title[l]}
        style="margin-bottom:1rem;border-bottom:1px solid var(--line);padding-bottom:.5rem"
      >
        {(
          [
            ['registrations', '/registrations'],
            ['settings', '/registration-settings'],
            ['seating', '/seating'],
            ['invitations', '/invitations'],
          ] as const
        ).map(([k, p]) => (
          <a href={`${base}${p}`} aria-current={CF[k] === title ? 'page' : undefined}>
            {CF[k][l]}
          </a>
        ))}
      </nav>
      <h2 style="margin-top:0">{title[l]}</h2>
      {body}
    </>,
  );
}
