export { createDeliveriesService, type DeliveriesService } from './deliveries.service.js';
export { messagesPersonalData } from './messages.personal.js';
export { messagesModule } from './messages.plugin.js';
export { createMessagesService, type MessagesService } from './messages.service.js';
export { createNoticesService, type NoticesService } from './notices/notices.service.js';
export { createRemindersService, type RemindersService } from './reminders/reminders.service.js';
export { createThanksService, type ThanksService } from './thanks/thanks.service.js';
