import { z } from 'zod';
import { bilingual } from '../../http/validation.js';
import { LIMITS } from '../../shared/realtime.js';

/**
 * Text a participant types: control characters dropped, runs of blank lines collapsed, trimmed. It is
 * stored as typed otherwise and only ever rendered as text (Preact escapes; islands use textContent).
 */
const cleanText = (s: string) =>
  s
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

const typed = (min: number, max: number) =>
  z
    .string()
    .max(max * 4)
    .transform(cleanText)
    .pipe(z.string().min(min).max(max));

const optName = z
  .string()
  .max(LIMITS.authorMax * 4)
  .transform((s) => cleanText(s).replace(/\s+/g, ' '))
  .pipe(z.string().max(LIMITS.authorMax))
  .nullish()
  .transform((v) => (v ? v : null));

export const TicketCode = z.string().trim().min(8).max(64);

export const AskBody = z
  .object({
    text: typed(LIMITS.questionMin, LIMITS.questionMax),
    channel: z.enum(['onsite', 'online']),
    authorName: optName,
    anonymous: z.boolean().default(false),
    ticketCode: TicketCode.nullish(),
    speakerId: z.string().max(40).nullish(),
  })
  .strict();
export type AskInput = z.output<typeof AskBody>;

export const QuestionPatch = z
  .object({
    status: z.enum(['pending', 'approved', 'answered', 'dismissed']),
    speakerId: z.string().max(40).nullable(),
    text: typed(LIMITS.questionMin, LIMITS.questionMax),
    onScreen: z.boolean(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: bilingual({ id: 'tidak ada yang diubah', en: 'nothing to change' }),
  });
export type QuestionPatchInput = z.output<typeof QuestionPatch>;

export const MergeBody = z.object({ into: z.string().min(1).max(40) }).strict();

export const VoteBody = z.object({ ticketCode: TicketCode.nullish() }).strict().nullish();

export const QuestionParams = z.object({ id: z.string().min(1).max(40) });

export const ListQuery = z.object({
  sort: z.enum(['votes', 'time']).default('votes'),
  status: z.enum(['pending', 'approved', 'answered', 'dismissed', 'merged']).optional(),
  channel: z.enum(['onsite', 'online']).optional(),
  speakerId: z.string().max(40).optional(),
  lang: z.enum(['id', 'en']).optional(),
});

export const QuestionOut = z.object({
  id: z.string(),
  text: z.string(),
  channel: z.enum(['onsite', 'online']),
  author: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'answered', 'dismissed', 'merged']),
  speaker: z.object({ id: z.string(), name: z.string() }).nullable(),
  votes: z.number(),
  createdAt: z.string(),
  mergedInto: z.string().nullable(),
  onScreen: z.boolean(),
});

const distinct = (a: string[]) => new Set(a.map((s) => s.toLocaleLowerCase('id'))).size === a.length;

const PollOptions = z
  .array(typed(1, LIMITS.pollOptionMax))
  .min(LIMITS.pollOptionsMin)
  .max(LIMITS.pollOptionsMax)
  .refine(distinct, {
    message: bilingual({ id: 'pilihan tidak boleh kembar', en: 'options must differ' }),
  });

export const PollBody = z
  .object({
    question: typed(1, LIMITS.pollQuestionMax),
    kind: z.enum(['single', 'multiple']).default('single'),
    options: PollOptions,
  })
  .strict();
export type PollInput = z.output<typeof PollBody>;

export const PollPatch = z
  .object({
    status: z.enum(['open', 'closed']),
    onScreen: z.boolean(),
    question: typed(1, LIMITS.pollQuestionMax),
    options: PollOptions,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: bilingual({ id: 'tidak ada yang diubah', en: 'nothing to change' }),
  });
export type PollPatchInput = z.output<typeof PollPatch>;

export const PollVoteBody = z
  .object({
    optionIds: z.array(z.string().min(1).max(40)).min(1).max(LIMITS.pollOptionsMax),
    ticketCode: TicketCode.nullish(),
  })
  .strict();

export const PollOut = z.object({
  id: z.string(),
  question: z.string(),
  kind: z.enum(['single', 'multiple']),
  status: z.enum(['draft', 'open', 'closed']),
  options: z.array(z.object({ id: z.string(), label: z.string(), votes: z.number() })),
  voters: z.number(),
});
