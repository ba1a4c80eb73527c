import type { AppContext } from '../../../context.js';
import type { AuthUser } from '../../../http/types.js';
import type { EventRow } from '../../events/index.js';
import type { MessagesService } from '../messages.service.js';
import { noticesRepository as repo } from '../notices/notices.repository.js';
import type { ThanksBody } from './thanks.text.js';

/**
 * After the event: the recording's link, and the thank-you — to those present (evaluation, certificate,
 * recording) and, in other words, to those absent (the recording) — as two messages, each once per key.
 */
export function createThanksService(ctx: AppContext, deps: { messages: MessagesService }) {
  const { db } = ctx;
  return {
    recording: (event: EventRow) => repo.recording(db, event.id),
    setRecording: (event: EventRow, url: string | null) => repo.setRecording(db, event.id, url),

    async send(event: EventRow, user: AuthUser, idempotencyKey?: string) {
      const recordingUrl = await repo.recording(db, event.id);
      const out = [];
      for (const variant of ['present', 'absent'] as const) {
        const body: ThanksBody = { variant, recordingUrl };
        out.push(
          await deps.messages.send(event, user, {
            kind: 'thanks',
            audience: { modes: ['onsite', 'online'], statuses: ['confirmed'], attendance: [variant] },
            subject: variant === 'present' ? 'Terima kasih (hadir)' : 'Terima kasih (tidak hadir)',
            body: JSON.stringify(body),
            channels: ['email'],
            idempotencyKey: idempotencyKey ? `${idempotencyKey}:${variant}` : undefined,
          }),
        );
      }
      return { present: out[0]!, absent: out[1]! };
    },
  };
}

export type ThanksService = ReturnType<typeof createThanksService>;
