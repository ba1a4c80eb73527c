/** The stored shape other modules work with; the repository that reads it stays private to the module. */
export type { OrganizationRow } from './orgs.repository.js';
