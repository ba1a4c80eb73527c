export { personJoinLink } from './program.links.js';
export { programPlugin } from './program.plugin.js';
export { recordedPresence } from './program.presence.js';
export type { AgendaRow, PersonRow } from './program.rows.js';
export { AgendaBody, AgendaPatch, PersonBody, PersonPatch } from './program.schemas.js';
export { createProgramService, type ProgramService, presentPerson } from './program.service.js';
