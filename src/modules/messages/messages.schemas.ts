import { z } from 'zod';

export const MODES = ['onsite', 'online'] as const;
export const STATUSES = ['confirmed', 'waitlisted'] as const;
const ATTENDANCE = ['present', 'absent'] as const;
export const CHANNELS = ['email', 'whatsapp'] as const;

/** Who a message goes to: every listed mode and status; after the event, optionally by attendance. */
export const Audience = z
  .object({
    modes: z.array(z.enum(MODES)).min(1).max(2),
    statuses: z.array(z.enum(STATUSES)).min(1).max(2),
    attendance: z.array(z.enum(ATTENDANCE)).min(1).max(2).optional(),
  })
  .strict();
export type Audience = z.infer<typeof Audience>;

export const MessageInput = z
  .object({
    audience: Audience,
    subject: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(5000),
    channels: z.array(z.enum(CHANNELS)).min(1).max(2).default(['email']),
    /** The client's key for this message: sending it again returns the first one (a double click sends once). */
    idempotencyKey: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type MessageInput = z.infer<typeof MessageInput>;

export const MessageOut = z.object({
  id: z.string(),
  recipients: z.number(),
  created: z.boolean(),
  progress: z.object({
    pending: z.number(),
    sending: z.number(),
    sent: z.number(),
    failed: z.number(),
    skipped: z.number(),
  }),
});

export const PreviewOut = z.object({ count: z.number(), email: z.number(), whatsapp: z.number() });
