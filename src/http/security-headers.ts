import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { BoundedMemo } from '../shared/memo.js';

/**
 * Pages load scripts only from /assets (client islands; no inline script or handler anywhere, see
 * test/security-headers.test.ts). Styles stay inline-able: pages carry their own small <style> blocks
 * and islands set element styles. Framing is refused (clickjacking on console forms) except for the
 * projector and overlay screens, which streaming tools may embed. The certificate editor previews its
 * PDF from a blob: URL in a frame.
 */
const policies = new BoundedMemo<string>(100);

/** The policy per host (a node answers under one or two names; bounded, since Host is the client's). */
function pagePolicy(host: string, frameable: boolean): string {
  return policies.get(`${frameable ? 1 : 0}${host}`, () => buildPagePolicy(host, frameable));
}

function buildPagePolicy(host: string, frameable: boolean): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Older Safari does not count ws(s): of the same host as 'self'.
    `connect-src 'self' ws://${host} wss://${host}`,
    "frame-src 'self' blob:",
    "object-src 'self' blob:",
    "base-uri 'none'",
    `frame-ancestors ${frameable ? '*' : "'none'"}`,
  ].join('; ');
}

/** Uploaded files are people's documents: never run as a page of ours, even if one is HTML in disguise. */
const UPLOAD_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
/** An API answer is data: opened in a tab by mistake or by a trick, it may load nothing. */
const JSON_POLICY = "default-src 'none'; frame-ancestors 'none'";
/** Images show inline (<img> on event pages); every other upload downloads as a file. */
const INLINE_UPLOAD = /\.(jpe?g|png|webp|gif|avif)$/i;
/** Screens that OBS (a browser source) or a streaming tool's web page shows. */
const FRAMEABLE = /^\/e\/[^/?]+\/(projector|overlay)(\?|$)/;

function safeHost(req: FastifyRequest): string {
  const h = req.headers.host ?? '';
  return /^[\w.-]+(:\d+)?$/.test(h) ? h : 'localhost';
}

function setHeaders(req: FastifyRequest, reply: FastifyReply, https: boolean): void {
  reply.header('x-content-type-options', 'nosniff');
  // Ticket and certificate URLs carry secrets: other sites never see our paths in a Referer.
  // A page may ask for less (the ticket and invitation pages send none at all).
  if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
  if (https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  if (reply.hasHeader('content-security-policy')) return;
  if (req.url.startsWith('/uploads/')) {
    reply.header('content-security-policy', UPLOAD_POLICY);
    if (!INLINE_UPLOAD.test(req.url.split('?')[0] ?? '')) reply.header('content-disposition', 'attachment');
    return;
  }
  const type = String(reply.getHeader('content-type') ?? '');
  if (type.startsWith('text/html')) {
    const frameable = FRAMEABLE.test(req.url);
    reply.header('content-security-policy', pagePolicy(safeHost(req), frameable));
    if (!frameable) reply.header('x-frame-options', 'DENY');
  } else if (type.startsWith('application/json')) {
    reply.header('content-security-policy', JSON_POLICY);
  }
}

/** Security headers on every answer (issue 13 point 6); HSTS only when the public URL is https. */
export const securityHeaders = fp(async (app: FastifyInstance) => {
  const https = app.ctx.config.publicUrl.startsWith('https://');
  app.addHook('onSend', async (req, reply, payload) => {
    setHeaders(req, reply, https);
    return payload;
  });
});
