/** The stored shapes other modules work with; the repository that reads them stays private to the module. */
export type { AgendaRow, PersonRow } from './program.repository.js';
