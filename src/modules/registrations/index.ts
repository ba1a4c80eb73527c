export { displayPhone, normalizePhone, phoneSearchDigits, waDigits } from './phone.js';
export type { DataSubject, PersonalDataPart } from './privacy/personal-data.js';
export { createPrivacyService } from './privacy/privacy.service.js';
export { registrationsModule } from './registrations.plugin.js';
export { presentTicket, printedName, ticketUrl } from './registrations.presenter.js';
export { Email, Phone, type RegisterData, RegisterInput } from './registrations.schemas.js';
export {
  createRegistrationsService,
  MODE_TEXT,
  type RegistrationMode,
  type RegistrationRow,
  type RegistrationSource,
  type RegistrationStatus,
  type RegistrationsService,
} from './registrations.service.js';
export { eventIcs as ticketIcs } from './tickets/ics.js';
