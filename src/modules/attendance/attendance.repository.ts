import { checkinRepository } from './checkin/checkin.repository.js';
import { importsRepository } from './imports/imports.repository.js';
import { onlineRepository } from './online/online.repository.js';
import { recordsRepository } from './records.repository.js';

export type { CheckInWrite, RegistrationLite } from './checkin/checkin.repository.js';

/** All of attendance's SQL, by sub-resource: the door, online presence, imports, and the record itself. */
export const attendanceRepository = {
  ...checkinRepository,
  ...onlineRepository,
  ...importsRepository,
  ...recordsRepository,
};
