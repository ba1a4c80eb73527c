export { type TranscriptLine, transcriptAppendix } from './captions.report.js';
export { createCaptionsService } from './captions.service.js';
export { livePlugin } from './live.plugin.js';
export { createLiveService, type LiveService } from './live.service.js';
