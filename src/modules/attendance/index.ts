export { attendanceModule } from './attendance.plugin.js';
export { createAttendanceService } from './attendance.service.js';
export { createCheckinService } from './checkin/checkin.service.js';
export { createWalkInService } from './checkin/walkin.service.js';
export { createImportService } from './imports/imports.service.js';
export { createListsService } from './lists/lists.service.js';
export { createOnlineService } from './online/online.service.js';
export { CodeResultNotice } from './online/participant.pages.js';
export { presenceCounts, presentRegistrations } from './presence.js';
