export { invitationsModule } from './invitations.plugin.js';
export { createInvitationsService, type InvitationsService } from './invitations.service.js';
export type { InvitationStatus } from './invitations.tables.js';
