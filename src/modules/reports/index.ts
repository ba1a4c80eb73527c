export { reportsPlugin } from './reports.plugin.js';
export { createReportsService, type ReportsService } from './reports.service.js';
