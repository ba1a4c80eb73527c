import type { FastifyPluginAsync } from 'fastify';

/**
 * Starts this node's worker once every module has said what it works on, and stops it on close: jobs in hand
 * finish, queued ones stay in the database for the next start (graceful shutdown loses nothing).
 */
export const jobsModule: FastifyPluginAsync = async (app) => {
  const jobs = app.ctx.services.jobs;
  if (app.ctx.config.jobs.worker) app.addHook('onReady', () => jobs.start());
  app.addHook('onClose', async () => {
    await jobs.stop();
    // After the worker: the jobs in hand may still be sending through the pooled SMTP connections.
    app.ctx.mailer.close?.();
  });
};
