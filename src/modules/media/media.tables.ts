export type MediaKind = 'photo' | 'material';

export interface MediaItemsTable {
  id: string;
  event_id: string;
  kind: MediaKind;
  agenda_item_id: string | null;
  person_id: string | null;
  caption: string | null;
  /** Relative to DATA_DIR/uploads. */
  path: string;
  thumb_path: string | null;
  width: number | null;
  height: number | null;
  bytes: number;
  original_name: string | null;
  /** Materials: 1 once shared with participants. Photos: 1 when shown in the public gallery. */
  shared: number;
  created_by: string | null;
  created_at: number;
}

export interface MediaTables {
  media_items: MediaItemsTable;
}
