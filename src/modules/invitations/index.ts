export { invitationsRoutes } from './invitations.routes.js';
