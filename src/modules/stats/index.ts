export { type Stats, StatsOut, statsService } from './stats.service.js';
