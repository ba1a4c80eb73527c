export { attendanceModule } from './attendance.plugin.js';
export { createAttendanceService } from './attendance.service.js';
export type { AttendanceTables, OnlineRule } from './attendance.tables.js';
export { createCheckinService } from './checkin.service.js';
export { createImportService } from './import.service.js';
export { createOnlineService } from './online.service.js';
export { CodeResultNotice } from './participant.pages.js';
export { presenceCounts, presentRegistrations } from './presence.js';
export { createWalkInService } from './walkin.service.js';
