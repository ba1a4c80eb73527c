export { createDemoService, DEMO_SLUG } from './demo.service.js';
