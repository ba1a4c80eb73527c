export { loggerOptions } from './logging.js';
export { opsModule } from './ops.plugin.js';
export { createOpsService, type OpsService } from './ops.service.js';
