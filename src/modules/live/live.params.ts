import { z } from 'zod';
import { RouteId } from '../../http/params.js';

// Route parameters of the live pages and forms, and the live page's address.

export const SlugParams = z.object({ slug: RouteId });
export const SpeakerParams = z.object({ slug: RouteId, personId: RouteId });
export const QuestionParams = z.object({ slug: RouteId, qid: RouteId });
export const PollParams = z.object({ slug: RouteId, pid: RouteId });

/** The live page's address, keeping the ticket (`?t=`) and adding the rest of the query. */
export const liveUrl = (slug: string, t: string | null | undefined, extra = '') =>
  `/e/${slug}/live${t ? `?t=${encodeURIComponent(t)}${extra ? `&${extra}` : ''}` : extra ? `?${extra}` : ''}`;
