export { requireRole, requireUser } from './auth.plugin.js';
export { authRoutes } from './auth.routes.js';
export { authService, SESSION_COOKIE } from './auth.service.js';
