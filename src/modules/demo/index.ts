export { createDemoService, DEMO_SLUG, type DemoService } from './demo.service.js';
