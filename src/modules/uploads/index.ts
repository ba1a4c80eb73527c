export { checkPdf, PDF_CHECK_MS } from './pdf-check.js';
export { type ImageUpload, readImageUpload } from './uploads.http.js';
export {
  copyImage,
  type ImageKind,
  removeGeneratedFiles,
  removeImage,
  storeImage,
} from './uploads.service.js';
