import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from './bus/bus.js';
import type { Config } from './config.js';
import type { Db, Dialect } from './db/database.js';
import type { Mailer } from './mail/mailer.js';
import type { Services } from './services.js';
import type { UiExtensions } from './web/extensions.js';

/** Lists the files under DATA_DIR/uploads that belong to one event (deleted with it). */
type EventFilesProvider = (db: Db, eventId: string) => Promise<(string | null)[]>;

/** What every module receives: built once in buildApp, never global. */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: Dialect;
  bus: Bus;
  mailer: Mailer;
  log: FastifyBaseLogger;
  /** Cross-module page sections (see web/extensions.ts). */
  ui: UiExtensions;
  /** Each module that stores files for an event says which (see EventFilesProvider). */
  eventFiles: EventFilesProvider[];
  /** Every module's services, built once (src/services.ts). */
  services: Services;
}
