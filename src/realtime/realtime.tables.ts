/** Per-event live state (sequence counter, stage pointer, screen, Q&A settings) and the replay log. */
interface LiveStateTable {
  event_id: string;
  /** The last sequence number handed out for this event; incremented with `… RETURNING`. */
  seq: number;
  agenda_item_id: string | null;
  stage_started_at: number | null;
  stage_ends_at: number | null;
  screen_question_id: string | null;
  screen_poll_id: string | null;
  moderation: 'pre' | 'auto';
  qa_open: number;
  /** 1: anyone may vote with a voter cookie from the live page; 0: a ticket is needed (qa module). */
  open_voting: number;
  updated_at: number;
}

interface LiveLogTable {
  event_id: string;
  seq: number;
  /** The serialized message as staff see it. */
  staff: string;
  /** The serialized message for participants, or null when they must not see it. */
  public: string | null;
  at: number;
}

export interface RealtimeTables {
  live_state: LiveStateTable;
  live_log: LiveLogTable;
}
