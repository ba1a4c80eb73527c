import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SLUG } from '../src/modules/demo/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';

/**
 * Inline `<style>` blocks go through JSX text escaping, so a quote, `<`, `>` or `&` in CSS turns into an
 * entity and silently breaks the rule (a projector once fell back to a serif font this way). Every page
 * with its own styles is checked here.
 */
describe('inline styles survive escaping on every page that has them', () => {
  let t: TestApp;
  let cookie: string;
  let eventId: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await t.app.ctx.services.demo.load({ ownerEmail: null });
    await t.tokenFor('admin', 'admin@example.test');
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@example.test', password: 'password123' },
    });
    cookie = login.cookies.find((c) => c.name === 'aula_session')!.value;
    eventId = (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}` })).json().id;
  });
  afterAll(() => t.close());

  it('has no HTML entities inside <style>', async () => {
    // The site-wide stylesheet is a file (src/web/stylesheet.ts); these pages add their own styles.
    const pages = [
      `/e/${DEMO_SLUG}/live`,
      `/e/${DEMO_SLUG}/projector`,
      `/e/${DEMO_SLUG}/overlay`,
      `/console/events/${eventId}`,
      `/console/events/${eventId}/checkin`,
      `/console/events/${eventId}/attendance`,
      `/console/events/${eventId}/attendance/codes`,
      `/console/events/${eventId}/moderate`,
      `/console/events/${eventId}/stage`,
      `/api/v1/events/${eventId}/report?format=html`,
    ];
    const broken: string[] = [];
    let styled = 0;
    for (const url of pages) {
      const r = await t.inject({ method: 'GET', url, cookies: { aula_session: cookie } });
      expect(r.statusCode, url).toBe(200);
      for (const m of r.body.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
        styled++;
        const entity = /&(quot|amp|lt|gt|#39|#x27);/.exec(m[1]!);
        if (entity) broken.push(`${url}: ${m[1]!.slice(Math.max(0, entity.index - 40), entity.index + 20)}`);
      }
    }
    expect(styled).toBeGreaterThanOrEqual(pages.length);
    expect(broken).toEqual([]);
  });
});
