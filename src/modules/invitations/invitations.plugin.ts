import type { FastifyPluginAsync } from 'fastify';
import { invitationGuestPages } from './invitations.guest.js';
import { invitationsPages } from './invitations.pages.js';
import { invitationsApiRoutes } from './invitations.routes.js';

/** The invitations module: the API, the guest's personal page (/i/:token) and the console page. */
export const invitationsModule: FastifyPluginAsync = async (app) => {
  await app.register(invitationsApiRoutes);
  await app.register(invitationGuestPages);
  await app.register(invitationsPages);
};
