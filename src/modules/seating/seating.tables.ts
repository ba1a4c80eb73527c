export interface SeatPlansTable {
  event_id: string;
  /** JSON: the drawing (see seating.layout.ts `SeatLayout`). */
  layout: string;
  /** JSON: the distancing rule (see seating.layout.ts `DistancingRule`). */
  rule: string;
  /** Usable seats after the rule, reserved ones included. */
  usable_count: number;
  /** Usable seats kept for invited guests (not offered to the public). */
  reserved_count: number;
  updated_at: number;
}

/** Only usable seats exist as rows: a seat the rule leaves empty cannot be assigned by name. */
export interface SeatsTable {
  event_id: string;
  /** "C7": row letter and seat number within the row, as printed on the seat map. */
  label: string;
  row_no: number;
  col_no: number;
  reserved: number;
}

export interface SeatingTables {
  seat_plans: SeatPlansTable;
  seats: SeatsTable;
}
