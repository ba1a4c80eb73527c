export interface ReportNarrativesTable {
  event_id: string;
  /** JSON: the narrative parts the organizer edits (see reports.schemas.ts `Narrative`). */
  data: string;
  updated_at: number;
  updated_by: string | null;
}

export interface ReportTables {
  report_narratives: ReportNarrativesTable;
}
