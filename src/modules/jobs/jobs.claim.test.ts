import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { newId } from '../../shared/ids.js';
import { jobsRepository as repo } from './jobs.repository.js';

describe('claiming the next job on SQLite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { JOBS_WORKER: 'false' });
  });
  afterAll(() => t.close());

  it('takes due jobs and lapsed leases of its queues, earliest first, each once', async () => {
    const db = t.app.ctx.db;
    const now = 1_000_000_000_000;
    const job = (queue: string, run_at: number) => ({ id: newId(), queue, data: `{"at":${run_at}}`, run_at });
    // A backlog behind the jobs that matter, as after a registration surge.
    const backlog = Array.from({ length: 3000 }, (_, i) => job('deliver', now - 500 + (i % 400)));
    const early = job('deliver', now - 900);
    const lapsed = job('deliver', now - 800);
    const later = job('deliver', now + 60_000);
    const other = job('webhook', now - 1000);
    await repo.insert(db, [...backlog, early, lapsed, later, other]);
    // `lapsed` was taken by a node that died: its lease ran out before now.
    await db
      .updateTable('job_queue')
      .set({ status: 'active', lease_until: now - 1 })
      .where('id', '=', lapsed.id)
      .execute();
    const first = await repo.claim(db, ['deliver'], now, 120_000);
    const second = await repo.claim(db, ['deliver'], now, 120_000);
    expect([first?.id, second?.id]).toEqual([early.id, lapsed.id]);
    expect(second?.attempts).toBe(1);
    const taken = new Set([first!.id, second!.id]);
    for (let i = 0; i < backlog.length; i++) {
      const j = await repo.claim(db, ['deliver'], now, 120_000);
      expect(j && !taken.has(j.id)).toBe(true);
      taken.add(j!.id);
    }
    // Only the job not yet due is left for this queue; the other queue's is still there for its own.
    expect(await repo.claim(db, ['deliver'], now, 120_000)).toBeUndefined();
    expect((await repo.claim(db, ['webhook'], now, 120_000))?.id).toBe(other.id);
    expect((await repo.claim(db, ['deliver'], now + 60_000, 120_000))?.id).toBe(later.id);
  });
});
