import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { AuthUser } from '../../http/types.js';
import { newId } from '../../shared/ids.js';
import type { EventRow } from '../events/index.js';
import type { CertificateIssuing } from './certificates.issuing.js';
import { certificatesRepository as repo } from './certificates.repository.js';
import type { IssueBody } from './certificates.schemas.js';

/** Bulk issuing in the background: a job row the console page polls for progress. */
export function createCertificateJobs(ctx: AppContext, issuing: CertificateIssuing) {
  const { db } = ctx;
  return {
    async startJob(event: EventRow, body: z.output<typeof IssueBody>, actor: AuthUser) {
      // Refused before the job exists: the confirmation is asked for in the answer, not in a failed job.
      issuing.assertEnded(event, body);
      const id = newId();
      await repo.insertJob(db, {
        id,
        event_id: event.id,
        roles: JSON.stringify(body.roles),
        status: 'running',
        total: 0,
        done: 0,
        issued: 0,
        error: null,
        created_by: actor.id,
        created_at: Date.now(),
        finished_at: null,
      });
      // Runs after the response: the console page shows its progress from the job row.
      void issuing
        .issue(event, body, actor, (p) =>
          repo.updateJob(db, id, { total: p.total, done: p.done, issued: p.issued }).then(() => {}),
        )
        .then((s) => repo.updateJob(db, id, { status: 'done', issued: s.issued, finished_at: Date.now() }))
        .catch(async (err) => {
          ctx.log.error({ err, job: id }, 'certificate job failed');
          await repo
            .updateJob(db, id, { status: 'failed', error: String(err), finished_at: Date.now() })
            .catch(() => {});
        });
      return id;
    },
    job: (event: EventRow, id: string) => repo.job(db, event.id, id),
    latestJob: (event: EventRow) => repo.latestJob(db, event.id),
  };
}
