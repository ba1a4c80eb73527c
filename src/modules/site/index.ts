export { EventPageBody } from './event.page.js';
export { AgendaTime, EventCard, EventWhen, OrgBadge, PersonItem, Presence } from './site.components.js';
export { rememberLang, siteModule } from './site.plugin.js';
export {
  createSiteService,
  metaDescription,
  personName,
  whatsAppLink,
  whatsAppText,
} from './site.service.js';
export { KIND_LABELS, PLATFORM_LABELS, PRESENCE_LABELS, ROLE_LABELS } from './site.text.js';
