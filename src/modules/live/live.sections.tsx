import type { UiExtensions } from '../../web/extensions.js';
import { liveUrl } from './live.params.js';
import { T } from './live.text.js';

/** What the live room adds to other modules' pages: the ticket page's way in, the console's links. */
export function addLiveSections(ui: UiExtensions): void {
  ui.ticketSections.push({
    key: 'live',
    order: 30,
    async render(req, event, ticket) {
      if (ticket.status !== 'confirmed') return null;
      const l = req.locale;
      return (
        <section id="live">
          <h2>{T.enterLive[l]}</h2>
          <p>{T.enterLiveIntro[l]}</p>
          <a class="btn" href={liveUrl(event.slug, ticket.ticket_code)}>
            {T.enterLive[l]}
          </a>
        </section>
      );
    },
  });
  ui.consoleLinks.push(
    { key: 'live-moderate', order: 30, label: T.moderation, path: '/moderate', access: 'moderate' },
    { key: 'live-stage', order: 31, label: T.stageControl, path: '/stage', access: 'moderate' },
    { key: 'live-polls', order: 32, label: T.polls, path: '/polls', access: 'moderate' },
    { key: 'live-projector', order: 33, label: T.projector, path: '/projector', access: 'moderate' },
    { key: 'live-overlay', order: 34, label: T.overlay, path: '/overlay', access: 'moderate' },
  );
}
