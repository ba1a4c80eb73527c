import { z } from 'zod';
import { bilingual, twoOptionsNeeded } from '../../http/validation.js';

export const Question = z
  .object({
    id: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9_-]+$/, {
        message: bilingual({
          id: 'id hanya huruf kecil, angka, _ dan -',
          en: 'id: lower-case letters, digits, _ and - only',
        }),
      }),
    kind: z.enum(['likert', 'choice', 'text']),
    label: z.string().trim().min(3).max(300),
    /** Grouping for the report: material, speakers, organization, usefulness, other. */
    topic: z.enum(['materi', 'narasumber', 'penyelenggaraan', 'manfaat', 'lainnya']).default('lainnya'),
    options: z.array(z.string().trim().min(1).max(100)).max(10).optional(),
    required: z.boolean().default(true),
  })
  .strict()
  .refine((q) => q.kind !== 'choice' || (q.options?.length ?? 0) >= 2, twoOptionsNeeded);
export type Question = z.infer<typeof Question>;

export const FormBody = z
  .object({
    questions: z
      .array(Question)
      .min(1)
      .max(30)
      .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, {
        message: bilingual({ id: 'id pertanyaan tidak boleh kembar', en: 'question ids must be unique' }),
      }),
  })
  .strict();

/** Answers as sent by the ticket page form (strings) or the API (numbers for Likert items). */
export const AnswersBody = z
  .object({ answers: z.record(z.string().max(40), z.union([z.string().max(2000), z.number()])) })
  .strict();

export const LIKERT_LABELS = [
  { id: 'Sangat tidak setuju', en: 'Strongly disagree' },
  { id: 'Tidak setuju', en: 'Disagree' },
  { id: 'Netral', en: 'Neutral' },
  { id: 'Setuju', en: 'Agree' },
  { id: 'Sangat setuju', en: 'Strongly agree' },
];

type Bilingual = { id: string; en: string };
const likert = (label: Bilingual, topic: Question['topic']) => ({ kind: 'likert' as const, label, topic });

/**
 * The built-in form (material, speakers, organization, usefulness, suggestions) in both languages. Stored in
 * Indonesian like a form the organizer typed; a built-in question left as it was reads in English on English
 * pages (`questionText`), while answers keep the stored Indonesian option values.
 */
const BUILT_IN: Record<
  string,
  {
    kind: Question['kind'];
    label: Bilingual;
    topic: Question['topic'];
    options?: Bilingual[];
    required?: false;
    /** Earlier built-in wordings still stored in older forms: they read as the current wording. */
    formerly?: string[];
  }
> = {
  materi: likert(
    {
      id: 'Materi yang disampaikan sesuai dengan tema dan kebutuhan saya.',
      en: 'The material matched the theme and my needs.',
    },
    'materi',
  ),
  narasumber: likert(
    {
      id: 'Narasumber menyampaikan materi dengan jelas dan menarik.',
      en: 'The speakers presented clearly and engagingly.',
    },
    'narasumber',
  ),
  diskusi: likert(
    {
      id: 'Sesi tanya jawab memberi kesempatan yang cukup untuk bertanya.',
      en: 'The Q&A gave enough opportunity to ask questions.',
    },
    'narasumber',
  ),
  penyelenggaraan: likert(
    {
      id: 'Acara terselenggara dengan tertib dan tepat waktu.',
      en: 'The event was well organized and on time.',
    },
    'penyelenggaraan',
  ),
  teknis: likert(
    {
      id: 'Suara dan gambar di ruangan maupun siaran daring jelas.',
      en: 'Sound and picture were clear, in the hall and on the online stream.',
    },
    'penyelenggaraan',
  ),
  manfaat: likert(
    {
      id: 'Kegiatan ini bermanfaat bagi usaha atau pekerjaan saya.',
      en: 'This event is useful for my business or my work.',
    },
    'manfaat',
  ),
  sumber_info: {
    kind: 'choice',
    label: { id: 'Dari mana Anda mengetahui acara ini?', en: 'How did you hear about this event?' },
    topic: 'lainnya',
    options: [
      { id: 'Grup WhatsApp', en: 'A WhatsApp group' },
      { id: 'Instagram/Facebook', en: 'Instagram/Facebook' },
      { id: 'Situs web', en: 'A website' },
      { id: 'Teman atau rekan kerja', en: 'A friend or colleague' },
      { id: 'Lainnya', en: 'Other' },
    ],
    required: false,
  },
  saran: {
    kind: 'text',
    label: { id: 'Saran untuk kegiatan berikutnya', en: 'Suggestions for the next event' },
    topic: 'lainnya',
    required: false,
  },
  topik: {
    kind: 'text',
    // Any event, not only a webinar: hall seminars ask it too.
    label: {
      id: 'Topik yang Anda harapkan di acara selanjutnya',
      en: 'Topics you would like at the next event',
    },
    topic: 'lainnya',
    required: false,
    formerly: ['Topik yang Anda harapkan di webinar selanjutnya'],
  },
};

/** The default form, stored in Indonesian (see BUILT_IN). */
export function defaultQuestions(): Question[] {
  return Object.entries(BUILT_IN).map(([id, b]) => ({
    id,
    kind: b.kind,
    label: b.label.id,
    topic: b.topic,
    ...(b.options ? { options: b.options.map((o) => o.id) } : {}),
    required: b.required ?? true,
  }));
}

/**
 * A question's label and options in the reader's language: a built-in question the organizer left unchanged
 * reads in English on English pages; anything the organizer wrote reads as typed. `options[i]` labels the
 * stored value `q.options[i]`.
 */
export function questionText(q: Question, l: 'id' | 'en'): { label: string; options: string[] } {
  const b = BUILT_IN[q.id];
  const unchanged = !!b && b.kind === q.kind && (b.label.id === q.label || !!b.formerly?.includes(q.label));
  const same = l === 'en' && unchanged;
  return {
    label: unchanged ? b.label[l] : q.label,
    options: (q.options ?? []).map((o) => (same ? (b.options?.find((x) => x.id === o)?.en ?? o) : o)),
  };
}

export const ResultsOut = z.object({
  status: z.enum(['draft', 'open', 'closed']),
  responses: z.number(),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['likert', 'choice', 'text']),
      label: z.string(),
      topic: z.string(),
      answered: z.number(),
      average: z.number().nullable(),
      distribution: z.array(z.number()).nullable(),
      options: z.array(z.object({ label: z.string(), count: z.number() })).nullable(),
      comments: z.array(z.string()).nullable(),
    }),
  ),
});
export type Results = z.infer<typeof ResultsOut>;

/** A ticket code in a URL (`/t/:code/evaluation`, `/api/v1/tickets/:code/evaluation`). */
export const TicketParams = z.object({
  code: z
    .string()
    .min(10)
    .max(80)
    .regex(/^[0-9a-z]+$/),
});
