import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { newId, slugify } from '../../shared/ids.js';
import { uploadUrl } from '../events/index.js';
import { removeImage, storeImage } from '../uploads/index.js';
import { type OrganizationRow, orgsRepository as repo } from './orgs.repository.js';
import type { OrgDto, OrgInput, OrgPatchInput } from './orgs.schemas.js';

export function presentOrganization(o: OrganizationRow, publicUrl: string): OrgDto {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    shortName: o.short_name,
    website: o.website,
    description: o.description,
    logoUrl: uploadUrl(o.logo_path),
    url: `${publicUrl}/o/${o.slug}`,
    city: o.city,
  };
}

/** Admins and the organizer who created it may change an organization. */
export function canEditOrg(org: OrganizationRow, user: AuthUser | null): boolean {
  return !!user && (user.role === 'admin' || (user.role === 'organizer' && org.created_by === user.id));
}

export function createOrgsService(ctx: AppContext) {
  const { db, config } = ctx;

  async function uniqueSlug(base: string): Promise<string> {
    const root = slugify(base).slice(0, 50).replace(/-+$/, '') || 'organisasi';
    let slug = root.length >= 3 ? root : `${root}-org`;
    for (let i = 2; await repo.slugExists(db, slug); i++) slug = `${root}-${i}`;
    return slug;
  }

  const service = {
    present: (o: OrganizationRow) => presentOrganization(o, config.publicUrl),
    list: () => repo.list(db),
    find: (slug: string) => repo.findBySlug(db, slug),

    /**
     * The organization with this slug, created with these details if there is none yet; two callers at
     * once get the same row (the demo seed).
     */
    async ensure(
      o: { slug: string; name: string; short_name: string | null; description: string | null },
      ownerId: string | null,
    ): Promise<OrganizationRow> {
      const found = await repo.findBySlug(db, o.slug);
      if (found) return found;
      const row: OrganizationRow = {
        id: newId(),
        city: null,
        ...o,
        website: null,
        logo_path: null,
        created_by: ownerId,
        created_at: Date.now(),
      };
      try {
        await repo.insert(db, row);
        return row;
      } catch (err) {
        // Two at once: the other one created it.
        if (isUniqueViolation(err)) return (await repo.findBySlug(db, o.slug))!;
        throw err;
      }
    },

    /** Sets a logo only where there is none (the demo never replaces an uploaded logo); true if set. */
    setLogoIfNone: (orgId: string, path: string) => repo.setLogoIfNone(db, orgId, path),

    async get(idOrSlug: string): Promise<OrganizationRow> {
      const org = await repo.findByIdOrSlug(db, idOrSlug);
      if (!org) throw errors.notFound(what.organization);
      return org;
    },

    async create(input: OrgInput, actor: AuthUser): Promise<OrganizationRow> {
      if (input.slug && (await repo.slugExists(db, input.slug))) throw errors.orgSlugTaken(input.slug);
      const row: OrganizationRow = {
        id: newId(),
        slug: input.slug ?? (await uniqueSlug(input.shortName ?? input.name)),
        name: input.name,
        short_name: input.shortName,
        website: input.website ?? null,
        description: input.description,
        logo_path: null,
        city: input.city ?? null,
        created_by: actor.id,
        created_at: Date.now(),
      };
      try {
        await repo.insert(db, row);
      } catch (err) {
        if (isUniqueViolation(err)) throw errors.orgSlugTaken(row.slug);
        throw err;
      }
      return row;
    },

    assertCanEdit(org: OrganizationRow, user: AuthUser) {
      if (!canEditOrg(org, user)) throw errors.forbidden();
    },

    async update(org: OrganizationRow, input: OrgPatchInput, actor: AuthUser): Promise<OrganizationRow> {
      service.assertCanEdit(org, actor);
      if (input.slug && input.slug !== org.slug && (await repo.slugExists(db, input.slug)))
        throw errors.orgSlugTaken(input.slug);
      const patch: Partial<OrganizationRow> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.shortName !== undefined) patch.short_name = input.shortName;
      if (input.slug !== undefined) patch.slug = input.slug;
      if (input.website !== undefined) patch.website = input.website ?? null;
      if (input.description !== undefined) patch.description = input.description;
      if (Object.keys(patch).length) {
        try {
          await repo.update(db, org.id, patch);
        } catch (err) {
          if (isUniqueViolation(err)) throw errors.orgSlugTaken(patch.slug ?? '');
          throw err;
        }
      }
      return (await repo.findByIdOrSlug(db, org.id))!;
    },

    /** Stores the new logo first, then points the organization at it, then deletes the old file. */
    async setLogo(org: OrganizationRow, image: Buffer, actor: AuthUser): Promise<OrganizationRow> {
      service.assertCanEdit(org, actor);
      const stored = await storeImage(config.dataDir, image, 'logo');
      try {
        await repo.update(db, org.id, { logo_path: stored.path });
      } catch (err) {
        await removeImage(config.dataDir, stored.path);
        throw err;
      }
      await removeImage(config.dataDir, org.logo_path);
      return (await repo.findByIdOrSlug(db, org.id))!;
    },

    uniqueSlug,
  };
  return service;
}

export type OrgsService = ReturnType<typeof createOrgsService>;
      if (input.city !== undefined) patch.city = input.city;
