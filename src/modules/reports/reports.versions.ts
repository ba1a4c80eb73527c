import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { newId } from '../../shared/ids.js';
import type { EventRow } from '../events/index.js';
import type { ReportData } from './reports.data.js';
import { reportsRepository as repo } from './reports.repository.js';

export interface VersionInfo {
  version: number;
  status: 'final' | 'reopened';
  finalizedAt: number;
  finalizedBy: string | null;
  reopenedAt: number | null;
  reopenedBy: string | null;
}

/** Where a rendering comes from: the live data (a draft) or a final version's snapshot. */
export interface ReportSource {
  data: ReportData;
  version: VersionInfo | null;
}

// Event rows may carry bigint instants on PostgreSQL; the snapshot keeps them as numbers.
const toJson = (d: ReportData) => JSON.stringify(d, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));

function info(r: {
  version: number;
  status: 'final' | 'reopened';
  finalized_at: number;
  finalized_by_name: string | null;
  reopened_at: number | null;
  reopened_by_name: string | null;
}): VersionInfo {
  return {
    version: Number(r.version),
    status: r.status,
    finalizedAt: Number(r.finalized_at),
    finalizedBy: r.finalized_by_name,
    reopenedAt: r.reopened_at == null ? null : Number(r.reopened_at),
    reopenedBy: r.reopened_by_name,
  };
}

/**
 * Draft → final → reopened as a new draft. A final version is the report's data frozen at that
 * moment (numbers, lists, narrative), so its files can be produced again, identical, at any time.
 */
export function createReportVersions(ctx: AppContext, gather: (event: EventRow) => Promise<ReportData>) {
  const { db } = ctx;
  return {
    async list(event: EventRow): Promise<VersionInfo[]> {
      return (await repo.versions(db, event.id)).map(info);
    },

    /** The current final version's snapshot, a given version's, or the live draft. */
    async source(event: EventRow, version?: number): Promise<ReportSource> {
      const row =
        version === undefined
          ? await repo.currentFinal(db, event.id)
          : await repo.version(db, event.id, version);
      if (version !== undefined && !row)
        throw errors.notFound({ id: `Versi laporan ${version}`, en: `Report version ${version}` });
      if (!row) return { data: await gather(event), version: null };
      return { data: JSON.parse(row.data) as ReportData, version: info(row) };
    },

    async finalize(event: EventRow, actor: AuthUser): Promise<VersionInfo> {
      if (await repo.currentFinal(db, event.id)) throw errors.reportAlreadyFinal();
      const data = await gather(event);
      const at = data.generatedAt;
      const version = (await repo.lastVersionNumber(db, event.id)) + 1;
      try {
        await repo.insertVersion(db, {
          id: newId(),
          event_id: event.id,
          version,
          status: 'final',
          data: toJson(data),
          finalized_at: at,
          finalized_by: actor.id,
          finalized_by_name: actor.name || actor.email,
          reopened_at: null,
          reopened_by: null,
          reopened_by_name: null,
        });
      } catch (err) {
        // Two organizers pressing "final" at once: the unique indexes keep one version.
        if (isUniqueViolation(err)) throw errors.reportAlreadyFinal();
        throw err;
      }
      return info((await repo.version(db, event.id, version))!);
    },

    async reopen(event: EventRow, actor: AuthUser): Promise<VersionInfo> {
      const r = await repo.reopen(db, event.id, Date.now(), actor.id, actor.name || actor.email);
      if (!r) throw errors.reportNotFinal();
      return info((await repo.version(db, event.id, Number(r.version)))!);
    },

    isFinal: async (event: EventRow) => !!(await repo.currentFinal(db, event.id)),
  };
}
