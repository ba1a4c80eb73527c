import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { errors, what } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { newId, slugify } from '../../shared/ids.js';
import { uploadUrl } from '../events/index.js';
import { removeImage, storeImage } from '../uploads/index.js';
import { type OrganizationRow, orgsRepository as repo } from './orgs.repository.js';
import type { OrgDto, OrgInput, OrgPatchInput } from './orgs.schemas.js';
import type { OrgRole } from './orgs.tables.js';

export function presentOrganization(o: OrganizationRow, publicUrl: string): OrgDto {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    shortName: o.short_name,
    website: o.website,
    description: o.description,
    city: o.city,
    logoUrl: uploadUrl(o.logo_path),
    url: `${publicUrl}/o/${o.slug}`,
  };
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
        ...o,
        website: null,
        logo_path: null,
        city: null,
        created_by: ownerId,
        created_at: Date.now(),
      };
      try {
        await inTransaction(db, async (trx) => {
          await repo.insert(trx, row);
          if (ownerId) await repo.putMember(trx, row.id, ownerId, 'owner');
        });
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
        // The creator owns it from the start: no moment where it exists without an owner.
        await inTransaction(db, async (trx) => {
          await repo.insert(trx, row);
          await repo.putMember(trx, row.id, actor.id, 'owner');
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw errors.orgSlugTaken(row.slug);
        throw err;
      }
      return row;
    },

    /** The caller's role in the organization; admins act as owners everywhere. */
    async roleOf(orgId: string, user: AuthUser | null): Promise<OrgRole | null> {
      if (!user) return null;
      if (user.role === 'admin') return 'owner';
      if (user.role !== 'organizer') return null;
      return repo.role(db, orgId, user.id);
    },

    /** Members (owners and organizers) and admins may change an organization and put events under it. */
    async canEdit(org: OrganizationRow, user: AuthUser | null): Promise<boolean> {
      return (await service.roleOf(org.id, user)) !== null;
    },

    async assertCanEdit(org: OrganizationRow, user: AuthUser) {
      if (!(await service.canEdit(org, user))) throw errors.orgNotMember(org.name);
    },

    /** The organizations a caller may edit (the console lists them as links). */
    async editableIds(user: AuthUser | null): Promise<Set<string> | 'all'> {
      if (user?.role === 'admin') return 'all';
      if (user?.role !== 'organizer') return new Set();
      return new Set(await repo.orgIdsOf(db, user.id));
    },

    async members(org: OrganizationRow, actor: AuthUser) {
      await service.assertCanEdit(org, actor);
      return repo.members(db, org.id);
    },

    /** Owners (and admins) add an organizer account as a member or change a member's role. */
    async putMember(org: OrganizationRow, email: string, role: OrgRole, actor: AuthUser) {
      if ((await service.roleOf(org.id, actor)) !== 'owner') throw errors.orgOwnersOnly();
      const user = await repo.userByEmail(db, email);
      if (!user) throw errors.orgUserUnknown(email);
      if (user.role !== 'organizer' && user.role !== 'admin') throw errors.orgMemberNotOrganizer(email);
      await inTransaction(db, async (trx) => {
        await repo.lock(trx, org.id);
        const current = await repo.role(trx, org.id, user.id);
        if (current === 'owner' && role !== 'owner') {
          if (!(await repo.removeMember(trx, org.id, user.id, role))) throw errors.orgLastOwner();
        } else await repo.putMember(trx, org.id, user.id, role);
      });
      return repo.members(db, org.id);
    },

    async removeMember(org: OrganizationRow, userId: string, actor: AuthUser) {
      // Anyone may leave; removing someone else is for owners.
      if (userId !== actor.id && (await service.roleOf(org.id, actor)) !== 'owner')
        throw errors.orgOwnersOnly();
      await inTransaction(db, async (trx) => {
        await repo.lock(trx, org.id);
        if (!(await repo.role(trx, org.id, userId))) throw errors.notFound(what.orgMember);
        if (!(await repo.removeMember(trx, org.id, userId, null))) throw errors.orgLastOwner();
      });
      return repo.members(db, org.id);
    },

    async update(org: OrganizationRow, input: OrgPatchInput, actor: AuthUser): Promise<OrganizationRow> {
      await service.assertCanEdit(org, actor);
      if (input.slug && input.slug !== org.slug && (await repo.slugExists(db, input.slug)))
        throw errors.orgSlugTaken(input.slug);
      const patch: Partial<OrganizationRow> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.shortName !== undefined) patch.short_name = input.shortName;
      if (input.slug !== undefined) patch.slug = input.slug;
      if (input.website !== undefined) patch.website = input.website ?? null;
      if (input.description !== undefined) patch.description = input.description;
      if (input.city !== undefined) patch.city = input.city;
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
      await service.assertCanEdit(org, actor);
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
