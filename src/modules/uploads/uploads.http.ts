import type { FastifyRequest } from 'fastify';
import { errors } from '../../errors.js';
import { refuseNul } from '../../http/client-input.js';
import { ALLOWED_IMAGES, MAX_UPLOAD_BYTES } from './uploads.service.js';

export interface ImageUpload {
  file: Buffer;
  /** The other form fields (for the console: `_csrf`). */
  fields: Record<string, string>;
}

/**
 * Reads one image from a multipart request (field `file`, or the first file part). Refuses a
 * non-multipart body with 415 and a file over the limit with 413, before anything is stored.
 */
export async function readImageUpload(req: FastifyRequest): Promise<ImageUpload> {
  if (!req.isMultipart()) throw errors.unsupportedMedia(`multipart/form-data (${ALLOWED_IMAGES})`);
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (!file && data.length) file = data;
      } else if (typeof part.value === 'string') {
        refuseNul(part.fieldname, part.value);
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw errors.tooLarge(MAX_UPLOAD_BYTES / 1024, 'file', 'file');
    }
    throw err;
  }
  if (!file) {
    throw errors.validation({
      id: `file: pilih berkas gambar (${ALLOWED_IMAGES}).`,
      en: `file: choose an image file (${ALLOWED_IMAGES}).`,
    });
  }
  return { file, fields };
}
