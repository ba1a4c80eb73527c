import type { PDFDocument } from 'pdf-lib';
import type { Layout, Signer } from '../certificates.schemas.js';

/**
 * The shapes the certificate renderer and the PDF writer share: a template made ready once, the
 * per-template skeleton of finished objects, and what one certificate says.
 */

/** What one certificate says; the template says where and how. */
export interface CertData {
  name: string;
  roleText: string;
  number: string;
  eventTitle: string;
  datePlace: string;
  issuer: string;
  issued: string;
  verifyUrl: string;
  /** The code under the QR, printed in groups of four so it can be typed on the verification page. */
  code: string;
}

export interface RawImage {
  width: number;
  height: number;
  rgb: Uint8Array;
  alpha: Uint8Array;
}

/** A template made ready once: parsed background, pre-compressed signature images. */
export interface PreparedTemplate {
  width: number;
  height: number;
  layout: Layout;
  signers: Signer[];
  signatures: (RawImage | null)[];
  /** The organizer's and partners' logos, drawn in the `logos` box. */
  logos: RawImage[];
  background: { kind: 'image'; jpeg: Uint8Array } | { kind: 'pdf'; doc: PDFDocument } | null;
  /** Finished shared objects, by the faces and signatures a page uses; shared by `{ ...t, layout }` copies. */
  skeletons: SkeletonCache;
}

/**
 * Everything a certificate of one template shares with the others, written once as finished bytes:
 * the PDF header, the page tree and catalog, the two faces (font file, descriptor, widths, ToUnicode),
 * the background (the JPEG as an image, or the PDF page as a Form XObject) and the signature images.
 * A certificate adds only its page, its content stream, its info dictionary and the cross-reference
 * table. Objects a page does not use are left out (one skeleton per combination, built on first use).
 */
export interface Skeleton {
  prefix: Buffer;
  /** Byte offset of each object in `prefix`, by object number; 0 where the number is unused. */
  offsets: number[];
  /** The first object number free for the certificate's own objects. */
  next: number;
  pages: number;
  root: number;
  resources: string;
  background: string;
}

type SkeletonCache = Map<string, Promise<Skeleton>>;
