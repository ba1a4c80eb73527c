import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from './bus/bus.js';
import type { Config } from './config.js';
import type { Db, Dialect } from './db/database.js';
import type { Tx } from './db/transaction.js';
import type { Text } from './i18n/index.js';
import type { Mailer } from './mail/mailer.js';
import type { Services } from './services.js';
import type { UiExtensions } from './web/extensions.js';

/** Lists the files under DATA_DIR/uploads that belong to one event (deleted with it). */
type EventFilesProvider = (db: Db, eventId: string) => Promise<(string | null)[]>;

/**
 * What a module keeps on the event's clock (the rundown, attendance codes, the stage timer): counted for the
 * organizer's preview and moved by the same offset when the event's start moves, in the caller's transaction.
 */
interface EventShifter {
  label: Text;
  count(db: Db, eventId: string): Promise<number>;
  shift(trx: Tx, eventId: string, ms: number): Promise<unknown>;
}

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
  /** Each module with times on the event's clock moves them with it (see EventShifter). */
  eventShifts: EventShifter[];
  /** Every module's services, built once (src/services.ts). */
  services: Services;
}
