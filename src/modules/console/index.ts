export { adoptSessionFromForm } from './console.multipart.js';
export { consolePages } from './console.pages.js';
