export { announcementsRoutes } from './announcements.routes.js';
export { createAnnouncementsService } from './announcements.service.js';
export type { AnnouncementTables } from './announcements.tables.js';
