import { z } from 'zod';

/**
 * `/o/:slug`, `/e/:slug`: any text is looked up, so an unknown or overlong slug is the same 404 page
 * as a missing event (not a 400).
 */
export const SlugParam = z.object({ slug: z.string() });

/** Hooks run before the route's schema, so the query is read as it came. */
export const LangQuery = z.object({ lang: z.enum(['id', 'en']) });
