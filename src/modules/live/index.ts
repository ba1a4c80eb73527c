export { livePlugin } from './live.plugin.js';
export { createLiveService, type LiveService } from './live.service.js';
export { createCaptionsService } from './captions.service.js';
