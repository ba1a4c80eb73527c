import type { FastifyRequest } from 'fastify';
import { errors } from '../../../errors.js';

/** The uploaded CSV/XLSX and the form's other fields, from a multipart request (API and console form). */
export async function fileFrom(
  req: FastifyRequest,
): Promise<{ data: Buffer; fields: Record<string, string>; filename: string }> {
  if (!req.isMultipart()) throw errors.unsupportedMedia('multipart/form-data (CSV/XLSX)');
  const fields: Record<string, string> = {};
  let data: Buffer | null = null;
  let filename = '';
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (!/\.(csv|xlsx|txt)$/i.test(part.filename)) {
        await part.toBuffer();
        throw errors.unsupportedMedia('CSV, XLSX');
      }
      data = await part.toBuffer();
      filename = part.filename;
    } else fields[part.fieldname] = String(part.value);
  }
  if (!data) throw errors.validation({ id: 'Pilih berkas CSV atau XLSX.', en: 'Choose a CSV or XLSX file.' });
  return { data, fields, filename };
}
