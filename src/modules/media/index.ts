export { mediaPlugin } from './media.plugin.js';
export { createMediaService, type MediaService } from './media.service.js';
