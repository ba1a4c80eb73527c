import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { refuseNul } from '../../http/client-input.js';
import { parseOrThrow } from '../../http/validation.js';
import { newId } from '../../shared/ids.js';
import type { StagedFile } from './media.service.js';

/** Files per request: a batch of phone photos, or a speaker's few decks (each up to 20 MB). */
export const MAX_PHOTO_FILES = 20;
export const MAX_MATERIAL_FILES = 5;
export const PHOTO_TYPES = 'JPEG, PNG, WebP, HEIC';

const tooMany = (max: number) =>
  errors.validation({
    id: `Paling banyak ${max} berkas sekali unggah.`,
    en: `At most ${max} files per upload.`,
  });

/** Maps the multipart plugin's limit errors to the limit that applied, by name. */
function limitError(err: unknown, maxBytes: number, maxFiles: number): unknown {
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return errors.tooLarge(Math.floor(maxBytes / 1024));
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') return tooMany(maxFiles);
  return err;
}

const noFiles = (allowed: string) =>
  errors.validation({ id: `files: pilih berkas (${allowed}).`, en: `files: choose files (${allowed}).` });

/**
 * Streams each file of a multipart request to disk (DATA_DIR/incoming, outside the served uploads), so
 * 20 photos of 8 MB or 5 decks of 20 MB never sit in memory. The caller removes what it does not keep (`discard`); on a refused
 * request everything written so far is removed here.
 */
export async function stageFiles(req: FastifyRequest, maxBytes: number, allowed: string, maxFiles: number) {
  if (!req.isMultipart()) throw errors.unsupportedMedia(`multipart/form-data (${allowed})`);
  const dir = join(req.server.ctx.config.dataDir, 'incoming');
  await mkdir(dir, { recursive: true });
  const files: StagedFile[] = [];
  const fields: Record<string, string> = {};
  const discard = () => Promise.all(files.map((f) => rm(f.path, { force: true })));
  const limits = { fileSize: maxBytes, files: maxFiles, fields: 60 };
  try {
    for await (const part of req.parts({ limits })) {
      if (part.type === 'file') {
        refuseNul(part.filename);
        const staged = {
          filename: part.filename.slice(0, 200),
          path: join(dir, `${newId()}.part`),
          bytes: 0,
        };
        files.push(staged);
        part.file.on('data', (chunk: Buffer) => {
          staged.bytes += chunk.length;
        });
        await pipeline(part.file, createWriteStream(staged.path));
      } else if (typeof part.value === 'string') {
        refuseNul(part.fieldname, part.value);
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    await discard();
    throw limitError(err, maxBytes, maxFiles);
  }
  const empty = files.filter((f) => f.bytes === 0);
  await Promise.all(empty.map((f) => rm(f.path, { force: true })));
  const kept = files.filter((f) => f.bytes > 0);
  if (!kept.length) throw noFiles(allowed);
  return { files: kept, fields, discard: () => Promise.all(kept.map((f) => rm(f.path, { force: true }))) };
}

/** One caption per file (`caption_N`), or the one `caption` for all. */
export function captionsFrom(fields: Record<string, string>, count: number): string[] {
  return Array.from({ length: count }, (_, i) => fields[`caption_${i}`] ?? fields.caption ?? '');
}

const OptionalId = z.string().max(40).nullish();

/** An optional id among the text fields (`agendaItemId`, `personId`), checked like a route's input. */
export const optionalIdField = (fields: Record<string, string>, name: string): string | null =>
  parseOrThrow(OptionalId, fields[name] || null) ?? null;

/**
 * Staged files an interrupted upload left behind (a crash, a kill -9): removed at start once they are
 * an hour old, so an upload still running on another node that shares DATA_DIR keeps its file.
 */
export async function sweepIncoming(dataDir: string, olderThanMs = 3_600_000): Promise<number> {
  const dir = join(dataDir, 'incoming');
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    const s = await stat(path).catch(() => null);
    if (s && Date.now() - s.mtimeMs > olderThanMs) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
