import type { FastifyInstance } from 'fastify';
import { precompress, sendPrecompressed } from '../http/precompressed.js';
import { CSS } from './styles.js';

/**
 * The site-wide stylesheet as a file of its own, named by its content, so a phone downloads it once and then
 * keeps it for a year: every page after the first is ~1 KB lighter (compressed), and a cached page is that much
 * cheaper to send (bench/pages.ts: the bytes on the wire are most of what a cached page costs). The first visit
 * pays one more request, on a connection already open. Compressed once at start (brotli 10, gzip 9).
 */
const FILE = precompress(CSS, 'text/css; charset=utf-8');

/** `/assets/aula.<hash>.css`: a new build with other styles is a new name, so no browser keeps stale rules. */
export const STYLESHEET_PATH = `/assets/aula.${FILE.etag.slice(1, 13)}.css`;

/** Registered before the static /assets/ files; a static route wins over their wildcard. */
export async function stylesheetRoute(app: FastifyInstance): Promise<void> {
  app.get(STYLESHEET_PATH, { schema: { hide: true } }, async (req, reply) =>
    sendPrecompressed(req, reply, FILE, { cacheControl: 'public, max-age=31536000, immutable' }),
  );
}
