import QRCode from 'qrcode';

interface DrawnQr {
  /** One path: a rectangle per run of dark modules in a row, offset by the 4-module quiet zone. */
  d: string;
  /** The side in modules, quiet zone included. */
  total: number;
}

/** Tickets kept drawn: a path is ~3 KB, so this is ~30 MB at most, about one big webinar's surge of openings. */
const KEEP = 10_000;
// Process-wide on purpose: a QR is a pure function of the text it encodes (a ticket's code never changes, and a
// new code is a new key), so every app in the process may share one memo and it can never be stale. Drawing
// one costs ~1 ms of CPU (eight mask patterns scored), the largest part of a ticket page. A Map keeps insertion
// order, which makes it an LRU: a hit is moved to the end, the first key is the least recently used.
const drawn = new Map<string, DrawnQr>();

function draw(text: string): DrawnQr {
  // Ticket codes are lowercase letters and digits, which only byte mode encodes; saying so up front skips
  // the library's search for the cheapest mix of modes.
  const qr = QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  });
  const n = qr.modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!qr.modules.data[y * n + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && qr.modules.data[y * n + x]) x++;
      d += `M${start + 4} ${y + 4}h${x - start}v1h-${x - start}z`;
    }
  }
  return { d, total: n + 8 };
}

/** The drawn QR of this text, from the memo when it was drawn before. */
export function qrPath(text: string): DrawnQr {
  const hit = drawn.get(text);
  if (hit) {
    drawn.delete(text);
    drawn.set(text, hit);
    return hit;
  }
  const made = draw(text);
  drawn.set(text, made);
  if (drawn.size > KEEP) drawn.delete(drawn.keys().next().value!);
  return made;
}

/**
 * A QR code as inline SVG built from the module matrix: no extra request, no image decoding, crisp at any
 * size, and rendered by Preact (no raw HTML string). One path of rectangles, with a 4-module quiet zone.
 */
export function QrSvg(props: { text: string; label: string; size?: number }) {
  const { d, total } = qrPath(props.text);
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
