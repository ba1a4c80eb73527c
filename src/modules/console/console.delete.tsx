import type { FastifyInstance } from 'fastify';
import type { Text } from '../../i18n/index.js';
import { Field, str } from '../../web/forms.js';
import { tabFormRoutes } from './console.tab-form.js';
import { C } from './console.text.js';

const D = {
  warn: {
    id: 'Menghapus acara juga menghapus semua pendaftar, presensi, pertanyaan, jajak pendapat, evaluasi, sertifikat dan laporannya. Ini tidak dapat dibatalkan. Jika hanya ingin menyembunyikannya, kembalikan ke draf.',
    en: 'Deleting the event also deletes all its registrations, attendance, questions, polls, evaluation, certificates and report. This cannot be undone. To hide it only, set it back to draft.',
  },
  confirm: { id: 'Ketik alamat acara untuk memastikan', en: 'Type the event’s address to confirm' },
} satisfies Record<string, Text>;

/** Deleting an event, behind a typed confirmation: everything under it goes with it. */
export async function consoleDeleteRoutes(base: FastifyInstance) {
  const events = base.ctx.services.events;
  await tabFormRoutes(base, {
    tab: 'delete',
    title: C.deleteEvent,
    intro: D.warn,
    initial: () => ({}),
    fields: (event, f) => (
      <Field
        name="confirm"
        label={{ id: `${D.confirm.id}: ${event.slug}`, en: `${D.confirm.en}: ${event.slug}` }}
        {...f}
        autocomplete="off"
        required
      />
    ),
    async save(event, values, user) {
      await events.remove(event, str(values, 'confirm'), user);
      return '/console';
    },
  });
}
