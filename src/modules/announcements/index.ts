export { announcementsRoutes } from './announcements.routes.js';
export type { AnnouncementTables } from './announcements.tables.js';
