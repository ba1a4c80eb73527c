/** A programme person's recorded presence: a join through their personal link, or a hall check-in. */
interface PersonJoinsTable {
  id: string;
  event_id: string;
  person_id: string;
  mode: 'online' | 'onsite';
  joined_at: number;
}

export interface PersonPresenceTables {
  person_joins: PersonJoinsTable;
}
