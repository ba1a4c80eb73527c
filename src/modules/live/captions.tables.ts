/** One caption line as shown in the room, kept as the event's transcript. */
interface CaptionLinesTable {
  id: string;
  event_id: string;
  text: string;
  /** typed: the captioner wrote it; speech: the browser's recognition gave it (then maybe corrected). */
  source: 'typed' | 'speech';
  created_by: string | null;
  created_at: number;
  edited_at: number | null;
}

export interface CaptionTables {
  caption_lines: CaptionLinesTable;
}
