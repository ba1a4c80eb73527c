export { berita } from './reports.berita.js';
export { gatherReport, type ReportData } from './reports.data.js';
export { buildReport } from './reports.document.js';
export { reportsRoutes } from './reports.routes.js';
