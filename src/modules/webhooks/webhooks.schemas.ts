import { z } from 'zod';
import { bilingual } from '../../http/validation.js';

export const WEBHOOK_EVENTS = [
  'registration.created',
  'registration.cancelled',
  'registration.promoted',
  'attendance.checked_in',
  'attendance.online_present',
  'certificate.issued',
  'evaluation.submitted',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WebhookInput = z
  .object({
    url: z
      .string()
      .trim()
      .max(2000)
      .refine(
        (u) => {
          try {
            return ['http:', 'https:'].includes(new URL(u).protocol);
          } catch {
            return false;
          }
        },
        bilingual({ id: 'harus alamat http(s)', en: 'must be an http(s) URL' }),
      ),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
    eventId: z.string().trim().min(1).max(80).optional(),
  })
  .strict();
export type WebhookInput = z.infer<typeof WebhookInput>;

export const WebhookOut = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  eventId: z.string().nullable(),
  createdAt: z.number(),
});

export const DeliveryOut = z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  attempts: z.number(),
  responseStatus: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.number(),
  deliveredAt: z.number().nullable(),
});
