// Reads QR codes from the phone camera: the browser's BarcodeDetector where it exists (Android
// Chrome), otherwise jsQR on frames copied from the <video> through a canvas. jsQR is loaded only
// when needed, so phones with a native detector never download it.

type Detect = (video: HTMLVideoElement) => Promise<string | null>;

interface NativeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type DetectorCtor = (new (opts: {
  formats: string[];
}) => NativeDetector) & { getSupportedFormats?: () => Promise<string[]> };

async function nativeDetector(): Promise<Detect | null> {
  const Ctor = (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    const formats = (await Ctor.getSupportedFormats?.()) ?? ['qr_code'];
    if (!formats.includes('qr_code')) return null;
    const d = new Ctor({ formats: ['qr_code'] });
    return async (video) => (await d.detect(video))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

async function jsqrDetector(): Promise<Detect> {
  type JsQR = (
    data: Uint8ClampedArray,
    w: number,
    h: number,
    o?: { inversionAttempts?: 'attemptBoth' },
  ) => { data: string } | null;
  // jsQR is CommonJS: depending on the bundler its function is `default` or `default.default`.
  const mod = (await import('jsqr')) as unknown as { default: JsQR | { default: JsQR } };
  const jsQR: JsQR = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!w || !h) return null;
    // Downscale big frames: a ticket QR fills much of the view, and 640 px keeps each frame ~10 ms.
    const scale = Math.min(1, 640 / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  };
}

export interface Camera {
  stop(): void;
}

/**
 * Starts the camera and calls `onCode` for each QR code that comes into view. A code held in front
 * of the camera fires once; it fires again only after it has been out of view for `gapMs`.
 */
export async function startCamera(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
  gapMs = 1500,
): Promise<Camera> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 } },
    audio: false,
  });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const detect = (await nativeDetector()) ?? (await jsqrDetector());
  let running = true;
  let last = '';
  let lastSeenAt = 0;
  const tick = async () => {
    if (!running) return;
    try {
      const text = await detect(video);
      const now = Date.now();
      if (text && (text !== last || now - lastSeenAt > gapMs)) onCode(text);
      if (text) {
        last = text;
        lastSeenAt = now;
      }
    } catch {
      // A frame that cannot be read is skipped.
    }
    setTimeout(tick, 120);
  };
  void tick();
  return {
    stop() {
      running = false;
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
      video.hidden = true;
    },
  };
}
