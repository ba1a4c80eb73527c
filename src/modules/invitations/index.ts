export { invitationsRoutes } from './invitations.routes.js';
export { createInvitationsService, type InvitationsService, invitationUrl } from './invitations.service.js';
