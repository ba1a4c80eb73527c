export { orgsPlugin } from './orgs.plugin.js';
export type { OrganizationRow } from './orgs.rows.js';
export * from './orgs.schemas.js';
export { canEditOrg, createOrgsService, type OrgsService, presentOrganization } from './orgs.service.js';
