import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DB_KINDS } from './helpers/env.js';

/**
 * A guard over every route in the OpenAPI document: called by a stranger (no login), a route either is
 * on this list of deliberately public routes, or it refuses (401, 403, 404, or 400 for a body it cannot
 * even read). No route answers a stranger with success by accident, and none answers with a 500.
 * Each module's own tests check the roles in detail; this catches a route that forgot to check at all.
 */
const PUBLIC: [string, RegExp][] = [
  ['GET', /^\/api\/(health|openapi\.json)$/],
  [
    'GET',
    /^\/api\/v1\/events(\/\{id\}(\/(people|agenda|questions|polls|live|live\/updates|live\/stage|live\/settings|registration-settings|photos|materials|captions))?)?$/,
  ],
  ['GET', /^\/api\/v1\/organizations(\/\{id\})?$/],
  ['POST', /^\/api\/v1\/auth\/(login|logout)$/],
  ['POST', /^\/api\/v1\/events\/\{id\}\/(registrations|attendance|questions)$/],
  ['POST', /^\/api\/v1\/(questions|polls)\/\{id\}\/votes$/],
  ['DELETE', /^\/api\/v1\/questions\/\{id\}\/votes$/],
  ['GET', /^\/api\/v1\/tickets\/\{(ticketCode|code)\}(\/(data|evaluation|certificates))?$/],
  ['POST', /^\/api\/v1\/tickets\/\{(ticketCode|code)\}\/(cancel|mode|erase|evaluation)$/],
  ['POST', /^\/api\/v1\/invitations\/\{token\}\/reply$/],
  ['GET', /^\/api\/v1\/certificates\/\{code\}(\/pdf)?$/],
];

const isPublic = (method: string, path: string) => PUBLIC.some(([m, re]) => m === method && re.test(path));

describe.each(DB_KINDS)(
  'every API route refuses strangers unless it is meant to be public, on %s',
  (kind) => {
    let t: TestApp;
    let routes: { method: string; path: string }[] = [];
    let eventId: string;
    beforeAll(async () => {
      t = await createTestApp(kind);
      const token = await t.tokenFor('organizer');
      const e = await t.inject({
        method: 'POST',
        url: '/api/v1/events',
        token,
        payload: {
          title: 'Seminar UMKM',
          startsAt: '2031-12-30T09:00:00+07:00',
          endsAt: '2031-12-30T12:00:00+07:00',
          venue: { name: 'Aula', capacity: 10 },
          online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
        },
      });
      eventId = e.json().id;
      await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/publish`, token });
      const doc = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
      );
    });
    afterAll(() => t.close());

    it('documents only API routes, and many of them', () => {
      expect(routes.length).toBeGreaterThan(80);
      expect(routes.every((r) => r.path.startsWith('/api/'))).toBe(true);
    });

    it('answers a stranger on a published event with a refusal on every non-public route, and never with a 500', async () => {
      const problems: string[] = [];
      for (const { method, path } of routes) {
        if (path.endsWith('/live') && method === 'GET') continue; // WebSocket upgrade, tested in the live module
        if (path.endsWith('/attendance/stream')) continue; // server-sent events, tested in the attendance module
        const url = path.replace('{id}', eventId).replace(/\{[^}]+\}/g, 'unknown0000000000000000000');
        const r = await t.inject({
          method: method as 'GET',
          url,
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
        });
        if (r.statusCode >= 500) problems.push(`${method} ${path} → ${r.statusCode}`);
        else if (!isPublic(method, path) && r.statusCode < 400)
          problems.push(`${method} ${path} → ${r.statusCode} for a stranger`);
      }
      expect(problems).toEqual([]);
    });

    it("answers a stranger's write with 401 before reading its body, however broken the body is", async () => {
      const problems: string[] = [];
      for (const { method, path } of routes) {
        if (method === 'GET' || isPublic(method, path)) continue;
        const url = path.replace('{id}', eventId).replace(/\{[^}]+\}/g, 'unknown0000000000000000000');
        for (const payload of ['', '{"broken":', '{"title":5}']) {
          const r = await t.inject({
            method: method as 'POST',
            url,
            headers: { 'content-type': 'application/json' },
            payload,
          });
          if (r.statusCode !== 401)
            problems.push(`${method} ${path} ${JSON.stringify(payload)} → ${r.statusCode}`);
        }
      }
      expect(problems).toEqual([]);
    });
  },
);
