import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DB_KINDS } from './helpers/env.js';

/**
 * Issue 13 point 4: every OpenAPI route and every console form, called by an admin with bad input
 * (empty, wrong types, NUL, huge, malformed JSON and multipart, unknown ids), answers without a 5xx
 * on SQLite and PostgreSQL. Request bodies are derived from each route's documented schema: a
 * plausible body first, then one field at a time broken.
 */
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minLength?: number;
};
type Op = { requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Inject = Parameters<TestApp['inject']>[0];

const UNKNOWN = 'unknown0000000000000000000';
const HUGE = 'x'.repeat(200_000);

/** A plausible value for a schema: enough to get past validation to the handler and SQL. */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 4) return 'x';
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return sample(alt.find((a) => a.type !== 'null') ?? alt[0], depth + 1);
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]),
      );
    case 'array':
      return [sample(s.items, depth + 1)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'email') return 'fuzz@example.test';
      if (s.format === 'date-time') return '2031-12-30T09:00:00+07:00';
      if (s.format === 'uri') return 'https://example.test/x';
      return 'Seminar UMKM Kanigaran';
    default:
      return 'x';
  }
}

/** Bad values for one field, whatever it holds. */
const BAD: unknown[] = ['', 'a\u0000b', HUGE, -1, 3.5, true, null, [], {}, UNKNOWN];

/** A well-formed multipart body whose text fields and file name carry a NUL (read by the route, not the hooks). */
function nulMultipart(csrf = ''): { payload: string; headers: Record<string, string> } {
  const field = (name: string, value: string) =>
    `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const names = ['caption', 'caption_0', 'personId', 'agendaItemId', 'name', 'title', 'role', 'kind'];
  return {
    payload:
      (csrf ? field('_csrf', csrf) : '') +
      names.map((n) => field(n, `a\u0000b`)).join('') +
      `--b\r\nContent-Disposition: form-data; name="files"; filename="a\u0000.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n` +
      `--b\r\nContent-Disposition: form-data; name="file"; filename="b\u0000.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--b--\r\n`,
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
  };
}

function bodiesFor(op: Op): { payload: unknown; headers?: Record<string, string> }[] {
  const json = op.requestBody?.content?.['application/json']?.schema;
  const out: { payload: unknown; headers?: Record<string, string> }[] = [
    { payload: '', headers: { 'content-type': 'application/json' } },
    { payload: '{"a":', headers: { 'content-type': 'application/json' } },
    { payload: 'null', headers: { 'content-type': 'application/json' } },
    { payload: '[]', headers: { 'content-type': 'application/json' } },
    { payload: '"x"', headers: { 'content-type': 'application/json' } },
    { payload: '{}', headers: { 'content-type': 'application/json' } },
    { payload: 'a=1', headers: { 'content-type': 'text/plain' } },
    { payload: 'a=%00&b=', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    {
      payload: '--b\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    },
    { payload: 'abc', headers: { 'content-type': 'multipart/form-data' } },
    {
      payload:
        '--b\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.png"\r\n\r\nx\r\n--b--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    },
    nulMultipart(),
  ];
  if (json) {
    const good = sample(json);
    out.push({ payload: good });
    if (good && typeof good === 'object' && !Array.isArray(good)) {
      for (const key of Object.keys(good).slice(0, 12)) {
        for (const bad of BAD) out.push({ payload: { ...good, [key]: bad } });
      }
    }
  }
  return out;
}

async function sessionOf(t: TestApp, email: string) {
  const r = await t.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: 'password123' },
  });
  return {
    cookie: r.cookies.find((c) => c.name === 'aula_session')!.value,
    csrf: r.json().csrfToken as string,
  };
}

describe.each(DB_KINDS)('fuzz: no 5xx for bad input on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let eventId: string;
  const forms: { method: string; url: string }[] = [];
  beforeAll(async () => {
    t = await createTestApp(
      kind,
      {},
      {
        onRoute: (r: RouteOptions) => {
          const methods = Array.isArray(r.method) ? r.method : [r.method];
          if (!r.url.startsWith('/api/') && methods.includes('POST'))
            forms.push({ method: 'POST', url: r.url });
        },
      },
    );
    admin = await t.tokenFor('admin', 'fuzz-admin@example.test');
    const e = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: admin,
      payload: {
        title: 'Seminar UMKM',
        startsAt: '2031-12-30T09:00:00+07:00',
        endsAt: '2031-12-30T12:00:00+07:00',
        venue: { name: 'Aula', capacity: 10 },
        online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
      },
    });
    eventId = e.json().id;
    await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/publish`, token: admin });
  });
  afterAll(() => t.close());

  let n = 0;
  const statuses = new Map<number, number>();
  /** Each request from its own address, so the per-address limits never hide a handler. */
  const call = async (o: Inject) => {
    const r = await t.inject({ ...o, remoteAddress: `10.9.${(n >> 8) & 255}.${n++ & 255}` });
    statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
    return r;
  };
  const seen = () => JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])));

  it('walks every OpenAPI route with bad bodies, queries and ids', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Op>>;
    };
    const routes = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase(), path, op })))
      .filter((r) => !r.path.endsWith('/attendance/stream')) // server-sent events: an open stream, no answer
      // Deleting goes last, so the event is there for everything else.
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    expect(routes.length).toBeGreaterThan(80);
    const problems: string[] = [];
    let requests = 0;
    for (const { method, path, op } of routes) {
      const urls = [
        path.replace('{id}', eventId).replace(/\{[^}]+\}/g, UNKNOWN),
        path.replace(/\{[^}]+\}/g, UNKNOWN),
        path.replace(/\{[^}]+\}/g, '%20'),
      ];
      const queries = [
        '',
        '?since=-1&as=nobody&format=exe&lang=xx&only=zz&version=-5&page=0&limit=100000',
        '?q=%00',
        `?since=${HUGE.slice(0, 1000)}&q=${HUGE.slice(0, 1000)}`,
      ];
      for (const url of urls) {
        for (const q of queries) {
          if (method === 'GET' || method === 'DELETE') {
            const r = await call({ method: method as 'GET', url: url + q, token: admin });
            requests++;
            if (r.statusCode >= 500)
              problems.push(`${method} ${url.slice(0, 80)}${q.slice(0, 40)} → ${r.statusCode}`);
          }
        }
        if (method === 'GET' || method === 'DELETE') continue;
        // Bodies on the route with real ids, and a few on the unknown-id form.
        const bodies = url === urls[0] ? bodiesFor(op) : bodiesFor(op).slice(0, 4);
        for (const b of bodies) {
          const r = await call({
            method: method as 'POST',
            url,
            token: admin,
            payload: b.payload as string,
            headers: b.headers,
          });
          requests++;
          if (r.statusCode >= 500) {
            problems.push(
              `${method} ${url.slice(0, 80)} ${JSON.stringify(b.payload).slice(0, 80)} → ${r.statusCode}`,
            );
          }
        }
      }
    }
    console.log(`[${kind}] fuzz: ${routes.length} API routes, ${requests} requests; statuses ${seen()}`);
    expect(problems).toEqual([]);
    // The walk reached handlers, not only the gates: some bad input passed validation and was refused there.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(1000);
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
  }, 240_000);

  it('walks every console form with bad fields, as a signed-in admin', async () => {
    const { cookie, csrf } = await sessionOf(t, 'fuzz-admin@example.test');
    expect(forms.length).toBeGreaterThan(30);
    const fields = [
      '',
      `_csrf=${csrf}`,
      `_csrf=${csrf}&title=&name=&email=&startsAt=&endsAt=&capacity=-1&orgId=&id=&agendaItemId=&personId=`,
      `_csrf=${csrf}&title=%00&name=%00&email=a%00b&value=%00`,
      `_csrf=${csrf}&title=${HUGE.slice(0, 100_000)}&name=${HUGE.slice(0, 100_000)}`,
      `_csrf=${csrf}&startsAt=zz&endsAt=2031-13-45T99:99&capacity=abc&timezone=Mars/Base&mode=x&role=x&status=x`,
      `_csrf=${csrf}&ids=${UNKNOWN}&ids=&personIds=${UNKNOWN}&orgId=${UNKNOWN}&agendaItemId=${UNKNOWN}&partnerIds=${UNKNOWN}`,
    ];
    const problems: string[] = [];
    let requests = 0;
    // Deleting and logging out go last: the event and the session are needed by everything else.
    const last = (u: string) => Number(/delete|logout/.test(u));
    for (const f of forms.sort((a, b) => last(a.url) - last(b.url))) {
      const url = f.url.replace(':id', eventId).replace(/:[A-Za-z]+/g, UNKNOWN);
      const variants: { payload: string; headers: Record<string, string> }[] = [
        ...fields.map((payload) => ({
          payload,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })),
        { payload: '{"a":', headers: { 'content-type': 'application/json' } },
        { payload: '', headers: { 'content-type': 'application/json' } },
        {
          payload: `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF`,
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
        },
        { payload: 'abc', headers: { 'content-type': 'multipart/form-data' } },
        nulMultipart(csrf),
      ];
      for (const v of variants) {
        const r = await call({
          method: 'POST',
          url,
          payload: v.payload,
          headers: { ...v.headers, 'x-csrf-token': csrf },
          cookies: { aula_session: cookie },
        });
        requests++;
        if (r.statusCode >= 500) problems.push(`POST ${url} ${v.payload.slice(0, 60)} → ${r.statusCode}`);
      }
    }
    console.log(
      `[${kind}] fuzz: ${forms.length} console forms, ${requests} requests; statuses so far ${seen()}`,
    );
    expect(problems).toEqual([]);
  }, 240_000);
});
