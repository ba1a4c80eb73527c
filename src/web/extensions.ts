import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { EventRow } from '../modules/events/index.js';

/**
 * Places where one module's page shows another module's part, without importing it: the ticket
 * page shows the attendance-code box, the live-room link, the evaluation and the certificate;
 * the event page shows the registration form and the gallery; the console shows every module's tools.
 * Modules push into these lists when their plugin registers; the owner page renders them in order.
 */
export interface TicketView {
  id: string;
  event_id: string;
  ticket_code: string;
  mode: 'onsite' | 'online';
  status: string;
  name: string;
  /**
   * The view a sign-up's form post leads to, showing the row as the post wrote it, untouched since (nothing was
   * announced for it: see registrations/tickets/fresh-tickets.ts): it has no attendance, attendance codes,
   * certificates or evaluation yet, so a section need not look them up.
   */
  untouched?: boolean;
}

type Section<A extends unknown[]> = {
  key: string;
  order: number;
  render: (req: FastifyRequest, ...args: A) => Promise<VNode | null>;
};

export interface UiExtensions {
  /** Below the QR code on a participant's ticket page. */
  ticketSections: Section<[EventRow, TicketView]>[];
  /** On the public event page, after the programme. */
  eventSections: Section<[EventRow]>[];
  /**
   * Links on the console page of one event: label, path relative to /console/events/:id, and what the page
   * asks of its viewer (`organize` unless said): the console shows a link only to those the page lets in.
   */
  consoleLinks: {
    key: string;
    order: number;
    label: { id: string; en: string };
    path: string;
    access?: 'organize' | 'moderate' | 'checkin';
  }[];
}

export function createUiExtensions(): UiExtensions {
  return { ticketSections: [], eventSections: [], consoleLinks: [] };
}

export async function renderSections<A extends unknown[]>(
  sections: Section<A>[],
  req: FastifyRequest,
  ...args: A
): Promise<VNode[]> {
  const sorted = [...sections].sort((a, b) => a.order - b.order);
  const out = await Promise.all(sorted.map((s) => s.render(req, ...args)));
  return out.filter((v): v is VNode => v !== null);
}
