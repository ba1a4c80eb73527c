import type { Migration } from 'kysely/migration';
import * as foundation from './2026_11_29_0100_foundation.js';
import * as registrations from './2026_11_29_0200_registrations.js';
import * as orgs from './2026_11_29_0210_orgs.js';
import * as registrationSetup from './2026_11_29_0310_registration_setup.js';
import * as attendance from './2026_11_29_0410_attendance.js';
import * as live from './2026_11_29_0500_live.js';
import * as afterEvent from './2026_11_29_0610_after_event.js';
import * as announcements from './2026_11_29_0700_announcements.js';
import * as attendanceWalkins from './2026_11_29_0810_attendance_walkins.js';
import * as reportVersions from './2026_11_29_0820_report_versions.js';
import * as registrationPrivacy from './2026_11_29_0830_registration_privacy.js';
import * as userInvites from './2026_11_29_0900_user_invites.js';
import * as registrationClientRef from './2026_11_29_0910_registration_client_ref.js';
import * as codeEntriesByRegistration from './2026_11_29_1010_code_entries_by_registration.js';
import * as oneVote from './2026_12_07_1000_one_vote.js';
import * as voterSlots from './2026_12_07_1001_voter_slots.js';
import * as pollKindsCaptions from './2026_12_07_1020_poll_kinds_captions.js';
import * as personPresenceMode from './2026_12_07_1021_person_presence_mode.js';
import * as presenceWindow from './2026_12_07_1100_presence_window.js';
import * as registrationResentAt from './2026_12_07_1120_registration_resent_at.js';
import * as jobQueue from './2026_12_07_1200_job_queue.js';
import * as messagesTables from './2026_12_07_1210_messages.js';
import * as webhooksTables from './2026_12_07_1220_webhooks.js';
import * as changeNotices from './2026_12_07_1230_change_notices.js';
import * as webhookDedupe from './2026_12_07_1240_webhook_dedupe.js';
import * as registrationPromotedAt from './2026_12_07_1260_registration_promoted_at.js';
import * as orgMembers from './2026_12_07_1300_org_members.js';
import * as eventCity from './2026_12_07_1500_event_city.js';
import * as certificateNumberIdx from './2026_12_07_1510_certificate_number_idx.js';
/**
 * Migrations in the order they run: Kysely runs them by name, so they are listed by name (a test keeps it
 * so). Each is frozen in time: it uses Kysely<any> and never imports app code, and its name never changes
 * (databases record it; `1260` is a name, not a clock time). Add new ones at the end with a later name:
 * a database that has run a later name refuses to start under one that sorts before it.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_29_0100_foundation': foundation,
  '2026_11_29_0200_registrations': registrations,
  '2026_11_29_0210_orgs': orgs,
  '2026_11_29_0310_registration_setup': registrationSetup,
  '2026_11_29_0410_attendance': attendance,
  '2026_11_29_0500_live': live,
  '2026_11_29_0610_after_event': afterEvent,
  '2026_11_29_0700_announcements': announcements,
  '2026_11_29_0810_attendance_walkins': attendanceWalkins,
  '2026_11_29_0820_report_versions': reportVersions,
  '2026_11_29_0830_registration_privacy': registrationPrivacy,
  '2026_11_29_0900_user_invites': userInvites,
  '2026_11_29_0910_registration_client_ref': registrationClientRef,
  '2026_11_29_1010_code_entries_by_registration': codeEntriesByRegistration,
  '2026_12_07_1000_one_vote': oneVote,
  '2026_12_07_1001_voter_slots': voterSlots,
  '2026_12_07_1020_poll_kinds_captions': pollKindsCaptions,
  '2026_12_07_1021_person_presence_mode': personPresenceMode,
  '2026_12_07_1100_presence_window': presenceWindow,
  '2026_12_07_1120_registration_resent_at': registrationResentAt,
  '2026_12_07_1200_job_queue': jobQueue,
  '2026_12_07_1210_messages': messagesTables,
  '2026_12_07_1220_webhooks': webhooksTables,
  '2026_12_07_1230_change_notices': changeNotices,
  '2026_12_07_1240_webhook_dedupe': webhookDedupe,
  '2026_12_07_1260_registration_promoted_at': registrationPromotedAt,
  '2026_12_07_1300_org_members': orgMembers,
  '2026_12_07_1500_event_city': eventCity,
  '2026_12_07_1510_certificate_number_idx': certificateNumberIdx,
};
