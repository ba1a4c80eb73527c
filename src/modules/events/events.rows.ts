/** The stored shapes other modules work with; the repositories that read them stay private to the module. */
export type { EventGraph } from './events.graph.repository.js';
export type { EventRow, OrgRow } from './events.repository.js';
