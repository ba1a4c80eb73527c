import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { page } from '../../../web/page.js';
import { ticketShell } from './ticket.shell.js';

/** A reply that keeps what a page sends (status, headers, body), for comparing two ways of rendering one page. */
function captured() {
  const out = { status: 0, headers: {} as Record<string, string>, body: '' as string | Buffer };
  const reply = {
    status(s: number) {
      out.status = s;
      return reply;
    },
    type(t: string) {
      out.headers['content-type'] = t;
      return reply;
    },
    header(k: string, v: string) {
      out.headers[k] = v;
      return reply;
    },
    send(b: string | Buffer) {
      out.body = b;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, out };
}

describe('ticket page frame rendered once', () => {
  const ticketPage = ticketShell();
  const titles = [
    'Tiket — Strategi Pemulihan Perekonomian UMKM',
    // User text: an organizer's title with markup and quotes stays text in the kept frame too.
    'Ticket — <script>alert("x")</script> & "Seminar" \'UMKM\'',
  ];
  const urls = ['/t/abc123', '/t/abc123?done=new', '/t/abc123?done=new&x="><b>&lang=id', '/t/abc123/cancel'];

  /** The page as the browser reads it, from the coding the answer names. */
  const decoded = (out: ReturnType<typeof captured>['out']) => {
    const body = Buffer.from(out.body);
    const coding = out.headers['content-encoding'];
    return (
      coding === 'br' ? brotliDecompressSync(body) : coding === 'gzip' ? gunzipSync(body) : body
    ).toString('utf8');
  };

  it('sends exactly what page() sends, for every title, language and address, the second time too', () => {
    for (const locale of ['id', 'en'] as const)
      for (const title of titles)
        for (const url of urls)
          for (const [round, acceptEncoding] of ['br, gzip', 'gzip', 'identity', undefined].entries()) {
            const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
            const req = { locale, url, user: null, headers } as unknown as FastifyRequest;
            const body = (
              <article class="ticket">
                <h1>{title}</h1>
                <p>{url}</p>
              </article>
            );
            const a = captured();
            const b = captured();
            page(req, a.reply, { title, status: 409 }, body);
            ticketPage(req, b.reply, { title, status: 409 }, body);
            const { 'content-encoding': coding, vary, ...rest } = b.out.headers;
            expect(rest).toEqual(a.out.headers);
            expect(b.out.status).toBe(a.out.status);
            expect(decoded(b.out)).toBe(a.out.body);
            expect(vary).toBe('accept-encoding');
            expect(coding).toBe(round === 0 ? 'br' : round === 1 ? 'gzip' : undefined);
            expect(decoded(b.out)).not.toContain('<script>');
          }
  });

  it('leaves a visitor with a session to page(): the header shows them', () => {
    const req = {
      locale: 'id',
      url: '/t/abc123',
      user: { name: 'Panitia', role: 'organizer', csrf: 'tok' },
    } as unknown as FastifyRequest;
    const a = captured();
    const b = captured();
    page(req, a.reply, { title: titles[0]! }, <p>x</p>);
    ticketPage(req, b.reply, { title: titles[0]! }, <p>x</p>);
    expect(b.out).toEqual(a.out);
    expect(b.out.body).toContain('/logout');
  });
});
