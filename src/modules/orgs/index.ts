export { type OrganizationRow, orgsRepository } from './orgs.repository.js';
export { orgsPlugin } from './orgs.plugin.js';
export * from './orgs.schemas.js';
export { canEditOrg, createOrgsService, type OrgsService, presentOrganization } from './orgs.service.js';
