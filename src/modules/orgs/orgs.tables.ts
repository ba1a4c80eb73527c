export type OrgRole = 'owner' | 'organizer';

/** Who belongs to an organization (migration 2026_12_07_1300_org_members). */
interface OrgMembersTable {
  org_id: string;
  user_id: string;
  /** Owners manage members and the organization; organizers put events under it and edit it. */
  role: OrgRole;
  created_at: number;
}

export interface OrgTables {
  org_members: OrgMembersTable;
}
