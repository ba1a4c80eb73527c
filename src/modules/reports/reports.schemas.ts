import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max).default('');

/** A news article as the organizer edited it: the headline and the body (paragraphs split by blank lines). */
export const BeritaEdit = z
  .object({ title: z.string().trim().min(3).max(300), body: z.string().trim().min(1).max(20000) })
  .strict();
export type BeritaEdit = z.infer<typeof BeritaEdit>;

/** The parts of the report the organizer writes; everything else comes from the data. */
export const Narrative = z
  .object({
    background: text(8000),
    goals: text(4000),
    obstacles: text(4000),
    conclusion: text(4000),
    suggestions: text(4000),
    /** Signature slots on the approval sheet (lembar pengesahan). */
    approvals: z
      .array(
        z
          .object({
            label: z.string().trim().min(1).max(80),
            name: z.string().trim().max(150).default(''),
            idNumber: z.string().trim().max(60).default(''),
            /** The label printed before the number ("NIP. 19780101…"). */
            idLabel: z.enum(['NIP', 'NIDN', 'NIDK', 'NIK', 'NUPTK', 'NRP', '']).default('NIP'),
          })
          .strict(),
      )
      .max(4)
      .default([
        { label: 'Pimpinan Lembaga', name: '', idNumber: '', idLabel: 'NIP' as const },
        { label: 'Ketua Pelaksana', name: '', idNumber: '', idLabel: 'NIP' as const },
      ]),
    /**
     * The news article says attendees in the hall kept the health protocol only when the organizer ticks
     * this (a 2021 sentence, wrong for most events since).
     */
    healthProtocol: z.boolean().default(false),
    /** The organizer's edited news articles; null: the generated one. */
    berita: z
      .object({ id: BeritaEdit.nullable().default(null), en: BeritaEdit.nullable().default(null) })
      .strict()
      .default({ id: null, en: null }),
    /** Page margins in cm: top, left, bottom, right (4-3-4-3 is the common LPJ layout). */
    margins: z
      .object({
        top: z.number().min(1).max(6).default(4),
        left: z.number().min(1).max(6).default(3),
        bottom: z.number().min(1).max(6).default(4),
        right: z.number().min(1).max(6).default(3),
      })
      .strict()
      .default({ top: 4, left: 3, bottom: 4, right: 3 }),
  })
  .strict();
export type Narrative = z.infer<typeof Narrative>;

export const NarrativePatch = Narrative.partial().strict();

export const FORMATS = ['pdf', 'docx', 'html', 'md'] as const;
export const ReportQuery = z.object({
  format: z.enum(FORMATS).default('html'),
  lang: z.enum(['id', 'en']).optional(),
  /** A final version by number; without it, the current final version or else the live draft. */
  version: z.coerce.number().int().min(1).max(100000).optional(),
});

/** "NIP. 19780101 200501 1 003": the number with its label, unless it was typed with one already. */
export const labelledId = (s: { idNumber: string; idLabel?: string }) =>
  !s.idNumber || !s.idLabel || /^[A-Za-z]/.test(s.idNumber) ? s.idNumber : `${s.idLabel}. ${s.idNumber}`;
