import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { person } from './registrations.js';

/** Waits until `check` holds (the worker runs on its own clock); fails with what it last saw. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  ok: (v: T) => boolean,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  let last: T = await check();
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`not reached in ${ms} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await check();
  }
  return last;
}

/** Registers `n` people through the API (e-mail `p<i>-<tag>@example.test`); returns their ticket codes. */
export async function registerMany(
  t: TestApp,
  eventId: string,
  n: number,
  tag: string,
  extra: Record<string, unknown> = {},
  from = 0,
) {
  const codes: string[] = [];
  for (let i = from; i < from + n; i++) {
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/registrations`,
      payload: person(i, { email: `p${i}-${tag}@example.test`, ...extra }),
    });
    expect(r.statusCode, r.body).toBe(201);
    codes.push(r.json().ticketCode as string);
  }
  return codes;
}

/** A raw message with quoted-printable soft breaks and escapes undone, for reading its text. */
export function plain(raw: string): string {
  // Base64 parts (attachments such as the .ics) decoded in place first.
  const unpacked = raw.replace(
    /(Content-Transfer-Encoding: base64\r?\n(?:[\w-]+:.*\r?\n(?:[ \t].*\r?\n)*)*\r?\n)([A-Za-z0-9+/=\r\n]+)/g,
    (_, head: string, body: string) => head + Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8'),
  );
  return unpacked
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** A message's subject with RFC 2047 encoded words (non-ASCII subjects, folded over lines) decoded. */
export function subjectOf(raw: string): string {
  const m = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw);
  if (!m) return '';
  const words = [...m[1]!.matchAll(/=\?utf-8\?([QB])\?([^?]*)\?=/gi)];
  if (!words.length) return m[1]!.trim();
  const bytes = words.map(([, enc, text]) =>
    enc!.toUpperCase() === 'B'
      ? Buffer.from(text!, 'base64')
      : Buffer.from(
          text!
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ),
  );
  return Buffer.concat(bytes).toString('utf8');
}

/** The messages of an inbox with this subject, by recipient. */
export function received(inbox: string[], subject: string) {
  const mine = inbox.filter((m) => m.includes(`Subject: ${subject}`));
  return mine.map((m) => /^To: (.*)$/m.exec(m)?.[1]?.trim() ?? '');
}
