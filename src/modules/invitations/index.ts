export { invitationsPersonalData } from './invitations.personal.js';
export { invitationsModule } from './invitations.plugin.js';
export type { InvitationStatus } from './invitations.schemas.js';
export { createInvitationsService, type InvitationsService } from './invitations.service.js';
