export { type ImageUpload, readImageUpload } from './uploads.http.js';
export {
  ALLOWED_IMAGES,
  encodeImage,
  type ImageKind,
  MAX_UPLOAD_BYTES,
  type StoredImage,
  uploadsService,
} from './uploads.service.js';
