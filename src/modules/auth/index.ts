export { authModule } from './auth.plugin.js';
export { authPlugin, requireRole, requireUser } from './auth.request.js';
export { GLOBAL_ROLES } from './auth.schemas.js';
export { type AuthService, createAuthService } from './auth.service.js';
export { adoptSessionFromForm, hasSessionCookie, SESSION_COOKIE, startSession } from './auth.session.js';
export { createInvitesService, type InvitesService } from './invites.service.js';
