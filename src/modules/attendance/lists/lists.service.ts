import type { AppContext } from '../../../context.js';
import type { EventRow } from '../../events/index.js';
import { buildList, type ListKind, listFilename, listPdf, listXlsx } from './lists.js';

const TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The daftar hadir files organizers download after the event. */
export function createListsService(ctx: AppContext) {
  const { db } = ctx;
  return {
    /** One list as a file: its bytes, content type and the name it is saved under. */
    async file(event: EventRow, kind: ListKind, only: 'present' | 'all', format: 'pdf' | 'xlsx') {
      const list = await buildList(db, event, kind, only);
      const body = format === 'pdf' ? Buffer.from(await listPdf(list)) : await listXlsx(list);
      return { body, type: TYPES[format], filename: listFilename(list, format) };
    },
  };
}
