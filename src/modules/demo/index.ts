export { DEMO_SLUG, loadDemo } from './demo.service.js';
