import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../errors.js';
import { page } from '../../web/page.js';
import { liveUrl } from './live.params.js';
import { T } from './live.text.js';

/** What the live page's question form sent, as typed. */
interface AskTyped {
  text: string;
  channel: string;
  authorName?: string | undefined;
  anonymous?: string | undefined;
  speakerId?: string | undefined;
  t?: string | undefined;
}

/**
 * A refused question (Q&A just closed, too short, too many from one person…) comes back as the form with the
 * question as typed and the reason in words, never as an error page that loses it (issue 11, point 7).
 */
export function askAgain(req: FastifyRequest, reply: FastifyReply, slug: string, f: AskTyped, err: AppError) {
  const l = req.locale;
  return page(
    req,
    reply,
    { title: T.ask, status: err.status },
    <section id="qa">
      <h1>{T.ask[l]}</h1>
      <div class="notice error" role="alert">
        {err.text[l]}
      </div>
      <form id="ask-form" method="post" action={`/e/${slug}/live/ask`} class="card">
        <input type="hidden" name="t" value={f.t ?? ''} />
        <input type="hidden" name="channel" value={f.channel} />
        {f.speakerId ? <input type="hidden" name="speakerId" value={f.speakerId} /> : null}
        {f.anonymous ? <input type="hidden" name="anonymous" value={f.anonymous} /> : null}
        <label for="q-text">{T.yourQuestion[l]}</label>
        <textarea id="q-text" name="text" required minLength={3} maxLength={500}>
          {f.text}
        </textarea>
        {f.t ? null : (
          <>
            <label for="q-name">{T.yourName[l]}</label>
            <input id="q-name" name="authorName" maxLength={80} value={f.authorName ?? ''} />
          </>
        )}
        <button type="submit">{T.send[l]}</button>
      </form>
      <p>
        <a href={liveUrl(slug, f.t, '#qa')}>{T.liveTitle[l]}</a>
      </p>
    </section>,
  );
}
