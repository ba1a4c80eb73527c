/** The SQLite job queue (on PostgreSQL pg-boss keeps its own tables in the `pgboss` schema). */
interface JobQueueTable {
  id: string;
  queue: string;
  /** JSON. */
  data: string;
  status: 'queued' | 'active' | 'done' | 'failed';
  run_at: number;
  attempts: number;
  /** Until when the node that claimed it holds it; past that, another worker takes it again (crash). */
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface JobTables {
  job_queue: JobQueueTable;
}
