export { jobsModule } from './jobs.plugin.js';
export type { Attempt, JobQueue, NewJob } from './jobs.queue.js';
export { createJobsService } from './jobs.service.js';
