export { seatingModule } from './seating.plugin.js';
export { createSeatingService, type PlanView, type SeatingService } from './seating.service.js';
