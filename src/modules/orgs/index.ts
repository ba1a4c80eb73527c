export { orgsPlugin } from './orgs.plugin.js';
export type { OrganizationRow } from './orgs.rows.js';
export * from './orgs.schemas.js';
export { createOrgsService, type OrgsService, presentOrganization } from './orgs.service.js';
