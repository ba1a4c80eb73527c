import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** The readiness probe's one query: the database answers. */
export const opsRepository = {
  ping: (db: Db) => sql`select 1`.execute(db),
};
