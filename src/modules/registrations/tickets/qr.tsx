import QRCode from 'qrcode';

/**
 * A QR code as inline SVG built from the module matrix: no extra request, no image decoding, crisp at any
 * size, and rendered by Preact (no raw HTML string). One path of 1×1 squares, with a 4-module quiet zone.
 */
export function QrSvg(props: { text: string; label: string; size?: number }) {
  const qr = QRCode.create(props.text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (qr.modules.data[y * n + x]) d += `M${x + 4} ${y + 4}h1v1h-1z`;
    }
  }
  const total = n + 8;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${total} ${total}`}
      width={props.size ?? 240}
      height={props.size ?? 240}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
      class="qr"
    >
      <rect width={total} height={total} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
