export { type AgendaRow, type PersonRow, programRepository } from './program.repository.js';
export { programRoutes } from './program.routes.js';
export { AgendaBody, AgendaPatch, PersonBody, PersonPatch } from './program.schemas.js';
export { createProgramService, type ProgramService, presentPerson } from './program.service.js';
