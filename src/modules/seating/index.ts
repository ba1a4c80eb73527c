export {
  computePlan,
  DistancingRule,
  PlanInput,
  parseLabels,
  parseRows,
  rowLetter,
  SeatLayout,
  violations,
} from './seating.layout.js';
export { seatingRoutes } from './seating.routes.js';
export { type PlanView, seatingService } from './seating.service.js';
