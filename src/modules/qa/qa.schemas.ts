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

const POLL_KINDS = ['single', 'multiple', 'wordcloud', 'open', 'rating'] as const;
const CHOICE_KINDS: readonly string[] = ['single', 'multiple'];

/** Choice polls need their options; word clouds, open questions and ratings take none. */
export const PollBody = z
  .object({
    question: typed(1, LIMITS.pollQuestionMax),
    kind: z.enum(POLL_KINDS).default('single'),
    options: PollOptions.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (CHOICE_KINDS.includes(b.kind) && !b.options)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: bilingual({ id: 'jajak pilihan perlu pilihan', en: 'a choice poll needs options' }),
      });
    if (!CHOICE_KINDS.includes(b.kind) && b.options)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: bilingual({
          id: `jajak jenis ${b.kind} tidak memakai pilihan`,
          en: `a ${b.kind} poll takes no options`,
        }),
      });
  });
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

/** One answer: options for choice polls, `text` for word clouds and open polls, `rating` (1–5) for ratings. */
export const PollVoteBody = z
  .object({
    optionIds: z.array(z.string().min(1).max(40)).min(1).max(LIMITS.pollOptionsMax).optional(),
    text: typed(1, LIMITS.openAnswerMax).optional(),
    rating: z.number().int().min(1).max(5).optional(),
    ticketCode: TicketCode.nullish(),
  })
  .strict()
  .refine((b) => [b.optionIds, b.text, b.rating].filter((x) => x !== undefined).length === 1, {
    message: bilingual({
      id: 'kirim salah satu dari optionIds, text atau rating',
      en: 'send one of optionIds, text or rating',
    }),
  });
export type PollAnswerInput = z.output<typeof PollVoteBody>;

export const PollAnswerPatch = z.object({ status: z.enum(['approved', 'dismissed']) }).strict();

export const PollOut = z.object({
  id: z.string(),
  question: z.string(),
  kind: z.enum(POLL_KINDS),
  status: z.enum(['draft', 'open', 'closed']),
  options: z.array(z.object({ id: z.string(), label: z.string(), votes: z.number() })),
  voters: z.number(),
  words: z.array(z.object({ text: z.string(), count: z.number() })),
  answers: z.array(
    z.object({ id: z.string(), text: z.string(), status: z.enum(['pending', 'approved', 'dismissed']) }),
  ),
  rating: z
    .object({ average: z.number().nullable(), count: z.number(), distribution: z.array(z.number()) })
    .nullable(),
});
