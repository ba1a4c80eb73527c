export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
export type Channel = 'email' | 'whatsapp';
export type MessageKind = 'message' | 'notice' | 'thanks';

/**
 * One message to one person on one channel: the outbox row written in the transaction that decided to send
 * it. `key` is unique, so a person gets each message once however often it is decided (a double click, two
 * nodes sweeping reminders, a retried job).
 */
interface DeliveriesTable {
  id: string;
  key: string;
  event_id: string;
  registration_id: string;
  /** `message` (messages.id) or `reminder` (reminder_runs.id). */
  source: 'message' | 'reminder';
  source_id: string;
  channel: Channel;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  /** While `sending`: until when this node holds it. */
  lease_until: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

/** What an organizer wrote to registrants (or a change notice, or the thank-you). Plain text, never HTML. */
interface MessagesTable {
  id: string;
  event_id: string;
  kind: MessageKind;
  subject: string;
  body: string;
  /** The thank-you's text for those who did not come. */
  body_absent: string | null;
  /** JSON: {modes, statuses, attendance}. */
  audience: string;
  /** JSON: Channel[]. */
  channels: string;
  /** The client's key: the same key twice is the same message (pressing send twice sends once). */
  idempotency_key: string | null;
  created_by: string | null;
  created_at: number;
  recipients: number;
}

/** An event's reminders; absent means the defaults (the day before at 17.00, and one hour before). */
interface ReminderSettingsTable {
  event_id: string;
  /** JSON: ReminderRule[]. */
  rules: string;
  updated_at: number;
}

/** One reminder of one event fired at one due time: unique, so it fans out once across nodes. */
interface ReminderRunsTable {
  id: string;
  event_id: string;
  rule: string;
  due_at: number;
  created_at: number;
  recipients: number;
}

/**
 * What registrants were last told of an event's time, place and link (at publishing, or the last change
 * notice): a change notice offers the difference to the current event.
 */
interface NoticeBaselinesTable {
  event_id: string;
  starts_at: number;
  ends_at: number;
  venue_name: string | null;
  venue_address: string | null;
  online_join_url: string | null;
  updated_at: number;
}

/** After the event: the recording's link for the thank-you message. */
interface EventFollowupsTable {
  event_id: string;
  recording_url: string | null;
  updated_at: number;
}

export interface MessageTables {
  notice_baselines: NoticeBaselinesTable;
  event_followups: EventFollowupsTable;
  deliveries: DeliveriesTable;
  messages: MessagesTable;
  reminder_settings: ReminderSettingsTable;
  reminder_runs: ReminderRunsTable;
}
