import type { Generated } from 'kysely';
import type { AnnouncementTables } from '../modules/announcements/announcements.tables.js';
import type { AttendanceTables } from '../modules/attendance/attendance.tables.js';
import type { CertificateTables } from '../modules/certificates/certificates.tables.js';
import type { EvaluationTables } from '../modules/evaluation/evaluation.tables.js';
import type { InvitationTables } from '../modules/invitations/invitations.tables.js';
import type { JobTables } from '../modules/jobs/jobs.tables.js';
import type { CaptionTables } from '../modules/live/captions.tables.js';
import type { MediaTables } from '../modules/media/media.tables.js';
import type { MessageTables } from '../modules/messages/messages.tables.js';
import type { OrgTables } from '../modules/orgs/orgs.tables.js';
import type { PersonPresenceTables } from '../modules/program/program.presence.tables.js';
import type { PollKindTables } from '../modules/qa/qa.poll-kinds.tables.js';
import type { QaTables } from '../modules/qa/qa.tables.js';
import type { RegistrationTables } from '../modules/registrations/registrations.tables.js';
import type { ReportTables } from '../modules/reports/reports.tables.js';
import type { SeatingTables } from '../modules/seating/seating.tables.js';
import type { WebhookTables } from '../modules/webhooks/webhooks.tables.js';
import type { RealtimeTables } from '../realtime/realtime.tables.js';

/**
 * The typed shape of the database. Each module declares its own tables in `<module>.tables.ts`
 * and the DB interface below joins them; instants are epoch milliseconds (UTC), flags 0/1.
 */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: 'admin' | 'organizer' | 'moderator' | 'checkin';
  locale: string;
  created_at: number;
}

interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

interface SettingsTable {
  key: string;
  value: string;
}

export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  short_name: string | null;
  website: string | null;
  logo_path: string | null;
  /** Added by migration 2026_11_29_0210_orgs. */
  description: string | null;
  created_by: string | null;
  created_at: number;
  /** Kota/Kabupaten events sign in by default (migration 2026_12_07_1500_event_city). */
  city: string | null;
}

export interface EventsTable {
  id: string;
  slug: string;
  org_id: string | null;
  series: string | null;
  title: string;
  theme: string | null;
  summary: string | null;
  description: string | null;
  starts_at: number;
  ends_at: number;
  timezone: string;
  venue_name: string | null;
  venue_address: string | null;
  venue_map_url: string | null;
  venue_capacity: number | null;
  online_platform: string | null;
  online_join_url: string | null;
  online_stream_url: string | null;
  online_capacity: number | null;
  banner_path: string | null;
  /** Kota/Kabupaten of every signature line; the organization's when null (migration 2026_12_07_1500). */
  city: string | null;
  status: Generated<'draft' | 'published'>;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

interface EventPartnersTable {
  event_id: string;
  org_id: string;
  position: Generated<number>;
}

export interface EventTeamTable {
  event_id: string;
  user_id: string;
  role: 'organizer' | 'moderator' | 'checkin';
}

export interface PeopleTable {
  id: string;
  event_id: string;
  front_titles: string | null;
  name: string;
  back_titles: string | null;
  position: string | null;
  institution: string | null;
  role: string;
  presence: 'onsite' | 'online';
  email: string | null;
  sort: Generated<number>;
  created_at: number;
}

export interface AgendaItemsTable {
  id: string;
  event_id: string;
  starts_at: number;
  ends_at: number | null;
  kind: string;
  title: string;
  notes: string | null;
  created_at: number;
}

export interface AgendaPeopleTable {
  agenda_item_id: string;
  person_id: string;
  position: Generated<number>;
}

interface AuditLogTable {
  id: string;
  event_id: string | null;
  actor_user_id: string | null;
  action: string;
  target: string | null;
  reason: string | null;
  data: string | null;
  at: number;
}

interface UserInvitesTable {
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

interface FoundationTables {
  user_invites: UserInvitesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  settings: SettingsTable;
  organizations: OrganizationsTable;
  events: EventsTable;
  event_partners: EventPartnersTable;
  event_team: EventTeamTable;
  people: PeopleTable;
  agenda_items: AgendaItemsTable;
  agenda_people: AgendaPeopleTable;
  audit_log: AuditLogTable;
}

// Modules add their table interfaces here: `export interface DB extends FoundationTables, RegistrationTables {}`.
export interface DB
  extends FoundationTables,
    RegistrationTables,
    SeatingTables,
    InvitationTables,
    AttendanceTables,
    QaTables,
    PollKindTables,
    CaptionTables,
    PersonPresenceTables,
    RealtimeTables,
    EvaluationTables,
    CertificateTables,
    MediaTables,
    ReportTables,
    AnnouncementTables,
    JobTables,
    MessageTables,
    WebhookTables,
    OrgTables {}
