export { attendanceModule } from './attendance.plugin.js';
export type { AttendanceTables, OnlineRule } from './attendance.tables.js';
export { presenceCounts, presentRegistrations } from './presence.js';
