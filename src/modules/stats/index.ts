export { statsPlugin } from './stats.plugin.js';
export { createStatsService, type Stats } from './stats.service.js';
