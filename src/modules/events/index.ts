export { City, signatureLine, signingCity } from './events.city.js';
export * from './events.manage.schemas.js';
export { createEventsManageService, type EventsManageService } from './events.manage.service.js';
export { eventsPlugin } from './events.plugin.js';
export {
  allows,
  can,
  type EventAction,
  type EventRole,
  eventRoleOf,
  eventRolesOf,
  loadEventFor,
} from './events.policy.js';
export { presentOrg, uploadUrl } from './events.presenter.js';
export type { EventGraph, EventRow, OrgRow } from './events.rows.js';
export * from './events.schemas.js';
export { createEventsService, type EventsService } from './events.service.js';
