export { can, type EventAction, eventRoleOf, loadEventFor } from './events.policy.js';
export { presentOrg, uploadUrl } from './events.presenter.js';
export { type EventRow, eventsRepository, type OrgRow } from './events.repository.js';
export { eventsRoutes } from './events.routes.js';
export * from './events.schemas.js';
export { createEventsService, type EventsService } from './events.service.js';
