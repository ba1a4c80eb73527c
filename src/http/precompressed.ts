import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BoundedMemo } from '../shared/memo.js';

/**
 * A cached answer compressed once per encoding when the cache fills, instead of once per request by
 * @fastify/compress: a crowd opening the same link costs one brotli pass, not one per visitor. Brotli
 * runs at a high quality because it runs rarely; the ETag is the hash of the uncompressed body, so
 * every node that renders the same page gives the same tag and a browser's `If-None-Match` gets a 304.
 */
export interface Precompressed {
  /** The uncompressed body's hash, quoted as an entity tag. */
  readonly etag: string;
  readonly type: string;
  readonly identity: Buffer;
  readonly br: Buffer;
  readonly gzip: Buffer;
}

/**
 * Measured on the demo event page (13 KB): quality 4 (per request before) 3.8 KB in 0.4 ms, 10 gives
 * 3.3 KB in ~7 ms, 11 only 55 bytes less for twice the time. A page that changes every second (places
 * left during a registration rush) costs one such pass per second per language, on the event loop.
 */
const BROTLI_QUALITY = 10;
/**
 * For a page that keeps changing (places left while registrations pour in: every registration drops it), a
 * pass at quality 10 per change would be the node's biggest cost (~10% of its CPU in the event-day bench). At
 * quality 5 brotli is several times faster for a few percent more bytes; gzip drops from 9 to 6 likewise.
 */
const BROTLI_QUALITY_CHURN = 5;

const hashOf = (body: Buffer) => createHash('sha256').update(body).digest('base64url').slice(0, 27);

/**
 * Compresses `body`, or returns `previous` when the body did not change (a cache refilled with the
 * same page keeps its compressed bytes).
 */
export function precompress(
  body: string,
  type: string,
  previous?: Precompressed | null,
  opts: { churn?: boolean } = {},
): Precompressed {
  const identity = Buffer.from(body, 'utf8');
  const etag = `"${hashOf(identity)}"`;
  if (previous && previous.etag === etag && previous.type === type) return previous;
  const br = brotliCompressSync(identity, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: opts.churn ? BROTLI_QUALITY_CHURN : BROTLI_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
    },
  });
  const gzip = gzipSync(identity, { level: opts.churn ? 6 : constants.Z_BEST_COMPRESSION });
  return { etag, type, identity, br, gzip };
}

type Coding = 'br' | 'gzip' | 'identity';

/**
 * Browsers send a handful of distinct `Accept-Encoding` values; parsing the header was ~2% of a cached page's
 * CPU, so answers are remembered per header (bounded: a client may send anything).
 */
const negotiated = new BoundedMemo<Coding>(200);

/** The best coding the request accepts (brotli, then gzip), from `Accept-Encoding` with its q-values. */
export function negotiate(header: string | undefined): Coding {
  if (!header) return 'identity';
  return negotiated.get(header, () => parseAcceptEncoding(header));
}

function parseAcceptEncoding(header: string): Coding {
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name!.trim(), qp ? Number(qp.slice(2)) : 1);
  }
  const accepts = (c: string) => (q.get(c) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip') || (q.get('x-gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}

/** Entity tags per representation: the compressed bytes differ, so their strong tags do too. */
const tagFor = (etag: string, coding: Coding) =>
  coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding}"`;

/** True when `If-None-Match` names this body in any coding (weak comparison, as RFC 9110 asks for GET). */
function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const base = etag.slice(1, -1);
  return header.split(',').some((raw) => {
    const t = raw.trim().replace(/^W\//, '');
    return t === '*' || t.replace(/-(br|gzip)"$/, '"').slice(1, -1) === base;
  });
}

/**
 * Sends a precompressed answer in the best coding the request accepts, or a 304 when the browser
 * already holds it. `Content-Encoding` being set makes @fastify/compress leave the bytes alone.
 * Browsers keep the page but ask again every time (`no-cache`), so a change shows at once; a file whose
 * name changes with its content says so with its own `cacheControl`.
 */
export function sendPrecompressed(
  req: FastifyRequest,
  reply: FastifyReply,
  body: Precompressed,
  opts: { vary?: string[]; cacheControl?: string; front?: () => boolean } = {},
): FastifyReply {
  const coding = negotiate(req.headers['accept-encoding']);
  // The front lane may replay this answer to identical requests while `front` says the page is current.
  if (opts.front) req.frontLane = opts.front;
  reply
    .header('etag', tagFor(body.etag, coding))
    .header('vary', ['Accept-Encoding', ...(opts.vary ?? [])].join(', '))
    .header('cache-control', opts.cacheControl ?? 'private, no-cache');
  if (notModified(req.headers['if-none-match'], body.etag)) return reply.status(304).send();
  reply.type(body.type);
  if (coding === 'identity') return reply.send(body.identity);
  return reply.header('content-encoding', coding).send(coding === 'br' ? body.br : body.gzip);
}
