import type { AppContext } from '../../context.js';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import type { Locale } from '../../i18n/index.js';
import type { EventRow } from '../events/index.js';
import { beritaFor } from './reports.berita.js';
import { gatherReport, type ReportDeps } from './reports.data.js';
import { reportsRepository as repo } from './reports.repository.js';
import { type BeritaEdit, labelledId, Narrative } from './reports.schemas.js';
import { buildSpj, type ListFiles } from './reports.spj.js';
import { createReportVersions } from './reports.versions.js';

/**
 * The activity report of an event: the organizer's narrative, the data read from the other modules,
 * and its versions (draft → final → reopened).
 */
export function createReportsService(ctx: AppContext, deps: ReportDeps & { lists: ListFiles }) {
  const { db } = ctx;

  async function narrative(event: EventRow): Promise<Narrative> {
    const row = await repo.narrative(db, event.id);
    return Narrative.parse(row ? JSON.parse(row.data) : {});
  }

  const gather = async (event: EventRow) => gatherReport(ctx, deps, event, await narrative(event));
  const versions = createReportVersions(ctx, gather);

  const service = {
    ...versions,
    narrative,

    /** The news article: the organizer's edit when saved, else the draft from the data (or a final version's). */
    async berita(event: EventRow, lang: Locale, version?: number) {
      return beritaFor((await versions.source(event, version)).data, lang);
    },

    /** Saves the organizer's edit of the article in one language; null goes back to the generated draft. */
    async saveBerita(event: EventRow, lang: Locale, edit: BeritaEdit | null, actor: AuthUser) {
      await service.editNarrative(
        event,
        (current) => Narrative.parse({ ...current, berita: { ...current.berita, [lang]: edit } }),
        actor,
      );
    },

    /** The SPJ pack (one ZIP for the finance office) from the current final version, else the live draft. */
    async spj(event: EventRow, uploadsDir: string) {
      return buildSpj(await versions.source(event), deps.lists, uploadsDir);
    },

    /** The approval slots as the attendance lists print them: label, name, labelled NIP/NIDN. */
    async signers(event: EventRow) {
      return (await narrative(event)).approvals.map((a) => ({
        label: a.label,
        name: a.name,
        idNumber: labelledId(a),
      }));
    },

    /**
     * Changes the narrative: `edit` gets the current one and returns the next (checked by the caller's
     * schema). Refused while the report is final, before the edit is even looked at.
     */
    async editNarrative(
      event: EventRow,
      edit: (current: Narrative) => Narrative,
      actor: AuthUser,
    ): Promise<Narrative> {
      if (await versions.isFinal(event)) throw errors.reportIsFinal();
      const next = edit(await narrative(event));
      await repo.saveNarrative(db, event.id, JSON.stringify(next), actor.id);
      return next;
    },
  };
  return service;
}

export type ReportsService = ReturnType<typeof createReportsService>;
