interface AnnouncementDeliveriesTable {
  event_id: string;
  /** `email:<address>` or `phone:<E.164>`: the person, across their registrations. */
  contact: string;
  channel: 'email' | 'whatsapp';
  sent_by: string | null;
  at: number;
}

interface AnnouncementOptoutsTable {
  contact: string;
  at: number;
}

export interface AnnouncementTables {
  announcement_deliveries: AnnouncementDeliveriesTable;
  announcement_optouts: AnnouncementOptoutsTable;
}
