import type { Db } from '../../db/database.js';
import type { PersonPresenceTables } from './program.presence.tables.js';

type Row = PersonPresenceTables['person_joins'];

/** The SQL of the programme people's recorded presence. */
export const presenceRepository = {
  record: (db: Db, row: Row) => db.insertInto('person_joins').values(row).execute(),

  /** Each person's first recorded presence per mode between `from` and `to`. */
  firstWithin: (db: Db, eventId: string, from: number, to: number) =>
    db
      .selectFrom('person_joins')
      .select(['person_id', 'mode'])
      .select((eb) => eb.fn.min('joined_at').as('at'))
      .where('event_id', '=', eventId)
      .where('joined_at', '>=', from)
      .where('joined_at', '<=', to)
      .groupBy(['person_id', 'mode'])
      .execute(),
};
