interface ReportNarrativesTable {
  event_id: string;
  /** JSON: the narrative parts the organizer edits (see reports.schemas.ts `Narrative`). */
  data: string;
  updated_at: number;
  updated_by: string | null;
}

/** A final version of the report: the data it was built from, frozen, with who and when. */
export interface ReportVersionsTable {
  id: string;
  event_id: string;
  /** 1, 2, … per event; unique with event_id. */
  version: number;
  /** `final` while current (at most one per event, a partial unique index), `reopened` after. */
  status: 'final' | 'reopened';
  /** JSON: the report's data (ReportData) as it was when marked final. */
  data: string;
  finalized_at: number;
  finalized_by: string | null;
  finalized_by_name: string | null;
  reopened_at: number | null;
  reopened_by: string | null;
  reopened_by_name: string | null;
}

export interface ReportTables {
  report_narratives: ReportNarrativesTable;
  report_versions: ReportVersionsTable;
}
