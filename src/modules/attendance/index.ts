export { attendanceModule } from './attendance.plugin.js';
export type { AttendanceTables, OnlineRule } from './attendance.tables.js';
export { CodeResultNotice } from './participant.pages.js';
export { presenceCounts, presentRegistrations } from './presence.js';
