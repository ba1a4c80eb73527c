import { announcementsPersonalData } from './announcements/index.js';
import { attendancePersonalData } from './attendance/index.js';
import { certificatesPersonalData } from './certificates/index.js';
import { evaluationPersonalData } from './evaluation/index.js';
import { invitationsPersonalData } from './invitations/index.js';
import { messagesPersonalData } from './messages/index.js';
import { qaPersonalData } from './qa/index.js';
import type { PersonalDataPart } from './registrations/index.js';

/**
 * What each module keeps about a participant (UU PDP), in one list: "Data saya" copies every part and the
 * erasure (on request and by the retention timer) runs every part before the registration is blanked. A module
 * that stores something about a person adds its part here; test/erasure.test.ts fails on a table with personal
 * columns that no part names.
 */
export const PERSONAL_DATA: PersonalDataPart[] = [
  attendancePersonalData,
  qaPersonalData,
  evaluationPersonalData,
  certificatesPersonalData,
  invitationsPersonalData,
  announcementsPersonalData,
  messagesPersonalData,
];
