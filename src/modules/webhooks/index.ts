export { webhooksModule } from './webhooks.plugin.js';
export { createWebhooksService, type WebhooksService } from './webhooks.service.js';
