import type { AppContext } from '../../../context.js';
import { type EventRow, type EventsService, signingCity } from '../../events/index.js';
import { buildList, type ListKind, type ListSigner, listFilename, listPdf } from './lists.js';
import { listXlsx } from './lists.xlsx.js';

const TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

interface ListsDeps {
  events: Pick<EventsService, 'orgOf'>;
  /** Who signs under the lists: the report's approval slots (the reports module owns them). */
  signers: (event: EventRow) => Promise<ListSigner[]>;
}

/** The daftar hadir files organizers download after the event. */
export function createListsService(ctx: AppContext, deps: ListsDeps) {
  const { db } = ctx;
  return {
    /** One list as a file: its bytes, content type and the name it is saved under. */
    async file(event: EventRow, kind: ListKind, only: 'present' | 'all', format: 'pdf' | 'xlsx') {
      const [org, signers] = await Promise.all([deps.events.orgOf(event), deps.signers(event)]);
      const list = await buildList(db, event, kind, only, {
        city: signingCity(event, org ?? null),
        signers,
      });
      const body = format === 'pdf' ? Buffer.from(await listPdf(list)) : await listXlsx(list);
      return { body, type: TYPES[format], filename: listFilename(list, format) };
    },
  };
}
