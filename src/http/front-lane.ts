import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import fp from 'fastify-plugin';
import { pickLocale } from '../i18n/index.js';
import { negotiate } from './precompressed.js';

/**
 * The anonymous crowd's lane. When a WhatsApp group opens the event link, thousands of phones ask for the same
 * cached page; each used to go through Fastify's whole request life (routing, cookie parsing, the session,
 * locale, input and security hooks, the reply's header checks) to send bytes that were ready. Measured on the
 * demo's event page, that machinery cost more than the page itself (bench/pages.ts).
 *
 * So the HTTP server answers such a request itself when an identical one was just answered through Fastify:
 * the answer (status 200, every header the hooks set, the compressed body) is kept under the request's key and
 * replayed while the route's own cache still holds the same page (`isCurrent`: the page cache of site.cache.ts,
 * dropped on every node by the events that change the page). Nothing is decided here that Fastify did not
 * decide for an identical request: the key holds everything such a page depends on — path, host (the CSP names
 * it), the coding and the language (from the `lang` cookie and Accept-Language, as the locale hook picks it).
 * A request with anything else that could change the answer (a query, any other cookie, a session or token,
 * If-None-Match, a body) takes the normal path.
 *
 * A replayed answer is counted in http_request_duration_seconds under its route; it is not logged line by
 * line (a crowd's page views are a metric, not log lines).
 */
interface Lane {
  headers: string[];
  body: Buffer;
  route: string;
  isCurrent: () => boolean;
}

interface ServerTimes {
  http?: http.ServerOptions;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

/** The only cookie an anonymous visitor's page depends on. */
const LANG_ONLY = /^lang=(id|en)$/;
const MAX_ENTRIES = 2000;

/** The key of a request the lane may answer, or null. The same function decides storing and answering. */
function keyOf(req: IncomingMessage): string | null {
  if (req.method !== 'GET') return null;
  const url = req.url;
  if (url === undefined || url.includes('?')) return null;
  const h = req.headers;
  if (h.authorization !== undefined || h['if-none-match'] !== undefined || h.upgrade !== undefined)
    return null;
  if (h['content-length'] !== undefined || h['transfer-encoding'] !== undefined) return null;
  let lang: string | undefined;
  if (h.cookie !== undefined) {
    const m = LANG_ONLY.exec(h.cookie);
    if (!m) return null;
    lang = m[1];
  }
  const locale = pickLocale(undefined, lang, h['accept-language']);
  return `${negotiate(h['accept-encoding'])} ${locale} ${h.host ?? ''} ${url}`;
}

export class FrontLane {
  private entries = new Map<string, Lane>();
  private open = true;
  /** Answers replayed (for tests and the curious; the metric counts them with their route). */
  hits = 0;
  /** Set once the services exist (the server is made before them). */
  observe: ((method: string, route: string, status: number, seconds: number) => void) | null = null;

  /** Answers `req` from the lane when it can; false sends it on to Fastify. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.open || this.entries.size === 0) return false;
    const key = keyOf(req);
    if (key === null) return false;
    const lane = this.entries.get(key);
    if (!lane) return false;
    if (!lane.isCurrent()) {
      this.entries.delete(key);
      return false;
    }
    const start = performance.now();
    res.writeHead(200, lane.headers);
    res.end(lane.body);
    this.hits++;
    this.observe?.('GET', lane.route, 200, (performance.now() - start) / 1000);
    return true;
  }

  remember(req: IncomingMessage, lane: Lane): void {
    const key = keyOf(req);
    if (key === null) return;
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, lane);
  }

  /** On shutdown every request goes to Fastify again, which answers 503 and closes connections. */
  close(): void {
    this.open = false;
    this.entries.clear();
  }

  /** A Fastify server factory: the same HTTP server Fastify makes, with the lane in front of its handler. */
  serverFactory(): FastifyServerFactory {
    return (handler, options) => {
      // Fastify passes its options with its defaults filled in; these are the ones its own server takes.
      const o = options as ServerTimes;
      const server = http.createServer(o.http ?? {}, (req, res) => {
        if (!this.serve(req, res)) handler(req, res);
      });
      // What Fastify sets on the server it makes itself (fastify/lib/server.js).
      if (o.keepAliveTimeout !== undefined) server.keepAliveTimeout = o.keepAliveTimeout;
      if (o.requestTimeout !== undefined) server.requestTimeout = o.requestTimeout;
      server.setTimeout(o.connectionTimeout ?? 0);
      if (o.maxRequestsPerSocket) server.maxRequestsPerSocket = o.maxRequestsPerSocket;
      return server;
    };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The node's front lane (tests read how many answers it replayed). */
    frontLane: FrontLane;
  }
  interface FastifyRequest {
    /** Set by a route whose answer may be replayed by the front lane while this returns true. */
    frontLane: (() => boolean) | null;
  }
}

/**
 * Keeps the answers routes opted in for (`req.frontLane`), as sent: registered after the security headers, so
 * its onSend sees every header the other hooks set. An answer that sets a cookie is never kept.
 */
export const frontLanePlugin = fp(async (app: FastifyInstance, opts: { lane: FrontLane }) => {
  const { lane } = opts;
  app.decorate('frontLane', lane);
  app.decorateRequest('frontLane', null);
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.frontLane === null || reply.statusCode !== 200 || !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('set-cookie')) return payload;
    const headers: string[] = [];
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined || name === 'content-length') continue;
      headers.push(name, String(value));
    }
    headers.push('content-length', String(payload.length));
    lane.remember(req.raw, {
      headers,
      body: payload,
      route: req.routeOptions.url ?? 'unmatched',
      isCurrent: req.frontLane,
    });
    return payload;
  });
  app.addHook('preClose', async () => lane.close());
});
