import type { FastifyPluginAsync } from 'fastify';
export const livePages: FastifyPluginAsync = async () => {};
