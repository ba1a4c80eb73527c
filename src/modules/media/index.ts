export { type MediaRow, mediaRepository } from './media.repository.js';
export { mediaRoutes } from './media.routes.js';
export { createMediaService, type MediaService } from './media.service.js';
