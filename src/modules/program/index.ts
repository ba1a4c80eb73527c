export { type AgendaRow, type PersonRow, programRepository } from './program.repository.js';
export { programPlugin } from './program.plugin.js';
export { AgendaBody, AgendaPatch, PersonBody, PersonPatch } from './program.schemas.js';
export { createProgramService, type ProgramService, presentPerson } from './program.service.js';
