export { announcementsPersonalData } from './announcements.personal.js';
export { announcementsModule } from './announcements.plugin.js';
export { type AnnouncementsService, createAnnouncementsService } from './announcements.service.js';
