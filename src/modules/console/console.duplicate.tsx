import type { FastifyInstance } from 'fastify';
import { parseOrThrow } from '../../http/validation.js';
import { toLocalInput } from '../../shared/time.js';
import { Field, str } from '../../web/forms.js';
import { DuplicateBody } from '../events/index.js';
import { localToIso } from './console.event-form.js';
import { StartEndFields } from './console.forms.js';
import { tabFormRoutes } from './console.tab-form.js';
import { C } from './console.text.js';

const WEEK = 7 * 86400_000;

/** "Duplicate for the next event": a new draft with a new title and dates, everything else copied. */
export async function consoleDuplicateRoutes(base: FastifyInstance) {
  const manage = base.ctx.services.eventsManage;
  await tabFormRoutes(base, {
    tab: 'duplicate',
    title: C.duplicate,
    intro: C.duplicateIntro,
    initial: (event) => ({
      title: event.title,
      startsAt: toLocalInput(event.starts_at + WEEK, event.timezone),
      endsAt: toLocalInput(event.ends_at + WEEK, event.timezone),
    }),
    fields: (event, f) => (
      <>
        <Field name="title" label={C.newTitle} required minLength={3} maxLength={200} {...f} />
        <StartEndFields f={f} endRequired />
        <p class="muted">
          {C.timezone[f.l]}: {event.timezone}
        </p>
      </>
    ),
    async save(event, values, user) {
      const input = parseOrThrow(DuplicateBody, {
        title: str(values, 'title'),
        startsAt: localToIso(str(values, 'startsAt'), event.timezone, 'startsAt'),
        endsAt: localToIso(str(values, 'endsAt'), event.timezone, 'endsAt'),
      });
      const copy = await manage.duplicate(event, input, user);
      return `/console/events/${copy.id}/edit?saved=1`;
    },
  });
}
