import type { FastifyPluginAsync } from 'fastify';

export const invitationsRoutes: FastifyPluginAsync = async () => {};
