import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import type { MediaFile } from './media.service.js';

const MAX_FILES = 20;

/** Reads several files (field "files" or "file") plus text fields from one multipart request. */
export async function readFiles(req: FastifyRequest, maxBytes: number, allowed: string) {
  if (!req.isMultipart()) throw errors.unsupportedMedia(`multipart/form-data (${allowed})`);
  const files: MediaFile[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: MAX_FILES, fields: 60 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (data.length) files.push({ filename: part.filename.slice(0, 200), data });
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw errors.tooLarge(Math.floor(maxBytes / 1024));
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw errors.validation({
        id: `Paling banyak ${MAX_FILES} berkas sekali unggah.`,
        en: `At most ${MAX_FILES} files per upload.`,
      });
    }
    throw err;
  }
  if (!files.length)
    throw errors.validation({
      id: `files: pilih berkas (${allowed}).`,
      en: `files: choose files (${allowed}).`,
    });
  return { files, fields };
}

/** One caption per file (`caption_N`), or the one `caption` for all. */
export function captionsFrom(fields: Record<string, string>, count: number): string[] {
  return Array.from({ length: count }, (_, i) => fields[`caption_${i}`] ?? fields.caption ?? '');
}

const OptionalId = z.string().max(40).nullish();

/** An optional id among the text fields (`agendaItemId`, `personId`), checked like a route's input. */
export const optionalIdField = (fields: Record<string, string>, name: string): string | null =>
  parseOrThrow(OptionalId, fields[name] || null) ?? null;
