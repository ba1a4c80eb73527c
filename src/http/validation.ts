import { z } from 'zod';
import { type AppError, errors } from '../errors.js';
import type { Text } from '../i18n/index.js';

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue): Text {
  const field = issue.path.length ? issue.path.join('.') : '(isi)';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { id: `${field}: wajib diisi`, en: `${field}: is required` }
        : {
            id: `${field}: jenis nilai salah (${issue.expected})`,
            en: `${field}: wrong type (expected ${issue.expected})`,
          };
    case 'too_small':
      return {
        id: `${field}: terlalu pendek/kecil (min. ${issue.minimum})`,
        en: `${field}: too short/small (min ${issue.minimum})`,
      };
    case 'too_big':
      return {
        id: `${field}: terlalu panjang/besar (maks. ${issue.maximum})`,
        en: `${field}: too long/large (max ${issue.maximum})`,
      };
    case 'invalid_format':
      return {
        id: `${field}: format tidak sah (${issue.format})`,
        en: `${field}: invalid format (${issue.format})`,
      };
    case 'invalid_value':
      return {
        id: `${field}: harus salah satu dari ${issue.values.join(', ')}`,
        en: `${field}: must be one of ${issue.values.join(', ')}`,
      };
    case 'unrecognized_keys':
      return {
        id: `${field}: kolom tidak dikenal ${issue.keys.join(', ')}`,
        en: `${field}: unknown fields ${issue.keys.join(', ')}`,
      };
    case 'custom':
      // Custom refinements carry a bilingual message as "id|en".
      return splitBilingual(issue.message, field);
    default:
      return { id: `${field}: ${issue.message}`, en: `${field}: ${issue.message}` };
  }
}

export function splitBilingual(message: string, field?: string): Text {
  const [id, en] = message.includes('|') ? message.split('|', 2) : [message, message];
  const prefix = field && field !== '(isi)' ? `${field}: ` : '';
  return { id: `${prefix}${id}`, en: `${prefix}${en ?? id}` };
}

/** Builds a bilingual refinement message for zod `.refine()` (split again by `describeIssue`). */
export const bilingual = (t: Text): string => `${t.id}|${t.en}`;

/** The refinement a choice question fails with fewer than two options (registration and evaluation forms). */
export const twoOptionsNeeded = {
  message: bilingual({
    id: 'pertanyaan pilihan perlu minimal 2 opsi',
    en: 'a choice question needs at least 2 options',
  }),
  path: ['options'],
};

/** An optional free-text field, trimmed and capped at `max`: blank, null or absent is stored as null. */
export const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export function validationError(issues: readonly Issue[]): AppError {
  const parts = issues.slice(0, 5).map(describeIssue);
  return errors.validation(
    {
      id: `Periksa isian: ${parts.map((p) => p.id).join('; ')}.`,
      en: `Check the input: ${parts.map((p) => p.en).join('; ')}.`,
    },
    { fields: issues.map((i) => i.path.join('.')) },
  );
}

/** Parses with a zod schema and throws our 400 on failure (used by form handlers and services). */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error.issues);
  return r.data;
}
