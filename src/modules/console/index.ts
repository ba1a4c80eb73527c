export { consoleModule } from './console.plugin.js';
