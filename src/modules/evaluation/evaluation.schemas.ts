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

/** The default form, in Indonesian: material, speakers, organization, usefulness, and suggestions. */
export function defaultQuestions(): Question[] {
  const likert = (id: string, topic: Question['topic'], label: string): Question => ({
    id,
    kind: 'likert',
    label,
    topic,
    required: true,
  });
  return [
    likert('materi', 'materi', 'Materi yang disampaikan sesuai dengan tema dan kebutuhan saya.'),
    likert('narasumber', 'narasumber', 'Narasumber menyampaikan materi dengan jelas dan menarik.'),
    likert('diskusi', 'narasumber', 'Sesi tanya jawab memberi kesempatan yang cukup untuk bertanya.'),
    likert('penyelenggaraan', 'penyelenggaraan', 'Acara terselenggara dengan tertib dan tepat waktu.'),
    likert('teknis', 'penyelenggaraan', 'Suara dan gambar di ruangan maupun siaran daring jelas.'),
    likert('manfaat', 'manfaat', 'Kegiatan ini bermanfaat bagi usaha atau pekerjaan saya.'),
    {
      id: 'sumber_info',
      kind: 'choice',
      label: 'Dari mana Anda mengetahui acara ini?',
      topic: 'lainnya',
      options: ['Grup WhatsApp', 'Instagram/Facebook', 'Situs web', 'Teman atau rekan kerja', 'Lainnya'],
      required: false,
    },
    {
      id: 'saran',
      kind: 'text',
      label: 'Saran untuk kegiatan berikutnya',
      topic: 'lainnya',
      required: false,
    },
    {
      id: 'topik',
      kind: 'text',
      label: 'Topik yang Anda harapkan di webinar selanjutnya',
      topic: 'lainnya',
      required: false,
    },
  ];
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
