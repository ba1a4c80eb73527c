import type { FastifyInstance } from 'fastify';

/** RFC 6455 "Service Restart": the server goes away on purpose; the client reconnects (and resumes). */
const CLOSE_RESTART = 1012;

/**
 * @fastify/websocket's preClose when the app closes (SIGTERM, a rolling restart): every live socket is
 * told to reconnect — a browser's live room then comes back through the load balancer on another node,
 * or on this one after its restart, asking for the updates after the last sequence number it applied.
 */
export function closeLiveSockets(this: FastifyInstance, done: () => void): void {
  const server = this.websocketServer;
  for (const client of server.clients) client.close(CLOSE_RESTART, 'restart');
  server.close();
  done();
}
