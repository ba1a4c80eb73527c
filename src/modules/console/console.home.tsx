import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatDateTime } from '../../shared/time.js';
import { ActionButton } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { requireRole, requireUser } from '../auth/index.js';
import { DEMO_SLUG } from '../demo/index.js';
import { allows, eventRolesOf } from '../events/index.js';
import { consolePage } from './console.forms.js';
import { C } from './console.text.js';

/** `?welcome=1`: the first visit after setting up the first account. */
const HomeQuery = z.object({ welcome: z.string().optional() });

/** The console's front page: the events the user works on, "new event", and the demo while it is missing. */
export async function consoleHomeRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config, bus } = app.ctx;
  const events = app.ctx.services.events;

  app.get('/console', { schema: { querystring: HomeQuery } }, async (req, reply) => {
    const user = requireUser(req);
    const l = req.locale;
    const all = await events.list(user);
    // The console lists what the user works on, not every published event of others.
    const roles = await eventRolesOf(db, all, user);
    const mine = all.filter((e) => roles.get(e.id));
    const canCreate = user.role === 'admin' || user.role === 'organizer';
    const demoMissing = canCreate && !(await events.isSlugTaken(DEMO_SLUG));
    // Door staff and moderators land on their work: each event row links straight to the tools their role
    // opens (the check-in page, the moderation), not to an organizer's overview full of refusals.
    const links = [...app.ctx.ui.consoleLinks].sort((a, b) => a.order - b.order);
    const toolsFor = (e: (typeof mine)[number]) => {
      const role = roles.get(e.id) ?? null;
      return role === 'organizer' ? [] : links.filter((t) => t.access && allows(e, role, t.access));
    };
    const staffOnly = mine.some((e) => roles.get(e.id) !== 'organizer');
    return consolePage(
      req,
      reply,
      { title: C.console },
      <>
        <h1>{C.myEvents[l]}</h1>
        {req.query.welcome ? <Notice kind="ok">{C.welcome[l]}</Notice> : null}
        {canCreate ? (
          <p class="row">
            <a class="btn" href="/console/events/new">
              {C.newEvent[l]}
            </a>
            <a class="btn secondary" href="/console/orgs">
              {C.organizations[l]}
            </a>
          </p>
        ) : null}
        {demoMissing ? (
          <div class="card">
            <p style="margin-top:0">{C.demoHint[l]}</p>
            <ActionButton req={req} action="/console/demo" label={`${C.loadDemo[l]}`} kind="secondary" />
          </div>
        ) : null}
        {mine.length && !canCreate ? (
          // Door staff and moderators on a phone: one card per event, their tools as buttons.
          mine.map((e) => (
            <div class="card">
              <h2 style="margin-top:0;font-size:1.1rem">
                <a href={`/console/events/${e.id}`}>{e.title}</a>
              </h2>
              <p class="muted">{formatDateTime(e.starts_at, e.timezone, l)}</p>
              <p class="row">
                {toolsFor(e).map((t) => (
                  <a class="btn" href={`/console/events/${e.id}${t.path}`}>
                    {t.label[l]}
                  </a>
                ))}
              </p>
            </div>
          ))
        ) : mine.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{C.title[l]}</th>
                  <th scope="col">{C.when[l]}</th>
                  <th scope="col">{C.status[l]}</th>
                  {staffOnly ? <th scope="col">{C.yourTools[l]}</th> : null}
                </tr>
              </thead>
              <tbody>
                {mine.map((e) => (
                  <tr>
                    <td>
                      <a href={`/console/events/${e.id}`}>{e.title}</a>
                    </td>
                    <td>{formatDateTime(e.starts_at, e.timezone, l)}</td>
                    <td>
                      <span class={`badge ${e.status === 'published' ? 'ok' : 'warn'}`}>
                        {e.status === 'published' ? C.published[l] : C.draft[l]}
                      </span>
                    </td>
                    {staffOnly ? (
                      <td>
                        {toolsFor(e).map((t, i) => (
                          <>
                            {i ? ' · ' : ''}
                            <a href={`/console/events/${e.id}${t.path}`}>{t.label[l]}</a>
                          </>
                        ))}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{canCreate ? C.noEvents[l] : C.noTeamEvents[l]}</p>
        )}
      </>,
    );
  });

  app.post('/console/demo', async (req, reply) => {
    const user = requireRole(req, 'organizer');
    const { slug } = await app.ctx.services.demo.load({ ownerEmail: user.email, dataDir: config.dataDir });
    const event = await events.find(slug);
    // The demo is written by the repository, not the events service: tell cached lists and pages.
    if (event) await bus.emit('event.published', { eventId: event.id, actorId: user.id });
    return reply.redirect(event ? `/console/events/${event.id}` : '/console', 303);
  });
}
