import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth/auth.routes.js';

/** Every domain module's Fastify plugin, in registration order. */
export const modules: FastifyPluginAsync[] = [authRoutes];
