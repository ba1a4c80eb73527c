/** A subscriber: where to POST which domain events (one event's, or every event's for an admin). */
interface WebhooksTable {
  id: string;
  url: string;
  /** JSON: WebhookEvent[]. */
  events: string;
  /** Null: every event (admins only). */
  event_id: string | null;
  /** The HMAC key of `X-Aula-Signature`; shown once, at creation. */
  secret: string;
  created_by: string | null;
  created_at: number;
}

/** One POST (and its retries) of one domain event to one webhook: the delivery log. */
interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  type: string;
  event_id: string | null;
  /** The exact bytes signed and sent. */
  body: string;
  /** `<type>:<row id>[:<instant>]` of the happening: unique per webhook (bus path and catch-up sweep). */
  dedupe_key: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  response_status: number | null;
  error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

export interface WebhookTables {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
