import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AppContext } from '../../context.js';
import { errors, what } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { newId } from '../../shared/ids.js';
import { type EventRow, uploadUrl } from '../events/index.js';
import type { ProgramService } from '../program/index.js';
import { checkPdf, PDF_CHECK_MS } from '../uploads/index.js';
import { type MediaRow, mediaRepository as repo } from './media.repository.js';
import type { MediaItemsTable, MediaKind } from './media.tables.js';

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;
const MAX_PIXELS = 50_000_000;
const SAFE = /^media\/[0-9a-z]{26}(-t)?\.(jpg|pdf)$/;

/** A file the route streamed to disk (media.multipart.ts `stageFiles`): moved into place when kept. */
export interface StagedFile {
  filename: string;
  path: string;
  bytes: number;
}

export function createMediaService(
  ctx: AppContext,
  deps: { program: Pick<ProgramService, 'findAgendaItem' | 'findPerson'> },
) {
  const { db, config } = ctx;
  const abs = (rel: string) => join(config.dataDir, 'uploads', rel);

  async function write(rel: string, data: Uint8Array) {
    await mkdir(join(abs(rel), '..'), { recursive: true });
    await writeFile(`${abs(rel)}.tmp`, data);
    await rename(`${abs(rel)}.tmp`, abs(rel));
  }

  async function assertAgenda(event: EventRow, agendaItemId: string | null) {
    if (agendaItemId && !(await deps.program.findAgendaItem(event.id, agendaItemId)))
      throw errors.notFound(what.agendaItem);
  }

  /**
   * Phone photos: decoded and re-encoded by sharp, turned upright by their EXIF orientation, then
   * written without any metadata (camera, time, GPS location). A 1600 px JPEG for the report and
   * gallery, a 480 px thumbnail for phones. Every file is checked before any is stored.
   */
  async function encodePhoto(data: string) {
    const allowed = 'JPEG, PNG, WebP, HEIC';
    let meta: { format?: string };
    try {
      meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
    } catch {
      throw errors.unsupportedMedia(allowed);
    }
    if (!meta.format || !['jpeg', 'png', 'webp', 'heif', 'avif', 'tiff'].includes(meta.format))
      throw errors.unsupportedMedia(allowed);
    try {
      const base = sharp(data, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
      const full = await base
        .clone()
        .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 78, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      const thumb = await base
        .clone()
        .resize({ width: 480, height: 480, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 70, mozjpeg: true })
        .toBuffer();
      return { full: full.data, width: full.info.width, height: full.info.height, thumb };
    } catch {
      throw errors.unsupportedMedia(allowed);
    }
  }

  const service = {
    async addPhotos(
      event: EventRow,
      files: StagedFile[],
      opts: { captions: string[]; agendaItemId: string | null },
      actor: AuthUser,
    ) {
      await assertAgenda(event, opts.agendaItemId);
      const encoded = [];
      for (const f of files) encoded.push(await encodePhoto(f.path));
      const now = Date.now();
      const rows: MediaItemsTable[] = [];
      for (const [i, e] of encoded.entries()) {
        const id = newId();
        const path = `media/${id}.jpg`;
        const thumbPath = `media/${id}-t.jpg`;
        await write(path, e.full);
        await write(thumbPath, e.thumb);
        rows.push({
          id,
          event_id: event.id,
          kind: 'photo',
          agenda_item_id: opts.agendaItemId,
          person_id: null,
          caption: opts.captions[i]?.trim().slice(0, 500) || null,
          path,
          thumb_path: thumbPath,
          width: e.width,
          height: e.height,
          bytes: e.full.length,
          original_name: files[i]!.filename,
          shared: 1,
          created_by: actor.id,
          created_at: now + i,
        });
      }
      await repo.insert(db, rows);
      return rows;
    },

    /**
     * Speakers' slides as PDF: each checked to be a real PDF in a worker thread with a time limit
     * (pdf-check.ts), then moved into place as is; shared when the organizer says so.
     */
    async addMaterials(
      event: EventRow,
      files: StagedFile[],
      opts: { captions: string[]; personId: string | null; shared: boolean },
      actor: AuthUser,
    ) {
      if (opts.personId && !(await deps.program.findPerson(event.id, opts.personId)))
        throw errors.notFound(what.person);
      for (const f of files) {
        const { verdict } = await checkPdf({ path: f.path });
        if (verdict === 'timeout') throw errors.pdfTooComplex(PDF_CHECK_MS / 1000);
        if (verdict !== 'ok') throw errors.unsupportedMedia('PDF');
      }
      const now = Date.now();
      const rows: MediaItemsTable[] = [];
      for (const [i, f] of files.entries()) {
        const id = newId();
        const path = `media/${id}.pdf`;
        await mkdir(join(abs(path), '..'), { recursive: true });
        await rename(f.path, abs(path));
        rows.push({
          id,
          event_id: event.id,
          kind: 'material',
          agenda_item_id: null,
          person_id: opts.personId,
          caption: opts.captions[i]?.trim().slice(0, 500) || f.filename.replace(/\.pdf$/i, '').slice(0, 200),
          path,
          thumb_path: null,
          width: null,
          height: null,
          bytes: f.bytes,
          original_name: f.filename,
          shared: opts.shared ? 1 : 0,
          created_by: actor.id,
          created_at: now + i,
        });
      }
      await repo.insert(db, rows);
      return rows;
    },

    list: (event: EventRow, kind?: MediaKind, onlyShared = false) =>
      repo.list(db, event.id, kind, onlyShared),

    async update(
      event: EventRow,
      id: string,
      patch: { caption?: string | null; agendaItemId?: string | null; shared?: boolean },
    ) {
      const row = await repo.find(db, event.id, id);
      if (!row) throw errors.notFound(what.mediaItem);
      if (patch.agendaItemId !== undefined) await assertAgenda(event, patch.agendaItemId);
      await repo.update(db, id, {
        ...(patch.caption !== undefined ? { caption: patch.caption?.trim() || null } : {}),
        ...(patch.agendaItemId !== undefined ? { agenda_item_id: patch.agendaItemId } : {}),
        ...(patch.shared !== undefined ? { shared: patch.shared ? 1 : 0 } : {}),
      });
      return (await repo.find(db, event.id, id))!;
    },

    async remove(event: EventRow, id: string) {
      const row = await repo.find(db, event.id, id);
      if (!row) throw errors.notFound(what.mediaItem);
      await repo.remove(db, id);
      for (const p of [row.path, row.thumb_path]) if (p && SAFE.test(p)) await rm(abs(p), { force: true });
    },

    present: (m: MediaRow) => ({
      id: m.id,
      kind: m.kind,
      caption: m.caption,
      agendaItemId: m.agenda_item_id,
      personId: m.person_id,
      url: uploadUrl(m.path)!,
      thumbUrl: uploadUrl(m.thumb_path),
      width: m.width,
      height: m.height,
      bytes: m.bytes,
      shared: m.shared === 1,
    }),

    /** The stored files of an event's photos and materials (deleted with the event). */
    filesOfEvent: (eventId: string) => repo.filesOfEvent(db, eventId),
  };
  return service;
}

export type MediaService = ReturnType<typeof createMediaService>;
